/**
 * The vendor's MQTT side of the simulated home: a real mosquitto in the vendor namespace, on 1883 and on
 * 8883 with the vendor's own certificate (from its test CA, like its HTTPS server), and a mosquitto_sub
 * there subscribed to everything: what the vendor receives. The broker's log tells which client ids it saw.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { Output, SimulatedHome } from './home.js';

export const MQTT_PACKAGES = ['mosquitto', 'mosquitto-clients'] as const;

export interface VendorMessage {
  readonly topic: string;
  readonly payload: string;
}

/** One line of `mosquitto_sub -F %j` (mosquitto 2.0): the payload as a string. */
const SubLine = z.object({ topic: z.string(), payload: z.string() });

export class VendorBroker {
  private subscriber: Output | undefined;
  private readonly logFile: string;

  constructor(private readonly home: SimulatedHome) {
    this.logFile = join(home.dir, 'mosquitto.log');
  }

  async start(): Promise<void> {
    const config = join(this.home.dir, 'mosquitto.conf');
    writeFileSync(
      config,
      [
        // As root, mosquitto would switch to its own user, which cannot read the suite's temp dir.
        'user root',
        'per_listener_settings false',
        'allow_anonymous true',
        'persistence false',
        'log_type all',
        `log_dest file ${this.logFile}`,
        'connection_messages true',
        'listener 1883 0.0.0.0',
        'listener 8883 0.0.0.0',
        `certfile ${this.home.vendorCert}`,
        `keyfile ${this.home.vendorKey}`,
        '',
      ].join('\n'),
    );
    const broker = this.home.spawnIn('vendor', 'mosquitto', ['-c', config]);
    // The log file is the broker's only output; the subscriber's SUBACK proves the broker is up. stdbuf:
    // mosquitto_sub's debug lines (-d) are block-buffered on a pipe and would show up only at exit.
    for (let attempt = 0; ; attempt++) {
      const sub = this.home.spawnIn('vendor', 'stdbuf', ['-oL', 'mosquitto_sub', '-h', '127.0.0.1', '-p', '1883', '-t', '#', '-F', '%j', '-d', '-i', 'vendor-backend']);
      try {
        await sub.output.waitFor(/SUBACK/, 'the vendor subscriber');
        this.subscriber = sub.output;
        return;
      } catch (error) {
        if (attempt >= 20 || broker.child.exitCode !== null) throw new Error(`the vendor broker did not start: ${String(error)} ${this.log()}`);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    }
  }

  /** The messages the vendor's subscriber got so far (the broker delivers in order per publisher). */
  messages(): VendorMessage[] {
    return (this.subscriber?.text() ?? '')
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => SubLine.parse(JSON.parse(line)));
  }

  /** What arrived on `topic`, once `count` messages are in (or after 10 s: a message that never comes). */
  async received(topic: string, count: number): Promise<VendorMessage[]> {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const found = this.messages().filter((message) => message.topic === topic);
      if (found.length >= count || Date.now() > deadline) return found;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** The broker's log: "New client connected from … as <client id>" names what CONNECT carried. */
  log(): string {
    try {
      return readFileSync(this.logFile, 'utf8');
    } catch {
      return '';
    }
  }
}
