/**
 * Plain MQTT (no SNI, no Host) steered by the gateway's own DNS: two real mosquitto brokers under two
 * names, each steered for a different client (127.0.0.2, 127.0.0.3); each client's messages reach its
 * own broker, and a client the DNS steered nowhere is refused with CONNACK "server unavailable".
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDnsService, SteeredNames, type RunningDns } from '../../../src/dns/index.js';
import { DnsLog } from '../../../src/ledger/index.js';
import { compilePolicy, parsePolicy, type PolicyInput } from '../../../src/policy/index.js';
import { ask, startFakeUpstream, type FakeUpstream } from '../../dns/fake-upstream.js';
import { mosquittoPub, Subscriber } from './clients.js';
import { startMqttGateway, type MqttGateway } from './mqtt-gateway.js';
import { startMosquitto, type Broker } from './mosquitto.js';

const ALPHA_CLIENT = '127.0.0.2';
const BETA_CLIENT = '127.0.0.3';
const UNSTEERED_CLIENT = '127.0.0.4';
const GATEWAY = '127.0.0.1';

const policy: PolicyInput = {
  version: 1,
  mode: 'enforce',
  devices: [
    {
      id: 'alpha-plug',
      name: 'Alpha plug',
      addresses: [ALPHA_CLIENT],
      destinations: [
        // The broker listed for MQTT, and an HTTPS API the device also resolves (named for every scheme).
        { id: 'alpha-broker', vendor: 'Alpha', hosts: ['mqtt.alpha.test'], schemes: ['mqtt', 'mqtts'] },
        { id: 'alpha-api', vendor: 'Alpha', hosts: ['api.alpha.test'] },
      ],
    },
    // Beta's broker is named for every scheme: it is found as the newest steered name.
    { id: 'beta-sensor', name: 'Beta sensor', addresses: [BETA_CLIENT], destinations: [{ id: 'beta-broker', vendor: 'Beta', hosts: ['mqtt.beta.test'] }] },
    { id: 'gamma', name: 'Gamma', addresses: [UNSTEERED_CLIENT] },
  ],
};

describe('plain MQTT steered by DNS', () => {
  let alpha: Broker;
  let beta: Broker;
  let alphaSubscriber: Subscriber;
  let betaSubscriber: Subscriber;
  let upstream: FakeUpstream;
  let dns: RunningDns;
  let dnsLog: DnsLog;
  let gateway: MqttGateway;

  beforeAll(async () => {
    [alpha, beta] = await Promise.all([startMosquitto(), startMosquitto()]);
    alphaSubscriber = await Subscriber.connect(alpha.port, '#');
    betaSubscriber = await Subscriber.connect(beta.port, '#');
    const steeredNames = new SteeredNames();
    gateway = await startMqttGateway(policy, alpha, {
      steeredNames,
      withoutUpstream: true,
      // The gateway's real lookup of each name, as tests stand it in: the broker's loopback port.
      brokers: { 'mqtt.alpha.test': alpha.port, 'mqtt.beta.test': beta.port },
    });
    const compiled = compilePolicy(parsePolicy(policy));
    upstream = await startFakeUpstream({});
    dnsLog = new DnsLog({ file: gateway.ledgerFile, retentionDays: 30 });
    dnsLog.start();
    dns = await startDnsService(
      { host: GATEWAY, port: 0, upstream: `127.0.0.1:${upstream.port}`, answerAddresses: [GATEWAY], sinkhole: 'nxdomain', cacheEntries: 100 },
      { policy: () => compiled, recorder: dnsLog, log: { warn: () => undefined }, isSelf: (address) => address === GATEWAY, steered: steeredNames },
    );
  }, 60_000);

  afterAll(async () => {
    await alphaSubscriber?.close();
    await betaSubscriber?.close();
    await dns?.close();
    dnsLog?.stop();
    await upstream?.close();
    await gateway?.close();
    await Promise.all([alpha?.stop(), beta?.stop()]);
  });

  const publish = (client: string, topic: string, message: string, version = 'mqttv311') =>
    mosquittoPub(['-A', client, '-h', GATEWAY, '-p', String(gateway.mqttPort), '-V', version, '-q', '1', '-t', topic, '-m', message]);

  it('sends each client to the broker its DNS answer named', async () => {
    const toGateway = (answer: Awaited<ReturnType<typeof ask>>) => (answer.answers ?? []).map((record) => ('data' in record ? record.data : undefined));
    expect(toGateway(await ask(dns.address, 'mqtt.alpha.test', 'A', { from: ALPHA_CLIENT }))).toEqual([GATEWAY]);
    // Alpha's API is steered after its broker: the newer name, but not one the policy lists for MQTT.
    expect(toGateway(await ask(dns.address, 'api.alpha.test', 'A', { from: ALPHA_CLIENT }))).toEqual([GATEWAY]);
    expect(toGateway(await ask(dns.address, 'mqtt.beta.test', 'A', { from: BETA_CLIENT }))).toEqual([GATEWAY]);

    expect(await publish(ALPHA_CLIENT, 'alpha/state', 'from-alpha')).toMatchObject({ code: 0 });
    expect(await publish(BETA_CLIENT, 'beta/state', 'from-beta', 'mqttv5')).toMatchObject({ code: 0 });
    expect((await alphaSubscriber.next('alpha/state')).payload.toString()).toBe('from-alpha');
    expect((await betaSubscriber.next('beta/state')).payload.toString()).toBe('from-beta');
    expect(alphaSubscriber.messages.map((m) => m.topic)).not.toContain('beta/state');
    expect(betaSubscriber.messages.map((m) => m.topic)).not.toContain('alpha/state');

    const alphaRecord = gateway.records.find((r) => r.connection.device.id === 'alpha-plug' && r.method === 'PUBLISH');
    expect(alphaRecord?.connection.destination).toMatchObject({ host: 'mqtt.alpha.test', scheme: 'mqtt', port: 1883 });
    expect(alphaRecord?.connection.explanation.reason).toMatch(/mqtt\.alpha\.test found from the gateway's DNS answer: a name the policy lists for mqtt \(also steered to this client recently: api\.alpha\.test\)/);
    const betaRecord = gateway.records.find((r) => r.connection.device.id === 'beta-sensor' && r.method === 'PUBLISH');
    expect(betaRecord?.connection.destination.host).toBe('mqtt.beta.test');
    expect(betaRecord?.connection.explanation.reason).toMatch(/the newest name steered to this client$/);
  });

  it.each([
    ['mqttv311', /broker unavailable|server unavailable/i],
    ['mqttv5', /server unavailable/i],
  ])('refuses a %s client the DNS steered nowhere with CONNACK "server unavailable", and records why', async (version, said) => {
    const refused = await publish(UNSTEERED_CLIENT, 'gamma/state', 'nowhere', version);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(said);
    const record = gateway.records.find((r) => r.connection.client.address === UNSTEERED_CLIENT);
    expect(record?.connection.verdict).toBe('block');
    expect(record?.error?.message).toMatch(/steered no name to this client recently and no MQTT upstream/);
    expect([...alphaSubscriber.messages, ...betaSubscriber.messages].map((m) => m.topic)).not.toContain('gamma/state');
  });
});
