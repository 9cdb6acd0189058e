import type { UninspectableHost } from './types.js';

const DEFAULT_CAPACITY = 10_000;
/** Silent closes (mid-handshake or right after it), in a row, before we believe the client pins. */
const STRIKES_TO_MARK = 2;
/** A client served through an intercepted connection this recently trusts our CA: its hang-ups are no strike. */
const TRUSTED_FOR_MS = 60_000;

/**
 * The (device, host) pairs whose client rejected our certificate. In memory on purpose: after a restart
 * the gateway tries to inspect again, which costs the device one failed connection per host.
 */
export class UninspectableHosts {
  private readonly entries = new Map<string, UninspectableHost>();
  private readonly strikes = new Map<string, number>();
  private readonly lastServed = new Map<string, number>();

  constructor(private readonly capacity: number = DEFAULT_CAPACITY) {}

  mark(deviceId: string, host: string, now: number = Date.now()): void {
    const key = keyOf(deviceId, host);
    this.strikes.delete(key);
    this.entries.delete(key);
    this.entries.set(key, { deviceId, host, since: now });
    trim(this.entries, this.capacity);
  }

  /**
   * A client hung up during our handshake, or completed it and left without a request. Pinning clients
   * look like this, but so do an idle probe, a device dropping off Wi-Fi and a stopped load generator: one
   * strike is not enough, and none counts for a client we served within TRUSTED_FOR_MS. Returns true when
   * this strike marked the pair.
   */
  strike(deviceId: string, host: string, now: number = Date.now()): boolean {
    const key = keyOf(deviceId, host);
    const served = this.lastServed.get(key);
    if (served !== undefined && now - served < TRUSTED_FOR_MS) return false;
    const strikes = (this.strikes.get(key) ?? 0) + 1;
    if (strikes >= STRIKES_TO_MARK) {
      this.mark(deviceId, host, now);
      return true;
    }
    this.strikes.set(key, strikes);
    trim(this.strikes, this.capacity);
    return false;
  }

  /** A request went through an intercepted connection: the client trusts us, forget any strikes. */
  served(deviceId: string, host: string, now: number = Date.now()): void {
    const key = keyOf(deviceId, host);
    this.strikes.delete(key);
    this.lastServed.delete(key);
    this.lastServed.set(key, now);
    trim(this.lastServed, this.capacity);
  }

  has(deviceId: string, host: string): boolean {
    return this.entries.has(keyOf(deviceId, host));
  }

  list(): UninspectableHost[] {
    return [...this.entries.values()];
  }
}

function trim(map: Map<string, unknown>, capacity: number): void {
  while (map.size > capacity) {
    const oldest = map.keys().next();
    if (oldest.done === true) break;
    map.delete(oldest.value);
  }
}

function keyOf(deviceId: string, host: string): string {
  return `${deviceId}\u0000${host.toLowerCase()}`;
}
