/** Real MQTT clients for the tests: MQTT.js in process, mosquitto_pub as a child process. */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import mqtt, { type IClientOptions, type MqttClient } from 'mqtt';

export const CORPUS = path.resolve(import.meta.dirname, '../../fixtures/corpus');

export function corpus(name: string): Buffer {
  return fs.readFileSync(path.join(CORPUS, name));
}

export interface Received {
  readonly topic: string;
  readonly payload: Buffer;
  readonly retain: boolean;
}

/** A subscriber connected straight to the broker: what the vendor receives. */
export class Subscriber {
  readonly messages: Received[] = [];
  private waiters: (() => void)[] = [];

  private constructor(readonly client: MqttClient) {
    client.on('message', (topic, payload, packet) => {
      this.messages.push({ topic, payload, retain: packet.retain });
      for (const wake of this.waiters.splice(0)) wake();
    });
  }

  static async connect(port: number, topic: string): Promise<Subscriber> {
    const client = await mqtt.connectAsync({ host: '127.0.0.1', port, protocolVersion: 5, reconnectPeriod: 0 });
    const subscriber = new Subscriber(client);
    await client.subscribeAsync(topic, { qos: 2 });
    return subscriber;
  }

  /** Resolves with the first message on `topic` (waits for it, without a timed assertion). */
  async next(topic: string): Promise<Received> {
    const [first] = await this.all(topic, 1);
    if (first === undefined) throw new Error('unreachable: all() returned no message');
    return first;
  }

  /** Resolves once `count` messages arrived on `topic`, with them. */
  async all(topic: string, count: number): Promise<Received[]> {
    for (;;) {
      const found = this.messages.filter((message) => message.topic === topic);
      if (found.length >= count) return found;
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
  }

  close(): Promise<void> {
    return this.client.endAsync(true);
  }
}

export function connectThrough(port: number, options: IClientOptions = {}): Promise<MqttClient> {
  return mqtt.connectAsync({ host: '127.0.0.1', port, reconnectPeriod: 0, connectTimeout: 5000, ...options });
}

/** mosquitto_pub with a payload file; resolves with its exit code and stderr. */
export function mosquittoPub(args: readonly string[]): Promise<{ code: number; stderr: string }> {
  return new Promise((resolve) => {
    execFile('mosquitto_pub', [...args], { timeout: 10_000 }, (error, _stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 1;
      resolve({ code, stderr });
    });
  });
}
