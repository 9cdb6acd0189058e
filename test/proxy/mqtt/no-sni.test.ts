/**
 * MQTT over TLS from a client that sends no SNI (some embedded TLS stacks never do), through a real
 * mosquitto with a TLS listener: the broker is the name the gateway's DNS steered to that client, the
 * leaf is minted for that name (the client verifies it against the name it resolved), the payload is
 * policed, and a client the DNS steered nowhere is refused with a TLS alert and recorded with the reason.
 */
import tls from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SteeredNames } from '../../../src/dns/index.js';
import type { PolicyInput } from '../../../src/policy/index.js';
import { connectThrough, corpus, Subscriber } from './clients.js';
import { startMqttGateway, type MqttGateway } from './mqtt-gateway.js';
import { BROKER_NAME, startMosquitto, type Broker } from './mosquitto.js';

const STEERED_CLIENT = '127.0.0.5';
const UNSTEERED_CLIENT = '127.0.0.6';

const policy: PolicyInput = {
  version: 1,
  mode: 'enforce',
  devices: [
    {
      id: 'quiet-plug',
      name: 'Plug without SNI',
      addresses: [STEERED_CLIENT],
      destinations: [{ id: 'broker', vendor: 'Tasmota', hosts: [BROKER_NAME], schemes: ['mqtts'] }],
    },
    { id: 'lost-plug', name: 'Plug steered nowhere', addresses: [UNSTEERED_CLIENT] },
  ],
  rules: [{ id: 'redact-ssid', path: '$.Wifi.SSId', action: 'redact' }],
};

describe('MQTT over TLS without SNI', () => {
  let broker: Broker;
  let gateway: MqttGateway;
  let subscriber: Subscriber;

  beforeAll(async () => {
    broker = await startMosquitto({ tls: true });
    const steeredNames = new SteeredNames();
    // What the gateway's resolver does when it answers this client's query for the broker's name.
    steeredNames.remember(STEERED_CLIENT, BROKER_NAME, 300, Date.now());
    gateway = await startMqttGateway(policy, broker, { steeredNames, withoutUpstream: true });
    subscriber = await Subscriber.connect(broker.port, '#');
  }, 60_000);

  afterAll(async () => {
    await subscriber?.close();
    await gateway?.close();
    await broker?.stop();
  });

  /** An IP host and no servername: Node (and MQTT.js) send no SNI; the certificate is checked for the resolved name. */
  const withoutSni = (localAddress: string) =>
    ({
      protocol: 'mqtts',
      ca: gateway.caPem,
      localAddress,
      protocolVersion: 5,
      checkServerIdentity: (_host: string, cert: tls.PeerCertificate) => tls.checkServerIdentity(BROKER_NAME, cert),
    }) as const;

  it('finds the broker from the DNS answer, mints its leaf and polices the payload', async () => {
    const topic = 'tele/tasmota_5A5A5A/STATE';
    const client = await connectThrough(gateway.mqttsPort, withoutSni(STEERED_CLIENT));
    await client.publishAsync(topic, corpus('tasmota-tele-state.json'), { qos: 1 });
    await client.endAsync();
    const received = JSON.parse((await subscriber.next(topic)).payload.toString()) as { Wifi: Record<string, unknown> };
    expect(received.Wifi.SSId).toBe('[redacted:network]');
    const record = gateway.records.find((r) => r.method === 'PUBLISH' && r.connection.client.address === STEERED_CLIENT);
    expect(record?.connection.destination).toMatchObject({ host: BROKER_NAME, scheme: 'mqtts', port: 8883 });
    expect(record?.connection.explanation.reason).toMatch(/no SNI: broker broker\.test found from the gateway's DNS answer: a name the policy lists for mqtts$/);
  });

  it('refuses a client without SNI that the DNS steered nowhere, and records why', async () => {
    await expect(connectThrough(gateway.mqttsPort, withoutSni(UNSTEERED_CLIENT))).rejects.toThrow();
    const record = gateway.records.find((r) => r.connection.client.address === UNSTEERED_CLIENT);
    expect(record?.connection.verdict).toBe('block');
    expect(record?.error?.message).toMatch(/without a server name \(SNI\), the gateway's DNS steered no name to this client recently and no MQTT upstream/);
    expect(subscriber.messages.map((m) => m.topic)).not.toContain('tele/lost/STATE');
  });
});
