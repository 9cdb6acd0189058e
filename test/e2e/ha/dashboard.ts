/**
 * What the browser suite needs in Home Assistant beyond the household of setup.ts: onboarding finished
 * (the frontend sends an unfinished one back to the onboarding pages), one more mediated device, and a
 * storage-mode dashboard with the card.
 */
import type { HaClient } from './ha-client.js';

export const OWNER = { username: 'owner', password: 'e2e-owner-password' } as const;
export const CARD_URL_PATH = '/privacy_gateway/privacy-gateway-card.js';

/** The onboarding steps after the owner (core config, analytics, integrations), as the wizard sends them. */
export async function finishOnboarding(client: HaClient): Promise<void> {
  for (const [step, body] of [
    ['core_config', {}],
    ['analytics', {}],
    ['integration', { client_id: `${client.url}/`, redirect_uri: `${client.url}/?auth_callback=1` }],
  ] as const) {
    const answer = await client.rest('POST', `/api/onboarding/${step}`, body);
    // 403: the step was done already.
    if (answer.status !== 200 && answer.status !== 403) throw new Error(`onboarding step ${step} failed: ${JSON.stringify(answer)}`);
  }
  const status = await client.rest('GET', '/api/onboarding');
  const pending = (status.json as { step: string; done: boolean }[]).filter((step) => !step.done);
  if (pending.length > 0) throw new Error(`onboarding is not finished: ${JSON.stringify(pending)}`);
}

/** A test device (fixtures/pg_test_device) made a mediated device of the gateway at `address`. */
export async function addMediatedDevice(client: HaClient, entryId: string, name: string, serial: string, address: string): Promise<string> {
  const created = await client.flow('/api/config/config_entries/flow', { handler: 'pg_test_device' }, [{ name, serial }]);
  if (created.type !== 'create_entry') throw new Error(`the test device flow failed: ${JSON.stringify(created)}`);
  const devices = await client.command<{ id: string; identifiers: [string, string][] }[]>({ type: 'config/device_registry/list' });
  const device = devices.find((d) => d.identifiers.some(([domain, id]) => domain === 'pg_test_device' && id === serial));
  if (!device) throw new Error(`the test device ${serial} is not in the device registry`);
  const mediated = await client.flow(
    '/api/config/config_entries/subentries/flow',
    { handler: [entryId, 'mediated_device'] },
    [{ device_id: device.id }, { addresses: [address] }],
  );
  if (mediated.type !== 'create_entry') throw new Error(`the mediated device flow failed: ${JSON.stringify(mediated)}`);
  return device.id;
}

export type LovelaceView = { readonly path: string; readonly title: string; readonly [key: string]: unknown };

/** A storage-mode dashboard shown in the sidebar, with `views` saved as its configuration. */
export async function createDashboard(client: HaClient, urlPath: string, title: string, views: readonly LovelaceView[]): Promise<void> {
  await client.command({
    type: 'lovelace/dashboards/create',
    url_path: urlPath,
    title,
    mode: 'storage',
    show_in_sidebar: true,
    require_admin: false,
  });
  await client.command({ type: 'lovelace/config/save', url_path: urlPath, config: { title, views } });
}

/** The dashboard resources (what every dashboard loads before its cards). */
export async function lovelaceResources(client: HaClient): Promise<{ url: string; type: string }[]> {
  return client.command<{ url: string; type: string }[]>({ type: 'lovelace/resources' });
}
