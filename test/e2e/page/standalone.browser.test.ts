/**
 * The standalone page in a real browser (Debian's chromium via playwright-core): a running gateway with
 * its policy file, a device talking through the proxy with curl, the owner logging in with the one-time
 * link the gateway printed, and one click on "Block" that changes the policy file and makes the gateway
 * refuse the next request to that destination.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../../src/config.js';
import { silentLogger } from '../../../src/logger.js';
import { Gateway } from '../../../src/main.js';
import { curl } from '../../helpers/proxy-clients.js';
import { startUpstream, type Upstream } from '../../helpers/upstream-servers.js';
import { Browser, chromiumPath } from '../ha/browser.js';
import { existsSync } from 'node:fs';

const browserPath = chromiumPath();
const unavailable = typeof browserPath === 'string' ? undefined : browserPath.unavailable;
if (unavailable) console.warn(`[e2e/page browser] skipped: ${unavailable}`);

const PLUG = '127.0.0.6';
const SHOWN = { timeout: 15_000 } as const;

describe.skipIf(unavailable !== undefined)('the standalone page in a real browser', () => {
  let dir: string;
  let file: string;
  let upstream: Upstream;
  let gateway: Gateway;
  let pageUrl: string;
  let loginPath: string;
  let proxy: string;
  let browser: Browser;

  const fromPlug = async (host: string): Promise<number> =>
    (await curl(['--interface', PLUG, '-x', proxy, `http://${host}:${upstream.port}/v1/report`])).status;

  beforeAll(async () => {
    const bundle = join(import.meta.dirname, '../../../www/build/privacy-gateway-card.js');
    if (!existsSync(bundle)) throw new Error(`${bundle} is missing: run \`npm run build\` before the browser suites`);
    dir = await mkdtemp(join(tmpdir(), 'pg-page-browser-'));
    file = join(dir, 'policy.json');
    const policy = {
      version: 1,
      mode: 'enforce',
      destinations: [
        { id: 'vendor', vendor: 'Plug Corp', hosts: ['vendor.test'] },
        { id: 'ads', vendor: 'Ad network', hosts: ['ads.test'] },
      ],
      devices: [{ id: 'plug', name: 'Kitchen plug', addresses: [PLUG] }],
    };
    await writeFile(file, JSON.stringify(policy), { mode: 0o600 });
    upstream = await startUpstream();
    gateway = new Gateway(parseConfig({ dataDir: dir, proxy: { port: 0 }, page: { port: 0 } }), {
      logger: silentLogger,
      resolveUpstream: (host, port) => (host.endsWith('.test') ? { host: '127.0.0.1', port } : { host, port }),
    });
    const addresses = await gateway.start();
    pageUrl = `http://127.0.0.1:${addresses.page.port}`;
    loginPath = addresses.pageLogin?.path ?? '';
    proxy = `http://127.0.0.1:${addresses.proxy.port}`;
    expect(await fromPlug('vendor.test')).toBe(200);
    expect(await fromPlug('ads.test')).toBe(200);
    if (typeof browserPath === 'string') browser = await Browser.launch(browserPath);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await gateway?.stop();
    await upstream?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('shows the device read-only before the owner logs in', async () => {
    const page = browser.page;
    await page.goto(`${pageUrl}/`);
    await page.getByRole('button', { name: /^Open Kitchen plug, Trust score \d+$/ }).click(SHOWN);
    await page.getByRole('region', { name: 'Destinations' }).locator('tr[data-host="ads.test"]').waitFor(SHOWN);
    await expect.poll(() => page.getByText(/^Read-only:/).count(), SHOWN).toBe(1);
    expect(await page.getByRole('button', { name: 'Block ads.test' }).count()).toBe(0);
  });

  it('blocks a destination with one click after the login link: the file changes and the next request is refused', async () => {
    const page = browser.page;
    await page.goto(`${pageUrl}${loginPath}`);
    await page.waitForURL(`${pageUrl}/`);
    await page.getByRole('button', { name: /^Open Kitchen plug, Trust score \d+$/ }).click(SHOWN);
    await page.getByRole('button', { name: 'Block ads.test' }).click(SHOWN);
    await expect.poll(() => page.getByRole('status').textContent(), SHOWN).toBe('Applied: ads.test blocked');

    const written = JSON.parse(await readFile(file, 'utf8')) as { devices: { id: string; destinations: { id?: string; access: string }[] }[] };
    const plug = written.devices.find((device) => device.id === 'plug');
    expect(plug?.destinations).toContainEqual(expect.objectContaining({ id: 'host:ads.test', access: 'block' }));
    expect(await fromPlug('ads.test')).toBe(403);
    expect(await fromPlug('vendor.test')).toBe(200);
    expect(browser.pageErrors).toEqual([]);
  });

  it('shows the destination blocked as the file says, and one click on Allow lets it through again', async () => {
    const page = browser.page;
    // The learn-then-lock proposal lists the same host: the row meant is the destinations table's.
    const row = page.getByRole('region', { name: 'Destinations' }).locator('tr[data-host="ads.test"]');
    await expect.poll(() => row.locator('.chip').first().textContent(), SHOWN).toMatch(/blocked/i);
    await page.getByRole('button', { name: 'Allow ads.test' }).click(SHOWN);
    await expect.poll(() => page.getByRole('status').textContent(), SHOWN).toBe('Applied: ads.test allowed');
    expect(await fromPlug('ads.test')).toBe(200);
  });
});
