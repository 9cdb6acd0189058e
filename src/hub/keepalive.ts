import { messageOf } from '../errors.js';

/**
 * The library has no keepalive: a Home Assistant that vanished without closing the TCP connection
 * (power cut, network gone) would look connected for minutes. Every `intervalMs` we send a ping; no
 * pong within `timeoutMs` means the connection is dead, and `onDead` drops it so the library reconnects.
 */
export interface KeepaliveOptions {
  readonly intervalMs: number;
  readonly timeoutMs: number;
}

export const DEFAULT_KEEPALIVE: KeepaliveOptions = { intervalMs: 20_000, timeoutMs: 10_000 };

export class Keepalive {
  private timer: NodeJS.Timeout | undefined;
  private generation = 0;

  constructor(private readonly options: KeepaliveOptions) {}

  /** Starts pinging (stopping an earlier run). `ping` resolves on the pong. */
  start(ping: () => Promise<unknown>, onDead: (reason: string) => void): void {
    this.stop();
    const generation = this.generation;
    const tick = (): void => {
      this.timer = setTimeout(() => {
        void this.probe(ping, generation).then((alive) => {
          if (generation !== this.generation) return;
          if (alive === true) tick();
          else onDead(alive === false ? `no pong within ${this.options.timeoutMs} ms` : alive);
        });
      }, this.options.intervalMs);
      this.timer.unref();
    };
    tick();
  }

  stop(): void {
    this.generation++;
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** true: pong; false: timed out; a string: the ping failed (connection lost). */
  private probe(ping: () => Promise<unknown>, generation: number): Promise<true | false | string> {
    return new Promise((resolve) => {
      const timeout = setTimeout(() => resolve(false), this.options.timeoutMs);
      timeout.unref();
      let sent: Promise<unknown>;
      try {
        sent = ping();
      } catch (error) {
        clearTimeout(timeout);
        resolve(`ping failed: ${messageOf(error)}`);
        return;
      }
      sent.then(
        () => {
          clearTimeout(timeout);
          resolve(true);
        },
        () => {
          clearTimeout(timeout);
          // A ping rejected because the connection closed: the library reconnects by itself.
          resolve(generation === this.generation ? 'ping failed: connection lost' : true);
        },
      );
    });
  }
}
