/**
 * One direction of a message relay (MQTT packets, WebSocket frames) whose messages wait for their ledger
 * record: a held message is sent once the recorder says its record is committed, and everything queued
 * after it waits too, so the peer sees the messages in the order they were sent. This is the message
 * protocols' counterpart of HTTP's held last byte: a message the peer received has its record in the
 * ledger even if the gateway is killed right after.
 */
export class HeldOutput<T> {
  private readonly queue: { readonly item: T; ready: boolean }[] = [];
  private ending: (() => void) | undefined;
  private discarded = false;

  constructor(private readonly send: (item: T) => void) {}

  /** Sends `item` now, or after the held messages queued before it. */
  pass(item: T): void {
    if (this.discarded) return;
    if (this.queue.length === 0) this.send(item);
    else this.queue.push({ item, ready: true });
  }

  /**
   * Queues `item` until the returned release is called (the recorder's "stored" callback). Releasing
   * twice is harmless; a recorder that cannot promise durability releases at once.
   */
  hold(item: T): () => void {
    const entry = { item, ready: false };
    this.queue.push(entry);
    return () => {
      if (entry.ready) return;
      entry.ready = true;
      this.drain();
    };
  }

  /** Runs `end` (e.g. ending the socket) once every queued message is sent. */
  end(end: () => void): void {
    if (this.discarded) return;
    if (this.queue.length === 0) end();
    else this.ending = end;
  }

  /** The connection is gone: nothing queued is sent any more. */
  discard(): void {
    this.discarded = true;
    this.queue.length = 0;
    this.ending = undefined;
  }

  private drain(): void {
    while (!this.discarded && this.queue[0]?.ready === true) {
      const next = this.queue.shift();
      if (next !== undefined) this.send(next.item);
    }
    if (this.queue.length > 0 || this.ending === undefined) return;
    const end = this.ending;
    this.ending = undefined;
    end();
  }
}
