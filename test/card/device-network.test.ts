// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import '../../src/card/components/device-network.js';
import { HaDataSource } from '../../src/card/data/ha-data-source.js';
import { networkFromPage } from '../../src/card/data/network-mapping.js';
import { createLocalize } from '../../src/card/localize.js';
import type { DeviceNetworkView } from '../../src/card/network.js';
import type { NetworkView } from '../../src/page/index.js';
import { FakeConnection, deepQuery, deepText, fixture } from './fake-hass.js';

afterEach(() => document.body.replaceChildren());

const AT = Date.UTC(2026, 10, 21, 10, 0);
const DEVICE_ID = 'fedcba9876543210fedcba9876543210';

const PAGE_NETWORK: NetworkView = {
  dns: {
    names: [
      { name: 'api.acme.example', queries: 4, steered: 3, truthful: 1, sinkholed: 0, failed: 0, encryptedDns: false, firstSeen: AT, lastSeen: AT, lastAnswer: 'steered' },
      { name: 'ads.tracker.example', queries: 2, steered: 0, truthful: 0, sinkholed: 2, failed: 0, encryptedDns: false, firstSeen: AT, lastSeen: AT, lastAnswer: 'sinkholed' },
    ],
    ownDns: [{ kind: 'connected-encrypted-dns', host: 'dns.google', port: 443, lastSeen: AT, explanation: 'connected to dns.google:443' }],
  },
  mqtt: {
    topics: [
      { host: 'mqtt.acme.example', topic: '/tele/{device}/SENSOR', direction: 'published', messages: 12, blocked: 2, firstSeen: AT, lastSeen: AT },
      { host: 'mqtt.acme.example', topic: '/cmnd/POWER', direction: 'received', messages: 1, blocked: 0, firstSeen: AT, lastSeen: AT },
    ],
  },
};

async function render(network: DeviceNetworkView): Promise<Element> {
  const element = document.createElement('pg-device-network');
  element.network = network;
  element.localize = createLocalize('en');
  document.body.append(element);
  await element.updateComplete;
  return element;
}

describe('pg-device-network', () => {
  it('shows each name with how it was answered, and each topic with its direction and blocks', async () => {
    const element = await render(networkFromPage(PAGE_NETWORK));
    const names = deepText(deepQuery(element, '[data-testid="dns-names"]') ?? element);
    expect(names).toContain('api.acme.example');
    expect(names).toContain('steered to the gateway 3, truthfully 1');
    expect(names).toContain('sinkholed 2');
    const topics = deepText(deepQuery(element, '[data-testid="mqtt-topics"]') ?? element);
    expect(topics).toContain('mqtt.acme.example/tele/{device}/SENSOR');
    expect(topics).toContain('published');
    expect(topics).toContain('12 (2 blocked)');
    expect(topics).toContain('received');
    expect(deepText(deepQuery(element, '[data-testid="own-dns"]') ?? element)).toContain(
      'connected to a public encrypted-DNS service: dns.google:443',
    );
  });

  it('says what it does not know instead of showing empty lists, and no warning without a sign', async () => {
    const element = await render({ dnsNames: undefined, mqttTopics: undefined, ownDns: [] });
    const text = deepText(element.shadowRoot ?? element);
    expect(text).toContain("The names it looks up are shown once the gateway's DNS reports them.");
    expect(text).toContain('MQTT topics are shown once the gateway reports them.');
    expect(deepQuery(element, '[data-testid="own-dns"]')).toBeUndefined();
  });
});

describe('the HA source and "uses its own DNS"', () => {
  it('takes the evidence from the device figures and accepts dns_bypass events in the history', async () => {
    const report = fixture('ha-device-report.json');
    const stats = report.stats as Record<string, unknown>;
    stats.own_dns = {
      'unresolved-address 203.0.113.9': { signal: 'unresolved-address', host: '203.0.113.9', port: 443, count: 4, last_seen: '2026-11-21T10:00:00+00:00' },
    };
    report.events = [
      { ts: '2026-11-21T10:00:00+00:00', event_type: 'dns_bypass', data: { destination: '203.0.113.9', signal: 'unresolved-address', port: 443, count: 4, explanation: 'x' } },
    ];
    const source = new HaDataSource(new FakeConnection().answer('privacy_gateway/device_report', () => report), true);
    const device = await source.device(DEVICE_ID);
    expect(device.network).toEqual({
      dnsNames: undefined,
      mqttTopics: undefined,
      ownDns: [{ signal: 'unresolved-address', host: '203.0.113.9', port: 443, count: 4, lastSeen: Date.parse('2026-11-21T10:00:00+00:00') }],
    });
    expect(device.violations).toEqual([]);
  });

  it('shows the names and topics the integration keeps, newest first; a list that does not parse is unknown', async () => {
    const report = {
      ...fixture('ha-device-report.json'),
      dns_names: [
        { name: 'old.example', queries: 1, truthful: 1, last_answer: 'truthful', last_seen: '2026-11-20T10:00:00+00:00' },
        { name: 'api.acme.example', queries: 3, steered: 3, last_answer: 'steered', last_seen: '2026-11-21T10:00:00+00:00' },
      ],
      mqtt_topics: 'not a list',
    };
    const source = new HaDataSource(new FakeConnection().answer('privacy_gateway/device_report', () => report), true);
    const { network } = await source.device(DEVICE_ID);
    expect(network?.dnsNames?.map((name) => [name.name, name.lastAnswer, name.steered])).toEqual([
      ['api.acme.example', 'steered', 3],
      ['old.example', 'truthful', 0],
    ]);
    expect(network?.mqttTopics).toBeUndefined();
  });
});
