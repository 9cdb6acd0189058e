/**
 * What the browser suite needs in Home Assistant beyond the household of setup.ts: onboarding finished
 * (the frontend sends an unfinished one back to the onboarding pages), one more mediated device, and a
 * storage-mode dashboard with the card.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { HaClient } from './ha-client.js';

export const OWNER = { username: 'owner', password: 'e2e-owner-password' } as const;
export const CARD_URL_PATH = '/privacy_gateway/privacy-gateway-card.js';

/**
 * Marks the onboarding steps after the owner as done before Home Assistant first starts, so creating
 * the owner (setup.ts) finishes onboarding. Sending those steps instead would set up the integrations
 * onboarding adds (met, radio_browser, …), which call hosts on the internet.
 */
export function presetOnboarding(configDir: string): void {
  mkdirSync(join(configDir, '.storage'), { recursive: true });
  const store = { version: 4, minor_version: 1, key: 'onboarding', data: { done: ['core_config', 'analytics', 'integration'] } };
  writeFileSync(join(configDir, '.storage', 'onboarding'), JSON.stringify(store));
}

/** Fails unless every onboarding step is done (the frontend sends an unfinished one to onboarding.html). */
export async function expectOnboarded(client: HaClient): Promise<void> {
  const status = await client.rest('GET', '/api/onboarding');
  const steps = Array.isArray(status.json) ? (status.json as { step: string; done: boolean }[]) : [];
  const pending = steps.filter((step) => !step.done);
  if (status.status !== 200 || pending.length > 0) throw new Error(`onboarding is not finished: ${JSON.stringify(status)}`);
}

/**
 * Home Assistant 2026 asks the owner to confirm HTTP settings that differ from the defaults (ours: port
 * and address) in a dialog over every page, and reverts them after five minutes; confirm them as the
 * dialog's button would.
 */
export async function confirmHttpSettings(client: HaClient): Promise<void> {
  await client.command({ type: 'http/config/promote' });
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
