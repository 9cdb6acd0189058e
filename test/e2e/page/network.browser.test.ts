/**
 * The device view's network and conditions sections in a real browser (Debian's chromium via
 * playwright-core), from real traffic: the plug asks the gateway's own resolver for its broker's name,
 * publishes with mosquitto_pub through the gateway's plain MQTT listener to a real mosquitto, and the
 * standalone page shows the name it looked up, the topic (templated) and the rule that follows the home.
 * On loopback every 127.x address counts as the gateway itself, whose lookups are answered truthfully,
 * never steered; steering is shown from network namespaces in test/e2e/home.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../../src/config.js';
import { silentLogger } from '../../../src/logger.js';
import { Gateway } from '../../../src/main.js';
import { ask, startFakeUpstream, type FakeUpstream } from '../../dns/fake-upstream.js';
import { mosquittoPub, Subscriber } from '../../proxy/mqtt/clients.js';
import { startMosquitto, type Broker } from '../../proxy/mqtt/mosquitto.js';
import { Browser, chromiumPath } from '../ha/browser.js';

const browserPath = chromiumPath();
const unavailable = typeof browserPath === 'string' ? undefined : browserPath.unavailable;
if (unavailable) console.warn(`[e2e/page network browser] skipped: ${unavailable}`);

const PLUG = '127.0.0.7';
const BROKER = 'mqtt.plug.test';
const SHOWN = { timeout: 15_000 } as const;

describe.skipIf(unavailable !== undefined)('the device network and conditions sections in a real browser', () => {
  let dir: string;
  let broker: Broker;
  let subscriber: Subscriber;
  let resolver: FakeUpstream;
  let gateway: Gateway;
  let pageUrl: string;
  let browser: Browser;

  beforeAll(async () => {
    const bundle = join(import.meta.dirname, '../../../www/build/privacy-gateway-card.js');
    if (!existsSync(bundle)) throw new Error(`${bundle} is missing: run \`npm run build\` before the browser suites`);
    dir = await mkdtemp(join(tmpdir(), 'pg-page-network-'));
    const policy = {
      version: 1,
      mode: 'enforce',
      devices: [
        {
          id: 'plug',
          name: 'Garage plug',
          addresses: [PLUG],
          destinations: [{ id: 'broker', vendor: 'Plug Corp', hosts: [BROKER], schemes: ['mqtt'] }],
          rules: [{ id: 'ssid-when-guests', path: '$.Wifi.SSId', action: 'redact', when: { entity: 'input_boolean.guest_mode', state: 'on' } }],
        },
      ],
    };
    await writeFile(join(dir, 'policy.json'), JSON.stringify(policy), { mode: 0o600 });
    broker = await startMosquitto();
    subscriber = await Subscriber.connect(broker.port, '#');
    resolver = await startFakeUpstream({ [BROKER]: [{ type: 'A', name: BROKER, ttl: 60, data: '127.0.0.1' }] });
    gateway = new Gateway(
      parseConfig({
        dataDir: dir,
        proxy: { port: 0 },
        page: { port: 0 },
        dns: { port: 0, upstream: `127.0.0.1:${resolver.port}`, answerAddresses: ['127.0.0.1'] },
        mqtt: { port: 0, upstream: `${BROKER}:1883` },
      }),
      { logger: silentLogger, resolveUpstream: (host, port) => (host === BROKER ? { host: '127.0.0.1', port: broker.port } : { host, port }) },
    );
    const addresses = await gateway.start();
    pageUrl = `http://127.0.0.1:${addresses.page.port}`;
    const dns = addresses.dns;
    const mqttPort = addresses.mqtt?.port;
    if (dns === undefined || mqttPort === undefined) throw new Error('the gateway started without its DNS or MQTT listener');

    const answer = await ask(dns, BROKER, 'A', { from: PLUG });
    expect((answer.answers ?? []).map((record) => ('data' in record ? record.data : undefined))).toEqual(['127.0.0.1']);
    // Read at once: the page commits the resolver's pending log before it reads (the log batches for 1 s).
    const summary = (await (await fetch(`${pageUrl}/api/devices/plug`)).json()) as { network: { dns: { names: { name: string }[] } } };
    expect(summary.network.dns.names.map((entry) => entry.name)).toEqual([BROKER]);
    const state = JSON.stringify({ Wifi: { SSId: 'Garage-Guest-5G', RSSI: 60 }, POWER: 'ON' });
    const sent = await mosquittoPub(['-A', PLUG, '-h', '127.0.0.1', '-p', String(mqttPort), '-q', '1', '-t', 'tele/plug_9C8B7A/STATE', '-m', state]);
    expect(sent).toEqual({ code: 0, stderr: '' });
    // The condition's state was never seen, so the stricter reading (redact) applies.
    expect(JSON.parse((await subscriber.next('tele/plug_9C8B7A/STATE')).payload.toString())).toMatchObject({ Wifi: { SSId: '[redacted:network]' } });
    if (typeof browserPath === 'string') browser = await Browser.launch(browserPath);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await gateway?.stop();
    await subscriber?.close();
    await broker?.stop();
    await resolver?.close();
    if (dir !== undefined) await rm(dir, { recursive: true, force: true });
  });

  it('shows the name it looked up, the templated topic and the conditioned rule read the stricter way', async () => {
    const page = browser.page;
    await page.goto(`${pageUrl}/`);
    await page.getByRole('button', { name: /^Open Garage plug, Trust score \d+$/ }).click(SHOWN);
    const names = page.getByRole('region', { name: 'Names it looked up' });
    await expect.poll(() => names.textContent(), SHOWN).toContain(BROKER);
    expect(await names.textContent()).toMatch(/truthfully 1/);
    const topics = page.getByRole('region', { name: 'MQTT topics' });
    await expect.poll(() => topics.textContent(), SHOWN).toContain(`${BROKER}/tele/{device}/STATE`);
    expect(await topics.textContent()).toContain('published');
    expect(await page.content()).not.toContain('plug_9C8B7A');
    const rule = page.getByTestId('conditioned-rule');
    await expect.poll(() => rule.first().textContent(), SHOWN).toMatch(/\$\.Wifi\.SSId → redact\s+while input_boolean\.guest_mode is on/);
    expect(await rule.first().textContent()).toContain('state never seen: the gateway takes the stricter reading');
    expect(browser.pageErrors).toEqual([]);
  });
});
