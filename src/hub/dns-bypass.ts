import { connectionBypass, explainBypass, type DnsBypassKind, type DnsQueryEvent } from '../dns/index.js';
import type { FlowRecord } from '../ledger/index.js';

/** One "uses its own DNS" sighting to report (see DnsBypassItem in protocol.ts). */
export interface DnsBypassSighting {
  readonly deviceId: string;
  readonly signal: DnsBypassKind;
  readonly host: string;
  readonly port: number | undefined;
  readonly at: number;
  /** Sightings of this signal and host since the last one reported (this one included). */
  readonly count: number;
  readonly explanation: string;
}

export interface DnsBypassOptions {
  /** A signal for the same device and host is reported again at most this often; 1 hour by default. */
  readonly repeatMs?: number;
  readonly now?: () => number;
}

const DEFAULT_REPEAT_MS = 3_600_000;
/** Bounds, so a device that resolves a flood of names or a gateway up for months stays small. */
const MAX_ADDRESSES_PER_DEVICE = 4096;
const MAX_DEVICES = 1000;
const MAX_TRACKED_SIGNALS = 10_000;

interface Tracked {
  reportedAt: number;
  unreported: number;
}

/**
 * Live bypass detection for Home Assistant, from the resolver's queries and the proxy's flows as they
 * happen (the report computes the same kinds from the ledger). It remembers which true addresses each
 * device got from this resolver; a connection to an IP literal it never got is a bypass once the device
 * uses this resolver at all. Seeded from the DNS log at start, so a restart does not forget them.
 */
export class DnsBypassDetector {
  private readonly resolved = new Map<string, Set<string>>();
  private readonly tracked = new Map<string, Tracked>();

  constructor(private readonly options: DnsBypassOptions = {}) {}

  /** Devices that used this resolver, with the true addresses it gave them (from the DNS log). */
  seed(devices: Iterable<string>, addresses: Iterable<readonly [string, string]>): void {
    for (const device of devices) this.addressesOf(device);
    for (const [device, address] of addresses) this.remember(device, address);
  }

  noteQuery(event: DnsQueryEvent): DnsBypassSighting | undefined {
    if (event.device.isDefault) return undefined;
    this.addressesOf(event.device.id);
    for (const address of event.addresses) this.remember(event.device.id, address);
    if (!event.encryptedDns) return undefined;
    return this.sighting(event.device.id, 'resolved-encrypted-dns', event.name, undefined, event.at);
  }

  noteFlow(record: FlowRecord): DnsBypassSighting | undefined {
    const { device, destination } = record.connection;
    if (device.isDefault) return undefined;
    const addresses = this.resolved.get(device.id);
    const kind = connectionBypass(destination.host, destination.port, {
      usesResolver: addresses !== undefined,
      resolvedHere: addresses?.has(destination.host) === true,
    });
    return kind === undefined ? undefined : this.sighting(device.id, kind, destination.host, destination.port, record.at);
  }

  private sighting(deviceId: string, signal: DnsBypassKind, host: string, port: number | undefined, at: number): DnsBypassSighting | undefined {
    const key = `${deviceId}\u0000${signal}\u0000${host}`;
    const now = (this.options.now ?? Date.now)();
    let tracked = this.tracked.get(key);
    if (tracked === undefined) {
      if (this.tracked.size >= MAX_TRACKED_SIGNALS) this.tracked.clear();
      tracked = { reportedAt: Number.NEGATIVE_INFINITY, unreported: 0 };
      this.tracked.set(key, tracked);
    }
    tracked.unreported++;
    if (now - tracked.reportedAt < (this.options.repeatMs ?? DEFAULT_REPEAT_MS)) return undefined;
    const count = tracked.unreported;
    tracked.reportedAt = now;
    tracked.unreported = 0;
    return { deviceId, signal, host, port, at, count, explanation: explainBypass(signal, host, port ?? null) };
  }

  private addressesOf(deviceId: string): Set<string> {
    let addresses = this.resolved.get(deviceId);
    if (addresses === undefined) {
      if (this.resolved.size >= MAX_DEVICES) {
        const oldest = this.resolved.keys().next();
        if (oldest.done !== true) this.resolved.delete(oldest.value);
      }
      addresses = new Set();
      this.resolved.set(deviceId, addresses);
    }
    return addresses;
  }

  private remember(deviceId: string, address: string): void {
    const addresses = this.addressesOf(deviceId);
    addresses.delete(address);
    addresses.add(address);
    if (addresses.size > MAX_ADDRESSES_PER_DEVICE) {
      const oldest = addresses.values().next();
      if (oldest.done !== true) addresses.delete(oldest.value);
    }
  }
}
