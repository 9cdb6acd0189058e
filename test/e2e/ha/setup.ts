/**
 * Sets a fresh Home Assistant up the way an owner would: onboarding, the Privacy Gateway integration
 * (whose flow issues the sidecar's token), a device, and that device made a mediated device.
 */
import type { HaClient, FlowResult } from './ha-client.js';

export const CONFIGURATION = `
homeassistant:
  name: Privacy Gateway e2e
  time_zone: UTC
  country: NL
  unit_system: metric
  currency: EUR
  latitude: 52.37
  longitude: 4.89
  elevation: 0
  internal_url: http://127.0.0.1:{{PORT}}
http:
  server_host: 127.0.0.1
  server_port: {{PORT}}
api:
websocket_api:
config:
onboarding:
frontend:
  development_repo: {{FRONTEND}}
logger:
  default: warning
input_boolean:
  privacy_violation_seen:
    name: Privacy violation seen
automation:
  - id: pg_e2e_violation
    alias: Privacy violation seen
    triggers:
      - trigger: event
        event_type: privacy_gateway_violation
    actions:
      - action: input_boolean.turn_on
        target:
          entity_id: input_boolean.privacy_violation_seen
`;

export interface Household {
  readonly entryId: string;
  readonly sidecarToken: string;
  readonly deviceId: string;
}

export async function setUpHousehold(client: HaClient, clientAddress: string): Promise<Household> {
  await client.onboard();
  const gateway = await client.flow('/api/config/config_entries/flow', { handler: 'privacy_gateway' }, [{}]);
  const placeholders = gateway.description_placeholders as { token?: string } | undefined;
  const entry = gateway.result as { entry_id?: string } | undefined;
  if (gateway.type !== 'create_entry' || !placeholders?.token || !entry?.entry_id) {
    throw new Error(`the Privacy Gateway flow did not issue a sidecar token: ${JSON.stringify(gateway)}`);
  }
  const tv = await client.flow('/api/config/config_entries/flow', { handler: 'pg_test_device' }, [{ name: 'Living room TV', serial: 'tv-1' }]);
  expectCreated(tv, 'test device');
  const devices = await client.command<{ id: string; identifiers: [string, string][] }[]>({ type: 'config/device_registry/list' });
  const device = devices.find((d) => d.identifiers.some(([domain, id]) => domain === 'pg_test_device' && id === 'tv-1'));
  if (!device) throw new Error('the test device is not in the device registry');
  const mediated = await client.flow(
    '/api/config/config_entries/subentries/flow',
    { handler: [entry.entry_id, 'mediated_device'] },
    [{ device_id: device.id }, { addresses: [clientAddress] }],
  );
  expectCreated(mediated, 'mediated device');
  return { entryId: entry.entry_id, sidecarToken: placeholders.token, deviceId: device.id };
}

/** A device of the test integration in the real device registry, as another integration would register it. */
export async function addTestDevice(
  client: HaClient,
  device: { name: string; serial: string; serial_number?: string; mac?: string; model?: string },
): Promise<void> {
  expectCreated(await client.flow('/api/config/config_entries/flow', { handler: 'pg_test_device' }, [device]), 'test device');
}

function expectCreated(result: FlowResult, what: string): void {
  if (result.type !== 'create_entry') throw new Error(`the ${what} flow did not create an entry: ${JSON.stringify(result)}`);
}

/** A policy edit; retried while the entry reloads (a new mediated device reloads it: `not_loaded`). */
export async function editPolicy(client: HaClient, operation: string, data: Record<string, unknown>): Promise<{ etag: string }> {
  const until = Date.now() + 15_000;
  for (;;) {
    try {
      return await client.command<{ etag: string }>({ type: 'privacy_gateway/policy/edit', operation, data });
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code !== 'not_loaded' || Date.now() > until) throw error;
      await new Promise((done) => setTimeout(done, 200));
    }
  }
}

export interface DeviceStats {
  readonly violations_today: number;
  readonly requests: number;
  readonly bytes_uploaded: number;
  readonly destinations: string[];
}

export async function deviceStats(client: HaClient, deviceId: string): Promise<DeviceStats & { connected: boolean }> {
  const answer = await client.command<{ connected: boolean; devices: { device_id: string; stats: DeviceStats }[] }>({
    type: 'privacy_gateway/devices',
  });
  const device = answer.devices.find((d) => d.device_id === deviceId);
  if (!device) throw new Error(`device ${deviceId} is not a mediated device in Home Assistant`);
  return { ...device.stats, connected: answer.connected };
}

/** Polls an async condition. */
export async function eventually(what: string, check: () => Promise<boolean> | boolean, timeoutMs = 15_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((done) => setTimeout(done, 100));
  }
}
