import net from 'node:net';
import mqttPacket from 'mqtt-packet';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectThrough } from './clients.js';
import { startMqttGateway, type MqttGateway } from './mqtt-gateway.js';
import { BROKER_NAME, freePort } from './mosquitto.js';

/** Sends raw bytes to the gateway's MQTT port and resolves with everything it answered once it closed. */
function exchange(port: number, bytes: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.write(bytes));
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => resolve(Buffer.concat(chunks)));
  });
}

describe('MQTT failures', () => {
  let gateway: MqttGateway;

  beforeAll(async () => {
    // Nothing listens on the broker port: every CONNECT meets an unreachable broker.
    const closed = await freePort();
    gateway = await startMqttGateway({ version: 1, mode: 'enforce', destinations: [{ vendor: 'Gone', hosts: [BROKER_NAME] }] }, { port: closed, tlsPort: undefined, certificate: undefined });
  });

  afterAll(async () => {
    await gateway?.close();
  });

  it.each([
    [4, 3],
    [5, 0x88],
  ] as const)('answers CONNECT under MQTT %i with "server unavailable" (%i) when the broker is unreachable', async (protocolVersion, code) => {
    await expect(connectThrough(gateway.mqttPort, { protocolVersion })).rejects.toMatchObject({ code });
    expect(gateway.records.some((r) => r.method === 'CONNECT' && r.error?.code === 'UPSTREAM_UNREACHABLE')).toBe(true);
  });

  it('closes a connection that sends anything before CONNECT, and records why', async () => {
    const answer = await exchange(gateway.mqttPort, mqttPacket.generate({ cmd: 'pingreq' }));
    expect(answer.length).toBe(0);
    expect(gateway.records.some((r) => r.error?.code === 'REQUEST_INVALID' && /pingreq before CONNECT/.test(r.error.message))).toBe(true);
  });

  it('closes a connection whose packet is not MQTT', async () => {
    const answer = await exchange(gateway.mqttPort, Buffer.from([0x10, 0x04, 0x00, 0x02, 0x58, 0x58]));
    expect(answer.length).toBe(0);
    expect(gateway.records.some((r) => r.error?.code === 'REQUEST_INVALID' && /malformed MQTT packet/.test(r.error.message))).toBe(true);
  });

  it('refuses a packet larger than the body limit before buffering it', async () => {
    // Remaining length 2^21 (three length bytes), far over the harness's 256 KiB limit; no body follows.
    const answer = await exchange(gateway.mqttPort, Buffer.from([0x10, 0x80, 0x80, 0x80, 0x01]));
    expect(answer.length).toBe(0);
    expect(gateway.records.some((r) => r.error?.code === 'PAYLOAD_TOO_LARGE')).toBe(true);
  });
});
