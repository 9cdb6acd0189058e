import { createHash, randomUUID } from 'node:crypto';
import type { LockdownProposal } from '../lockdown/index.js';
import type { LockdownProposalItem, ReportItem } from './protocol.js';
import { messageOf } from '../errors.js';

/** Home Assistant refuses a proposal with more destinations than this (report.py). */
export const MAX_PROPOSED_DESTINATIONS = 200;

export interface ProposalPublisherOptions {
  readonly enqueue: (items: ReportItem[]) => void;
  /** The proposal for a device from the ledger, or undefined when the ledger has nothing for it yet. */
  readonly propose: (deviceId: string) => LockdownProposal | undefined;
  /** The devices of the policy in force. */
  readonly devices: () => readonly string[];
  /** How often pending devices are looked at. */
  readonly tickMs?: number;
  /** How long a device's traffic must pause before its proposal is computed: the ledger commits in batches. */
  readonly settleMs?: number;
  /** At most one proposal per device this often: counts change with every request. */
  readonly minIntervalMs?: number;
  /** Every device's proposal is recomputed this often, so "days observed" moves on for a quiet device. */
  readonly refreshMs?: number;
  readonly log?: (message: string) => void;
  readonly now?: () => number;
  readonly newId?: () => string;
}

/**
 * Learn-then-lock for Home Assistant: the sidecar owns the ledger, so it computes each device's proposal
 * (as `privacy-gateway lock` does) and reports it as a `lockdown_proposal` item through the durable
 * outbox. A device's proposal is recomputed soon after it sends traffic (the first one within a tick,
 * so the owner sees it right away), then at most every `minIntervalMs`, and only sent when it changed.
 */
export class ProposalPublisher {
  /** Devices whose proposal may have changed: when that was first and last noticed. */
  private readonly pending = new Map<string, { readonly first: number; readonly last: number }>();
  private readonly computed = new Map<string, { readonly at: number; readonly digest: string }>();
  private timer: NodeJS.Timeout | undefined;
  private lastRefresh = 0;

  constructor(private readonly options: ProposalPublisherOptions) {}

  start(): void {
    this.lastRefresh = this.now();
    this.touchAll();
    this.timer = setInterval(() => this.tick(), this.options.tickMs ?? 2000);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** The device sent something: its proposal may have changed. */
  touch(deviceId: string): void {
    const now = this.now();
    this.pending.set(deviceId, { first: this.pending.get(deviceId)?.first ?? now, last: now });
  }

  /** The policy changed (naming, manufacturer, devices): every proposal may have. */
  touchAll(): void {
    const now = this.now();
    // Not waiting to settle: nothing new is on its way to the ledger.
    const settled = now - this.settleMs();
    for (const id of this.options.devices()) if (!this.pending.has(id)) this.pending.set(id, { first: settled, last: settled });
  }

  /**
   * Home Assistant (re)registered us: it may have lost what it kept (a restored backup, the entry added
   * anew), so every device's proposal is sent again, once, whether or not it changed.
   */
  resendAll(): void {
    this.computed.clear();
    this.touchAll();
  }

  /** Computes and enqueues the proposals that are due; one failing device never stops the others. */
  tick(): void {
    const now = this.now();
    if (now - this.lastRefresh >= (this.options.refreshMs ?? 3_600_000)) {
      this.lastRefresh = now;
      this.touchAll();
    }
    const known = new Set(this.options.devices());
    const items: ReportItem[] = [];
    const minInterval = this.options.minIntervalMs ?? 60_000;
    for (const [deviceId, touched] of [...this.pending]) {
      if (!known.has(deviceId)) {
        this.pending.delete(deviceId);
        continue;
      }
      // A burst of requests settles first; a device that never pauses is looked at once an interval.
      if (now - touched.last < this.settleMs() && now - touched.first < minInterval) continue;
      const last = this.computed.get(deviceId);
      if (last !== undefined && now - last.at < minInterval) continue;
      this.pending.delete(deviceId);
      try {
        const proposal = this.options.propose(deviceId);
        if (proposal === undefined) continue;
        const item = proposalItem(proposal, this.newId(), now);
        const digest = digestOf(item);
        // Computing costs a ledger query: the interval holds whether or not the proposal changed.
        this.computed.set(deviceId, { at: now, digest });
        if (last?.digest !== digest) items.push(item);
      } catch (error) {
        this.options.log?.(`no lockdown proposal for ${deviceId}: ${messageOf(error)}`);
      }
    }
    if (items.length > 0) this.options.enqueue(items);
  }

  private settleMs(): number {
    return this.options.settleMs ?? 3000;
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }

  private newId(): string {
    return (this.options.newId ?? randomUUID)();
  }
}

/** The protocol item of a proposal: bounded as Home Assistant validates it; hosts and counts, never values. */
export function proposalItem(proposal: LockdownProposal, id: string, ts: number): LockdownProposalItem {
  return {
    id,
    ts,
    type: 'lockdown_proposal',
    device_id: proposal.deviceId,
    observed_days: proposal.observedDays,
    learning_complete: proposal.learningComplete,
    destinations: proposal.destinations.slice(0, MAX_PROPOSED_DESTINATIONS).map((d) => ({
      host: d.host.slice(0, 253),
      ...(d.vendor === undefined ? {} : { vendor: d.vendor.slice(0, 100) }),
      party: d.party,
      ...(d.countries.length > 0 ? { countries: d.countries.slice(0, 10) } : {}),
      requests: d.requests,
      categories: d.categories,
      access: d.access,
      review: d.review,
      reason: d.reason.slice(0, 500),
    })),
  };
}

/** What the proposal says, without its id and time: an unchanged proposal is not sent again. */
function digestOf(item: LockdownProposalItem): string {
  const { id: _id, ts: _ts, ...content } = item;
  return createHash('sha256').update(JSON.stringify(content)).digest('hex');
}
