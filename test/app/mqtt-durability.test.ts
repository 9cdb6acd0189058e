/**
 * The MQTT counterpart of durability.test.ts: a device publishes through the gateway's plain MQTT listener
 * to a real mosquitto, the gateway is killed with SIGKILL once the vendor's subscriber has N of the M
 * messages, and every message the vendor received has its row in the ledger once the gateway restarted (a
 * PUBLISH leaves the gateway only once its record is in the record journal, which the restart replays).
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import mqtt, { type MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Subscriber } from '../proxy/mqtt/clients.js';
import { startMosquitto, type Broker } from '../proxy/mqtt/mosquitto.js';
import { startGateway, type StartedGateway } from './cli-process.js';

const MESSAGES = 3000;
/** Killed mid-stream: the messages in flight then are the ones a batched ledger would lose. */
const KILL_AFTER_DELIVERED = 800;
const IN_FLIGHT = 32;
const TOPIC = 'tele/burst/STATE';

const portOf = (address: string | undefined): number => Number(/:(\d+)\/?$/.exec(address ?? '')?.[1]);

/** Every record the ledger holds for the device: its CONNECTs and its PUBLISHes. */
function recordedRecords(ledgerFile: string): number {
  const db = new BetterSqlite3(ledgerFile);
  try {
    const row = db.prepare<[], { n: number | null }>("SELECT sum(forwarded + blocked + errors) AS n FROM destinations WHERE device_id = 'burst-device'").get();
    return row?.n ?? 0;
  } finally {
    db.close();
  }
}

describe('the ledger after kill -9, for MQTT', () => {
  let dir: string;
  let broker: Broker;
  let vendor: Subscriber;
  let gateway: StartedGateway | undefined;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pg-mqtt-durable-'));
    broker = await startMosquitto();
    vendor = await Subscriber.connect(broker.port, TOPIC);
  }, 60_000);

  afterAll(async () => {
    if (gateway && gateway.child.exitCode === null) gateway.child.kill('SIGKILL');
    await vendor?.close();
    await broker?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  /** A gateway of its own (data dir `name`) bridging plain MQTT to the broker, and a device connected through it. */
  interface Through {
    readonly started: StartedGateway;
    readonly device: MqttClient;
    /** Starts the gateway again on the same data (it replays its journal before serving), stops it, and counts. */
    readonly recordedAfterRestart: () => Promise<number>;
  }

  async function deviceThroughGateway(name: string): Promise<Through> {
    const dataDir = join(dir, name);
    await mkdir(dataDir, { recursive: true, mode: 0o700 });
    const policy = {
      version: 1,
      mode: 'enforce',
      destinations: [{ vendor: 'Local broker', hosts: ['127.0.0.1'] }],
      devices: [{ id: 'burst-device', name: 'Burst device', addresses: ['127.0.0.1'], rules: [{ id: 'no-ssid', path: '$.ssid', action: 'redact' }] }],
    };
    await writeFile(join(dataDir, 'policy.json'), JSON.stringify(policy), { mode: 0o600 });
    const args = ['--data', dataDir, '--port', '0', '--page-port', '0', '--mqtt-port', '0', '--mqtt-upstream', `127.0.0.1:${broker.port}`];
    const started = await startGateway(args);
    gateway = started;
    const device = await mqtt.connectAsync({ host: '127.0.0.1', port: portOf(started.banner.get('MQTT')), reconnectPeriod: 0, clientId: `${name}-device` });
    device.on('error', () => undefined);
    const recordedAfterRestart = async (): Promise<number> => {
      const again = await startGateway(args);
      gateway = again;
      again.child.kill('SIGTERM');
      expect(await again.exited).toBe(0);
      return recordedRecords(join(dataDir, 'ledger.sqlite'));
    };
    return { started, device, recordedAfterRestart };
  }

  it('holds every PUBLISH the broker delivered, with the gateway killed mid-stream', async () => {
    const { started, device, recordedAfterRestart } = await deviceThroughGateway('outbound');
    // MQTT.js keeps a QoS 1 PUBLISH it never got a PUBACK for: the gateway's death ends the wait instead.
    const gone = new Promise<void>((resolve) => device.once('close', () => resolve()));

    let killed = false;
    vendor.client.on('message', () => {
      if (!killed && vendor.messages.length >= KILL_AFTER_DELIVERED) {
        killed = true;
        started.child.kill('SIGKILL');
      }
    });
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < MESSAGES && !killed && device.connected) {
        const i = next++;
        const payload = JSON.stringify({ seq: i, ssid: 'HomeNet', battery: i % 100 });
        // QoS 1: the client waits for each PUBACK, so the gateway is never flooded far ahead of the broker.
        await Promise.race([device.publishAsync(TOPIC, payload, { qos: 1 }).catch(() => undefined), gone]);
      }
    };
    await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
    expect(await started.exited).toBeNull();
    device.end(true);
    expect(killed).toBe(true);

    const delivered = vendor.messages.length;
    expect(delivered).toBeGreaterThanOrEqual(KILL_AFTER_DELIVERED);
    expect(delivered).toBeLessThan(MESSAGES);
    // The policy applied to what arrived: the raw SSID never reached the vendor.
    expect(vendor.messages.every((message) => !message.payload.toString().includes('HomeNet'))).toBe(true);
    // What the ledger holds once the restart replayed the killed process's journal: the CONNECT and at least
    // every delivered PUBLISH (a PUBLISH can be recorded and then lost to the kill, never the other way round).
    const recorded = await recordedAfterRestart();
    expect(recorded).toBeGreaterThanOrEqual(delivered + 1);
    expect(recorded).toBeLessThanOrEqual(MESSAGES + 1);
  }, 120_000);

  it('holds every PUBLISH from the vendor that reached the device, with the gateway killed mid-stream', async () => {
    const { started, device, recordedAfterRestart } = await deviceThroughGateway('inbound');
    const topic = 'cmnd/burst/POWER';
    await device.subscribeAsync(topic, { qos: 0 });
    let received = 0;
    device.on('message', () => {
      received++;
      if (received === KILL_AFTER_DELIVERED) started.child.kill('SIGKILL');
    });
    const backend = await mqtt.connectAsync({ host: '127.0.0.1', port: broker.port, reconnectPeriod: 0 });
    for (let i = 0; i < MESSAGES && started.child.exitCode === null; i++) {
      await backend.publishAsync(topic, JSON.stringify({ seq: i, ssid: 'VendorNet' }), { qos: 1 });
    }
    await backend.endAsync();
    expect(await started.exited).toBeNull();
    device.end(true);
    expect(received).toBeGreaterThanOrEqual(KILL_AFTER_DELIVERED);
    expect(received).toBeLessThan(MESSAGES);
    // The CONNECT and every INBOUND PUBLISH the device got (SUBSCRIBE has no record of its own).
    expect(await recordedAfterRestart()).toBeGreaterThanOrEqual(received + 1);
  }, 120_000);
});
