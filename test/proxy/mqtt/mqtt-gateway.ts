/** A real gateway with its MQTT listeners, bridged to a local mosquitto under the name broker.test. */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Ledger, type FlowRecord } from '../../../src/ledger/index.js';
import { compilePolicy, parsePolicy, type PolicyInput } from '../../../src/policy/index.js';
import {
  CertificateAuthority,
  createProxy,
  type GatewayProxy,
  type ProxyAddresses,
  type ProxyLog,
  type ResolveUpstream,
  type SteeredNameSource,
} from '../../../src/proxy/index.js';
import { createMqttHandler } from '../../../src/proxy/mqtt/index.js';
import { BROKER_NAME, type Broker } from './mosquitto.js';

export interface MqttGateway {
  readonly addresses: ProxyAddresses;
  readonly mqttPort: number;
  readonly mqttsPort: number;
  readonly caPem: string;
  readonly records: FlowRecord[];
  readonly ledgerFile: string;
  readonly proxy: GatewayProxy;
  flushLedger(): void;
  /** Every byte of the SQLite file and its WAL, to look for raw values. */
  ledgerBytes(): Promise<string>;
  close(): Promise<void>;
}

export interface MqttGatewayOptions {
  /** The gateway's DNS memory of steered names (plain MQTT finds its broker there). */
  readonly steeredNames?: SteeredNameSource;
  /** No --mqtt-upstream: plain MQTT has only the steered names. */
  readonly withoutUpstream?: boolean;
  /** More broker names and the loopback port each really is (any port the gateway dials). */
  readonly brokers?: Readonly<Record<string, number>>;
}

const silent: ProxyLog = { debug: (m, f) => { if (process.env.PG_MQTT_DEBUG) console.log(m, f); }, info: () => undefined, warn: () => undefined, error: () => undefined };

export async function startMqttGateway(
  policy: PolicyInput,
  broker: Pick<Broker, 'port' | 'tlsPort' | 'certificate'>,
  options: MqttGatewayOptions = {},
): Promise<MqttGateway> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'pg-mqtt-gw-'));
  const ca = await CertificateAuthority.loadOrCreate(dir);
  const compiled = compilePolicy(parsePolicy(policy));
  const records: FlowRecord[] = [];
  const ledgerFile = path.join(dir, 'ledger.sqlite');
  // As in the gateway: with the record journal, so held packets are released once their record is journaled.
  const ledger = new Ledger({ file: ledgerFile, retentionDays: 30, flushIntervalMs: 60_000, journal: { file: path.join(dir, 'ledger.journal') } });
  ledger.start();
  const recorder = {
    record(record: FlowRecord) {
      records.push(record);
      ledger.record(record);
    },
    // As in the gateway: held packets wait until their record is durable, so every test here runs with it.
    recordDurably(record: FlowRecord, stored: () => void) {
      records.push(record);
      ledger.recordDurably(record, stored);
    },
  };
  const resolveUpstream: ResolveUpstream = (host, port) => {
    const named = options.brokers?.[host];
    if (named !== undefined) return { host: '127.0.0.1', port: named };
    return host === BROKER_NAME ? { host: '127.0.0.1', port: port === 8883 ? (broker.tlsPort ?? port) : port } : { host, port };
  };
  const limits = { maxBodyBytes: 256 * 1024, maxDecodedBytes: 1024 * 1024, maxJsonDepth: 64, upstreamTimeoutMs: 5000 };
  const mqtt = createMqttHandler({
    policy: () => compiled,
    recorder,
    hashKey: Buffer.alloc(32, 7),
    limits,
    log: silent,
    upstreamCa: broker.certificate === undefined ? [] : [broker.certificate],
    resolveUpstream,
  });
  const proxy = createProxy({
    ca,
    policy: () => compiled,
    recorder,
    handler: (_req, res) => res.writeHead(501).end(),
    mqtt,
    limits,
    log: silent,
    resolveUpstream,
    steeredNames: options.steeredNames,
  });
  const addresses = await proxy.listen({
    host: '127.0.0.1',
    port: 0,
    mqttPort: 0,
    mqttsPort: 0,
    mqttUpstream: options.withoutUpstream === true ? undefined : { host: BROKER_NAME, port: broker.port },
  });
  const caPem = await fs.readFile(path.join(dir, 'ca.pem'), 'utf8');
  return {
    addresses,
    mqttPort: addresses.mqtt?.port ?? 0,
    mqttsPort: addresses.mqtts?.port ?? 0,
    caPem,
    records,
    ledgerFile,
    proxy,
    flushLedger: () => void ledger.flush(),
    async ledgerBytes() {
      const names = (await fs.readdir(dir)).filter((name) => name.startsWith('ledger.sqlite'));
      const parts = await Promise.all(names.map((name) => fs.readFile(path.join(dir, name))));
      return Buffer.concat(parts).toString('latin1');
    },
    async close() {
      await proxy.close();
      ledger.stop();
      await fs.rm(dir, { recursive: true, force: true });
    },
  };
}
