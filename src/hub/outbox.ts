import type { Outbox } from '../ledger/index.js';
import { describeHaError, MAX_REPORT_ITEMS, type ReportItem, type ReportResult } from './protocol.js';
import type { HubLog } from './log.js';

/**
 * Delivers the durable outbox to Home Assistant: oldest first, in batches of at most `maxItems`, one
 * batch in flight at a time (so order holds), rows deleted only once their id is acknowledged. A batch
 * whose answer was lost is sent again; Home Assistant acknowledges ids it already applied without
 * applying them twice.
 */
export interface OutboxSenderOptions {
  readonly outbox: Outbox;
  /** Sends one `report` command; rejects when the connection is gone or Home Assistant refuses. */
  readonly send: (items: unknown[]) => Promise<ReportResult>;
  /** Whether a batch may go now (connected and registered). */
  readonly ready: () => boolean;
  readonly log: HubLog;
  readonly retryMs?: number;
}

export class OutboxSender {
  private maxItems = MAX_REPORT_ITEMS;
  private draining = false;
  private again = false;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private sent = 0;

  constructor(private readonly options: OutboxSenderOptions) {}

  /** Home Assistant's announced batch limit (never above the protocol's). */
  setMaxItems(limit: number): void {
    this.maxItems = Math.max(1, Math.min(limit, MAX_REPORT_ITEMS));
  }

  enqueue(items: readonly ReportItem[]): void {
    const dropped = this.options.outbox.enqueue(items);
    if (dropped > 0) this.options.log('warn', `outbox full: dropped the ${dropped} oldest traffic counts (events are kept)`);
    this.kick();
  }

  /** Items acknowledged since start. */
  get delivered(): number {
    return this.sent;
  }

  /** Tries to deliver now; a drain already running goes round once more. */
  kick(): void {
    if (this.stopped) return;
    if (this.draining) {
      this.again = true;
      return;
    }
    void this.drain();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  private async drain(): Promise<void> {
    this.draining = true;
    let retry = false;
    try {
      do {
        this.again = false;
        retry = await this.drainOnce();
      } while (this.again && !retry && !this.stopped);
    } finally {
      this.draining = false;
    }
    if (retry) this.scheduleRetry();
  }

  /** Sends batches until the outbox is empty; true when what is left must wait for a retry. */
  private async drainOnce(): Promise<boolean> {
    const { outbox, send, ready, log } = this.options;
    while (!this.stopped && ready()) {
      const rows = outbox.peek(this.maxItems);
      if (rows.length === 0) return false;
      let result: ReportResult;
      try {
        result = await send(rows.map((row) => row.item));
      } catch (error) {
        log('debug', `report of ${rows.length} item(s) not delivered, will retry: ${describeHaError(error)}`);
        return true;
      }
      if (this.stopped) return false;
      const removed = outbox.acknowledge(result.ack);
      this.sent += removed;
      for (const rejection of result.rejected) {
        log('warn', `Home Assistant rejected report item ${rejection.id} for good (${rejection.code}: ${rejection.message})`);
      }
      const acked = new Set(result.ack);
      if (!rows.every((row) => acked.has(row.id))) {
        log('warn', 'Home Assistant did not acknowledge every item of a batch; resending later');
        return true;
      }
    }
    return outbox.size() > 0;
  }

  private scheduleRetry(): void {
    if (this.stopped || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.kick();
    }, this.options.retryMs ?? 5000);
    this.timer.unref();
  }
}
