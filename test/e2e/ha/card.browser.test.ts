/**
 * The card in the real Home Assistant frontend (home-assistant-frontend, as requirements_test.txt pins
 * it), in Debian's chromium: the owner logs in on the real login page, opens a dashboard with the card,
 * sees the traffic this test sends through the gateway, redacts a field with one click, and the next
 * request arrives redacted at the upstream. Screenshots for the README go to docs/screenshots/ with
 * PG_UPDATE_SCREENSHOTS=1, else to a temporary directory.
 * Home Assistant, the sidecar and the browser start once for the file.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { curl } from '../../helpers/proxy-clients.js';
import { bodyText, startUpstream, type Upstream } from '../../helpers/upstream-servers.js';
import { Browser, chromiumPath, DESKTOP, PHONE } from './browser.js';
import { addMediatedDevice, CARD_URL_PATH, confirmHttpSettings, createDashboard, expectOnboarded, lovelaceResources, OWNER, presetOnboarding } from './dashboard.js';
import { HaClient } from './ha-client.js';
import { freePort, haEnvironment, HomeAssistantProcess, REPO } from './ha-harness.js';
import { CONFIGURATION, deviceStats, editPolicy, eventually, setUpHousehold, type Household } from './setup.js';
import { postFrom, startVendorAt, type LoopbackVendor } from './second-upstream.js';
import { ensureBuilt, SidecarProcess } from './sidecar.js';

const environment = haEnvironment();
const browserPath = chromiumPath();
const unavailable =
  'unavailable' in environment ? environment.unavailable : typeof browserPath === 'string' ? undefined : browserPath.unavailable;
if (unavailable) console.warn(`[e2e/ha browser] skipped: ${unavailable}`);

/**
 * The README's screenshots are refreshed only on request (PG_UPDATE_SCREENSHOTS=1): a plain `npm test`
 * must leave the tree clean, and a rendering differs by a few pixels from run to run.
 */
const SCREENSHOTS = process.env.PG_UPDATE_SCREENSHOTS === '1' ? join(REPO, 'docs/screenshots') : mkdtempSync(join(tmpdir(), 'pg-screenshots-'));
const DASHBOARD = 'privacy-e2e';
const HOSTILE_NAME = '<img src=x onerror=alert(1)>';
const HOSTILE_KEY = '<img src=y onerror=alert(2)>';
const LAT = '52.37125';
const LON = '4.89123';

let ha: HomeAssistantProcess;
let client: HaClient;
let upstream: Upstream;
let household: Household;
let hostileId: string;
let sidecar: SidecarProcess;
let dataDir: string;
let browser: Browser;
let page: Page;
let cameraCloud: LoopbackVendor | undefined;

/** How long the browser may take to show something (a live update, a refetch). */
const SHOWN = { timeout: 15_000 } as const;

/** One device request through the proxy; returns what the upstream received. */
async function deviceRequest(body = `{"lat":"${LAT}","lon":"${LON}","model":"tv"}`): Promise<Record<string, unknown>> {
  const before = upstream.received.length;
  const result = await curl([
    '-x', `http://127.0.0.1:${sidecar.proxyPort}`,
    '-H', 'content-type: application/json',
    '--data', body,
    `${upstream.url}/v1/telemetry`,
  ]);
  expect(result.status).toBe(200);
  const received = upstream.received[upstream.received.length - 1];
  expect(upstream.received.length, 'the request reached the upstream').toBe(before + 1);
  return JSON.parse(bodyText(received ?? { body: '{}' })) as Record<string, unknown>;
}

/** The dashboard's view at `path`, loaded and its first card rendered. */
async function openView(path: string): Promise<Locator> {
  await page.goto(`${ha.url}/${DASHBOARD}/${path}`);
  const card = page.locator('privacy-gateway-card').first();
  await card.locator('privacy-gateway-view').waitFor({ timeout: 30_000 });
  return card;
}

async function screenshot(name: string): Promise<void> {
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
}

describe.skipIf(unavailable !== undefined)('the Privacy Gateway card in the real Home Assistant frontend', () => {
  beforeAll(async () => {
    if ('unavailable' in environment || typeof browserPath !== 'string') return;
    ensureBuilt();
    upstream = await startUpstream();
    ha = new HomeAssistantProcess(environment, await freePort(), CONFIGURATION, { realFrontend: true });
    presetOnboarding(ha.hostDir);
    console.info(`[e2e/ha browser] Home Assistant with the real frontend answered after ${await ha.start()} ms`);
    client = new HaClient(ha.url);
    household = await setUpHousehold(client, '127.0.0.1');
    await expectOnboarded(client);
    await confirmHttpSettings(client);
    // A device that never sends anything, with a name that is markup.
    hostileId = await addMediatedDevice(client, household.entryId, HOSTILE_NAME, 'hostile-1', '127.0.0.9');
    // The owner pseudonymises location household-wide and enforces on the TV: `$.lat` shows up hashed.
    await editPolicy(client, 'set_field_action', { category: 'location', action: 'hash' });
    // The test vendor listens on loopback, where the gateway relays only to destinations the policy names.
    await editPolicy(client, 'allow_destination', { host: '127.0.0.1', vendor: 'Local test vendor' });
    await editPolicy(client, 'set_mode', { device_id: household.deviceId, mode: 'enforce' });
    await createDashboard(client, DASHBOARD, 'Privacy e2e', [
      { path: 'household', title: 'Household', cards: [{ type: 'custom:privacy-gateway-card', title: 'Household' }] },
      { path: 'tv', title: 'TV', type: 'panel', cards: [{ type: 'custom:privacy-gateway-card', device_id: household.deviceId }] },
      { path: 'hostile', title: 'Hostile', cards: [{ type: 'custom:privacy-gateway-card', device_id: hostileId }] },
      { path: 'invalid', title: 'Invalid', cards: [{ type: 'custom:privacy-gateway-card', device: household.deviceId }] },
    ]);
    dataDir = mkdtempSync(join(tmpdir(), 'pg-e2e-sidecar-'));
    sidecar = new SidecarProcess(dataDir, { url: ha.url, token: household.sidecarToken });
    await sidecar.start();
    await sidecar.waitForLog(/applied policy \w+ from Home Assistant \(mode \w+, 2 device/);
    mkdirSync(SCREENSHOTS, { recursive: true });
    browser = await Browser.launch(browserPath);
    page = browser.page;
    await browser.logIn(ha.url, OWNER.username, OWNER.password);
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    client?.close();
    await sidecar?.stop();
    await ha?.stop();
    await upstream?.close();
    await cameraCloud?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    ha?.remove();
  }, 90_000);

  beforeEach(({ task, onTestFailed }) => {
    onTestFailed(async () => {
      const file = join(tmpdir(), `pg-e2e-browser-${task.id}.png`);
      await page?.screenshot({ path: file }).catch(() => undefined);
      console.error(`[e2e/ha browser] "${task.name}" failed on ${page?.url()}; screenshot ${file}; page errors: ${JSON.stringify(browser?.pageErrors)}`);
    });
  });

  it('loads the card bundle the integration registered as a dashboard resource', async () => {
    const resources = await lovelaceResources(client);
    expect(resources).toContainEqual(expect.objectContaining({ type: 'module', url: expect.stringContaining(CARD_URL_PATH) }));
    await openView('household');
    expect(await page.evaluate(() => customElements.get('privacy-gateway-card') !== undefined)).toBe(true);
    expect(await page.evaluate(() => (window as { customCards?: { type: string }[] }).customCards?.map((card) => card.type))).toContain(
      'privacy-gateway-card',
    );
  });

  it('shows the traffic sent through the gateway live: device, destination, field and category', async () => {
    const card = await openView('tv');
    await expect.poll(() => card.locator('pg-device-view .name').textContent(), SHOWN).toBe('Living room TV');
    const first = await deviceRequest();
    expect(first.lat).not.toBe(LAT); // hashed by the household rule
    expect(first.lat).not.toBe('[redacted:location]');

    const destinations = card.getByRole('region', { name: 'Destinations' });
    await expect.poll(() => destinations.locator('tr[data-host="127.0.0.1"] code').textContent(), SHOWN).toBe('127.0.0.1');
    const location = card.locator('.group[data-category="location"]');
    await expect.poll(() => location.locator('.group-head > span').first().textContent(), SHOWN).toBe('Location');
    const lat = location.getByRole('group', { name: 'Action for field $.lat' });
    await expect.poll(() => lat.getByRole('button', { name: 'hash' }).getAttribute('aria-pressed'), SHOWN).toBe('true');
    expect(await location.locator('tr[data-path="$.lat"] code').textContent()).toBe('$.lat');
  });

  it('redacts a field with one click, shows it confirmed, and the next request arrives redacted', async () => {
    const card = page.locator('privacy-gateway-card').first();
    const lat = card.locator('.group[data-category="location"]').getByRole('group', { name: 'Action for field $.lat' });
    await lat.getByRole('button', { name: 'redact' }).click();
    await expect.poll(() => card.getByRole('status').textContent(), SHOWN).toBe('Applied: redact for $.lat');
    expect(await lat.getByRole('button', { name: 'redact' }).getAttribute('aria-pressed')).toBe('true');
    expect(await lat.getAttribute('aria-busy')).toBe('false');

    const next = await deviceRequest();
    expect(next.lat).toBe('[redacted:location]');
    expect(next.lon).not.toBe(LON); // still hashed: only the field was changed
    expect(next.lon).not.toBe('[redacted:location]');
    expect(next.model).toBe('tv');

    // Once Home Assistant counted both requests (two location fields each), each is shown once, and stays so.
    await eventually('Home Assistant to count both requests', async () => {
      const stats = await deviceStats(client, household.deviceId);
      return stats.requests === 2 && stats.violations_today === 4 && sidecar.outboxSize() === 0;
    });
    const counts = async (): Promise<string[]> => [
      (await card.locator('tr[data-path="$.lat"] td').last().textContent()) ?? '',
      (await card.locator('tr[data-path="$.lon"] td').last().textContent()) ?? '',
      String(await card.getByText('4 violations in the last 24 hours').count()),
    ];
    await expect.poll(counts, SHOWN).toEqual(['2 times', '2 times', '1']);
    await page.waitForTimeout(1000); // a live update would refetch within 250 ms
    expect(await counts()).toEqual(['2 times', '2 times', '1']);
  });

  it('renders with the theme, light and dark, at desktop and phone widths', async () => {
    const background = (): Promise<string> =>
      page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--primary-background-color').trim());
    // The page the redaction was made on, not reloaded: the fields seen live since it opened are still there.
    expect(new URL(page.url()).pathname).toBe(`/${DASHBOARD}/tv`);
    const card = page.locator('privacy-gateway-card').first();
    expect(await card.locator('tr[data-path="$.lon"]').count()).toBe(1);
    const colours: Record<string, string> = {};
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await expect.poll(background, SHOWN).not.toBe(colours.light ?? '');
      colours[scheme] = await background();
      for (const [size, viewport] of [['desktop', DESKTOP], ['phone', PHONE]] as const) {
        await page.setViewportSize(viewport);
        await card.locator('pg-device-view .name').waitFor();
        await screenshot(`card-${scheme}-${size}`);
      }
    }
    expect(colours.dark).not.toBe(colours.light);
    await page.emulateMedia({ colorScheme: 'light' });
    await page.setViewportSize(DESKTOP);
  }, 60_000);

  it('opens the Privacy sidebar panel with the household', async () => {
    await page.goto(`${ha.url}/${DASHBOARD}/household`);
    await page.locator('ha-sidebar').getByRole('link', { name: 'Privacy', exact: true }).click();
    await page.waitForURL(/\/privacy-gateway$/);
    const panel = page.locator('privacy-gateway-panel');
    const tv = panel.getByRole('button', { name: /^Open Living room TV, Trust score \d+$/ });
    await tv.waitFor({ timeout: 15_000 });
    await expect.poll(() => panel.getByRole('button', { name: /^Open / }).count(), SHOWN).toBe(2);
    await screenshot('panel-light-desktop');
  });

  it('shows the error card naming the bad option for an invalid card configuration', async () => {
    await page.goto(`${ha.url}/${DASHBOARD}/invalid`);
    await page.locator('hui-error-card').waitFor(SHOWN);
    expect(await page.locator('privacy-gateway-view').count()).toBe(0);
    // Home Assistant shows an error card's message to the owner in edit mode.
    await page.getByRole('button', { name: 'Edit dashboard' }).click();
    const message = page.locator('hui-error-card').getByText('Invalid Privacy Gateway card configuration: unknown option "device"');
    await message.waitFor(SHOWN);
    expect(await message.isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Done', exact: true }).click();
  });

  it('renders hostile device names and field names as text, never as markup, and a device without traffic as such', async () => {
    const overview = await openView('household');
    const hostile = overview.getByRole('button', { name: `Open ${HOSTILE_NAME}, Trust score 100` });
    await hostile.waitFor({ timeout: 15_000 });
    expect(await hostile.locator('.name').textContent()).toBe(HOSTILE_NAME);
    expect(await hostile.locator('.name').isVisible()).toBe(true);

    const device = await openView('hostile');
    await expect.poll(() => device.locator('pg-device-view .name').textContent(), SHOWN).toBe(HOSTILE_NAME);
    expect(await device.getByText('No traffic seen from this device yet.').isVisible()).toBe(true);
    expect(await page.locator('privacy-gateway-card img').count()).toBe(0);

    const tv = await openView('tv');
    await deviceRequest(JSON.stringify({ [HOSTILE_KEY]: HOSTILE_NAME, lat: LAT }));
    // A key that reads like free text is a value, not a schema key: it is stored and shown templated
    // (`$.{name}`, docs/POLICY.md), so the hostile text never reaches the card at all.
    const field = tv.locator('tr[data-path] code').filter({ hasText: '{name}' });
    await field.waitFor(SHOWN);
    expect(await field.isVisible()).toBe(true);
    expect(await page.locator('privacy-gateway-card').evaluate((card) => JSON.stringify(card.shadowRoot?.innerHTML ?? ''))).not.toContain('onerror=alert(2)');
    expect(await page.locator('privacy-gateway-card img').count()).toBe(0);
    expect(browser.dialogs).toEqual([]);
  });

  it('learns, then locks down with one click: the next unlisted destination is refused and Home Assistant hears of it', async () => {
    // A camera in monitor mode (the household's) talks to two vendors on loopback: the test vendor
    // (named household-wide) and its own cloud on 127.0.0.2, which the owner named for it.
    const CAMERA = '127.0.0.12';
    const cameraId = await addMediatedDevice(client, household.entryId, 'Hall camera', 'camera-1', CAMERA);
    cameraCloud = await startVendorAt('127.0.0.2');
    await editPolicy(client, 'allow_destination', { device_id: cameraId, host: '127.0.0.2', vendor: 'Camera cloud' });
    await createDashboard(client, 'privacy-lock', 'Lock e2e', [
      { path: 'camera', title: 'Camera', type: 'panel', cards: [{ type: 'custom:privacy-gateway-card', device_id: cameraId }] },
    ]);
    await sidecar.waitForLog(/applied policy \w+ from Home Assistant \(mode \w+, 3 device/);
    let cloudRequests = 0; // refused ones too, until the sidecar has the owner's naming of 127.0.0.2
    await eventually('the camera\'s own vendor to be named in the sidecar\'s policy', async () => {
      cloudRequests += 1;
      const sent = await postFrom(CAMERA, sidecar.proxyPort, `${cameraCloud?.url ?? ''}/v1/hello`, '{"model":"cam"}');
      return sent.status === 200;
    });
    expect((await postFrom(CAMERA, sidecar.proxyPort, `${upstream.url}/v1/state`, '{"temperature":21,"model":"cam"}')).status).toBe(200);
    expect((await postFrom(CAMERA, sidecar.proxyPort, `${cameraCloud.url}/v1/events`, '{"motion":true}')).status).toBe(200);
    cloudRequests += 1;

    // The sidecar proposes from its ledger; Home Assistant keeps the proposal; the card shows it.
    await page.goto(`${ha.url}/privacy-lock/camera`);
    const card = page.locator('privacy-gateway-card').first();
    const proposal = card.locator('pg-lockdown-proposal');
    await proposal.locator('tr[data-host="127.0.0.2"]').waitFor({ timeout: 30_000 });
    await proposal.locator('tr[data-host="127.0.0.1"]').waitFor(SHOWN);
    expect(await proposal.locator('tr[data-host="127.0.0.2"] [data-owner]').textContent()).toContain('Camera cloud');
    expect(await proposal.locator('tr[data-host="127.0.0.1"] [data-owner]').textContent()).toContain('Local test vendor');
    await expect.poll(() => proposal.locator('tr[data-host="127.0.0.2"] td').nth(1).textContent(), SHOWN).toBe(String(cloudRequests));
    expect(await proposal.getByText('Learning: 0 of 7 days observed', { exact: false }).isVisible()).toBe(true);
    const cloudAccess = proposal.getByRole('group', { name: 'Proposed access for 127.0.0.2' });
    expect(await cloudAccess.getByRole('button', { name: 'allow' }).getAttribute('aria-pressed')).toBe('true');
    await page.setViewportSize(DESKTOP);
    await screenshot('card-learn-then-lock');

    // One click.
    const bus = { refused: await client.collect('privacy_gateway_new_destination'), violations: await client.collect('privacy_gateway_violation') };
    await proposal.getByRole('button', { name: 'Lock Hall camera down to 2 allowed destinations' }).click();
    await expect.poll(() => card.getByRole('status').textContent(), SHOWN).toBe('Applied: Hall camera locked down to 2 allowed destinations');
    const envelope = await client.command<{ etag: string; policy: { devices: { id: string; mode?: string; destinations: { id: string; hosts: string[]; access: string }[] }[] } }>(
      { type: 'privacy_gateway/policy' },
    );
    const locked = envelope.policy.devices.find((device) => device.id === cameraId);
    expect(locked?.mode).toBe('lockdown');
    expect(locked?.destinations.map((d) => [d.id, d.access]).sort()).toEqual([['learned:127.0.0.1', 'allow'], ['learned:127.0.0.2', 'allow']]);
    await sidecar.waitForLog(new RegExp(`applied policy ${envelope.etag} from Home Assistant`));

    // The next unlisted destination is refused at the proxy, and Home Assistant's bus hears of it.
    const refused = await postFrom(CAMERA, sidecar.proxyPort, 'http://metrics.adnet.example/v1/up', '{"model":"cam"}');
    expect(refused.status).toBe(403);
    expect((JSON.parse(refused.body) as { error: { kind: string } }).error.kind).toBe('lockdown-unlisted');
    // Proven in lockdown, a public address is safe to name: refused before any connection, it shows its country.
    expect((await postFrom(CAMERA, sidecar.proxyPort, 'http://1.1.1.1/v1/up', '{"model":"cam"}')).status).toBe(403);
    expect((await postFrom(CAMERA, sidecar.proxyPort, `${cameraCloud.url}/v1/events`, '{"motion":false}')).status).toBe(200);
    await eventually('the new-destination and violation events on the bus', () => {
      const hosts = bus.refused.events.filter((e) => e.data.device_id === cameraId).map((e) => e.data.destination);
      const rules = bus.violations.events.filter((e) => e.data.device_id === cameraId).map((e) => e.data.rule);
      return hosts.includes('metrics.adnet.example') && hosts.includes('1.1.1.1') && rules.filter((r) => r === 'lockdown-unlisted').length === 2;
    });
    await bus.refused.stop();
    await bus.violations.stop();
    const newcomer = card.getByRole('region', { name: 'Destinations' }).locator('tr[data-host="1.1.1.1"]');
    await expect.poll(() => newcomer.locator('[data-owner]').textContent(), SHOWN).toContain('AU');
    expect(await newcomer.textContent()).toContain('blocked');
    await screenshot('card-locked-down');
  }, 120_000);
});
