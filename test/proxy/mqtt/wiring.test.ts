import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startConfig } from '../../../src/cli/start.js';
import { Gateway } from '../../../src/main.js';
import type { PolicyInput } from '../../../src/policy/index.js';
import { connectThrough, corpus, mosquittoPub, Subscriber } from './clients.js';
import { startMqttGateway, type MqttGateway } from './mqtt-gateway.js';
import { BROKER_NAME, startMosquitto, type Broker } from './mosquitto.js';

const DESTINATION = { vendor: 'Test broker', hosts: [BROKER_NAME] };

describe('MQTT flags', () => {
  it('reads --mqtt-port, --mqtts-port and --mqtt-upstream', () => {
    const config = startConfig({ 'mqtt-port': '1883', 'mqtts-port': '8883', 'mqtt-upstream': 'Broker.Example.com:1884' }, {});
    expect(config.mqtt).toEqual({ port: 1883, tlsPort: 8883, upstream: { host: 'broker.example.com', port: 1884 } });
  });

  it('needs no --mqtt-upstream when DNS steering finds the broker', () => {
    const config = startConfig({ 'mqtt-port': '1883', 'dns-port': '53', 'dns-answer-address': '192.168.1.5' }, {});
    expect(config.mqtt).toEqual({ port: 1883 });
  });

  it.each([
    [{ 'mqtt-port': '1883' }, 'mqtt.upstream'],
    [{ 'mqtt-port': '1883', 'dns-port': '53' }, 'turn DNS steering on'],
    [{ 'mqtts-port': '8883', 'mqtt-upstream': 'broker.example.com' }, 'host:port'],
  ])('refuses %o', (flags, problem) => {
    expect(() => startConfig(flags, {})).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID', message: expect.stringContaining(problem) }));
  });
});

describe('the MQTT listeners of a started gateway', () => {
  let broker: Broker;
  let dataDir: string;
  let gateway: Gateway;
  let subscriber: Subscriber;

  beforeAll(async () => {
    broker = await startMosquitto();
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'pg-mqtt-main-'));
    const policy: PolicyInput = {
      version: 1,
      mode: 'enforce',
      destinations: [DESTINATION],
      rules: [{ id: 'redact-ssid', path: '$.Wifi.SSId', action: 'redact' }],
    };
    await fs.writeFile(path.join(dataDir, 'policy.json'), JSON.stringify(policy));
    const config = startConfig({ data: dataDir, port: '0', 'page-port': '0', 'mqtt-port': '0', 'mqtt-upstream': `${BROKER_NAME}:${broker.port}` }, {});
    gateway = new Gateway(config, { resolveUpstream: (host, port) => (host === BROKER_NAME ? { host: '127.0.0.1', port } : { host, port }) });
    subscriber = await Subscriber.connect(broker.port, '#');
  }, 60_000);

  afterAll(async () => {
    await subscriber?.close();
    await gateway?.stop();
    await broker?.stop();
    if (dataDir !== undefined) await fs.rm(dataDir, { recursive: true, force: true });
  });

  it('bridges plain MQTT to --mqtt-upstream with the policy file applied', async () => {
    const addresses = await gateway.start();
    const port = addresses.mqtt?.port;
    expect(port).toBeGreaterThan(0);
    const topic = 'tele/tasmota_ABCDEF/STATE';
    const sent = await mosquittoPub(['-h', '127.0.0.1', '-p', String(port), '-q', '1', '-t', topic, '-m', corpus('tasmota-tele-state.json').toString()]);
    expect(sent.code).toBe(0);
    expect((await subscriber.next(topic)).payload.toString()).toContain('"SSId":"[redacted:network]"');
  });
});

describe('a CONNECT the policy blocks', () => {
  let broker: Broker;
  let gateway: MqttGateway;

  beforeAll(async () => {
    broker = await startMosquitto();
    gateway = await startMqttGateway(
      { version: 1, mode: 'enforce', destinations: [DESTINATION], rules: [{ id: 'no-passwords', path: '$.mqtt.password', action: 'block' }] },
      broker,
    );
  }, 60_000);

  afterAll(async () => {
    await gateway?.close();
    await broker?.stop();
  });

  it.each([
    [4, 5],
    [5, 0x87],
  ] as const)('is refused under MQTT %i with CONNACK code %i and never reaches the broker', async (protocolVersion, code) => {
    const refused = connectThrough(gateway.mqttPort, { protocolVersion, username: 'DVES_USER', password: 'secret' });
    await expect(refused).rejects.toMatchObject({ code });
    expect(await broker.log()).not.toContain('DVES_USER');
    const record = gateway.records.find((r) => r.method === 'CONNECT' && r.decision?.verdict === 'block');
    expect(record?.decision?.block?.ruleId).toBe('no-passwords');
  });

  it('lets a client without a password connect', async () => {
    const client = await connectThrough(gateway.mqttPort, { protocolVersion: 5, clientId: 'shelly1-c45bbe78a8a4' });
    await client.publishAsync('shellies/announce', 'hello', { qos: 1 });
    await client.endAsync();
  });
});

describe('MQTT in monitor mode', () => {
  let broker: Broker;
  let gateway: MqttGateway;
  let subscriber: Subscriber;

  beforeAll(async () => {
    broker = await startMosquitto();
    const rules = [
      { id: 'block-position', path: '$.lat', action: 'block' as const },
      { id: 'redact-ssid', path: '$.SSID', action: 'redact' as const },
    ];
    gateway = await startMqttGateway({ version: 1, mode: 'monitor', destinations: [DESTINATION], rules }, broker);
    subscriber = await Subscriber.connect(broker.port, '#');
  }, 60_000);

  afterAll(async () => {
    await subscriber?.close();
    await gateway?.close();
    await broker?.stop();
  });

  it('forwards every message byte for byte and records what it would have done', async () => {
    const topic = 'owntracks/carol/phone';
    const location = corpus('owntracks-location-wifi.json');
    const client = await connectThrough(gateway.mqttPort, { protocolVersion: 5 });
    await client.publishAsync(topic, location, { qos: 1 });
    await client.endAsync();
    expect((await subscriber.next(topic)).payload.equals(location)).toBe(true);
    const record = gateway.records.find((r) => r.method === 'PUBLISH' && r.path === '/owntracks/{personal}/{device}');
    expect(record?.decision).toMatchObject({ verdict: 'forward', violation: true, block: { ruleId: 'block-position' } });
  });
});
