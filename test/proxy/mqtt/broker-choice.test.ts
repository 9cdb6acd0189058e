import { describe, expect, it } from 'vitest';
import { compilePolicy, parsePolicy } from '../../../src/policy/index.js';
import { steeredMqttBroker } from '../../../src/proxy/index.js';

const CLIENT = '127.0.0.2';
const NOW = 1_800_000_000_000;
const policy = compilePolicy(
  parsePolicy({
    version: 1,
    mode: 'enforce',
    devices: [
      {
        id: 'plug',
        name: 'Plug',
        addresses: [CLIENT],
        destinations: [
          { vendor: 'Vendor', hosts: ['mqtt.vendor.test', 'mqtt2.vendor.test'], schemes: ['mqtt'] },
          { vendor: 'Vendor', hosts: ['api.vendor.test'] },
        ],
      },
    ],
  }),
);
/** Newest first, as SteeredNames gives them. */
const steered = (...names: string[]) => ({ lastFor: () => names.map((name, i) => ({ name, at: NOW - i })) });
const UPSTREAM = { host: 'bridge.test', port: 1884 };

describe('steeredMqttBroker', () => {
  it.each([
    ['a name listed for mqtt, over the upstream and a newer HTTPS name', ['api.vendor.test', 'mqtt.vendor.test'], UPSTREAM, 'mqtt.vendor.test:1883', /lists for mqtt \(also steered to this client recently: api\.vendor\.test\)/],
    ['the newest of two names listed for mqtt', ['mqtt2.vendor.test', 'mqtt.vendor.test'], undefined, 'mqtt2.vendor.test:1883', /the newest of the names the policy lists for mqtt/],
    ['the upstream over a steered name not listed for mqtt', ['api.vendor.test'], UPSTREAM, 'bridge.test:1884', /from --mqtt-upstream \(no name steered to this client is listed for mqtt: api\.vendor\.test\)/],
    ['the upstream when nothing was steered', [], UPSTREAM, 'bridge.test:1884', /from --mqtt-upstream$/],
    ['the newest steered name when there is no upstream', ['api.vendor.test', 'other.test'], undefined, 'api.vendor.test:1883', /the newest name steered to this client \(also steered to this client recently: other\.test\)/],
  ])('picks %s', (_case, names, upstream, expected, why) => {
    const broker = steeredMqttBroker(policy, CLIENT, steered(...names), upstream, NOW);
    expect(broker && `${broker.host}:${broker.port}`).toBe(expected);
    expect(broker?.why).toMatch(why);
  });

  it('for MQTT over TLS without SNI: a name listed for mqtts, else the upstream host, both on 8883', () => {
    const tlsPolicy = compilePolicy(
      parsePolicy({
        version: 1,
        mode: 'enforce',
        devices: [{ id: 'plug', name: 'Plug', addresses: [CLIENT], destinations: [{ vendor: 'Vendor', hosts: ['mqtts.vendor.test'], schemes: ['mqtts'] }] }],
      }),
    );
    const listed = steeredMqttBroker(tlsPolicy, CLIENT, steered('api.vendor.test', 'mqtts.vendor.test'), UPSTREAM, NOW, 'mqtts');
    expect(listed).toMatchObject({ host: 'mqtts.vendor.test', port: 8883, how: 'steered' });
    expect(listed?.why).toMatch(/a name the policy lists for mqtts/);
    // The plain-MQTT listing does not make a name a TLS broker.
    expect(steeredMqttBroker(policy, CLIENT, steered('mqtt.vendor.test'), UPSTREAM, NOW, 'mqtts')).toMatchObject({ host: 'bridge.test', port: 8883, how: 'upstream' });
  });

  it('gives no broker when nothing was steered and no upstream is configured', () => {
    expect(steeredMqttBroker(policy, CLIENT, steered(), undefined, NOW)).toBeUndefined();
    expect(steeredMqttBroker(policy, CLIENT, undefined, undefined, NOW)).toBeUndefined();
  });
});
