/** A name the resolver answered with the gateway's own address, for one client. */
export interface SteeredName {
  readonly name: string;
  /** When the steered answer was given (ms since the epoch). */
  readonly at: number;
  /** Past this the client's cached answer is stale and the name says nothing about its connections. */
  readonly expiresAt: number;
}

/** What the MQTT listener reads: the client's live steered names, newest first. */
export interface SteeredNameLookup {
  lastFor(clientAddress: string, now: number): readonly SteeredName[];
}

export interface SteeredNamesBounds {
  /** Clients remembered; past it the client steered longest ago is forgotten. */
  readonly maxClients: number;
  /** Distinct names per client; past it the client's oldest is forgotten. */
  readonly maxNamesPerClient: number;
  /** Added to the answer's TTL: devices keep a resolved address a while (reconnects, lazy caches). */
  readonly graceMs: number;
}

/**
 * 4,096 clients (a home has tens), 8 names each (a device talks to a handful of vendor hosts), and the
 * answer's TTL (60 s for steered answers) plus 10 minutes: at most ~32k small entries, none older than
 * TTL + 10 min. A device that reconnects later without asking again falls back to `--mqtt-upstream`.
 */
export const DEFAULT_STEERED_NAMES_BOUNDS: SteeredNamesBounds = { maxClients: 4_096, maxNamesPerClient: 8, graceMs: 10 * 60_000 };

/**
 * Which names the gateway's DNS steered to itself for which client, so a listener whose protocol carries
 * no destination (plain MQTT: no SNI, no Host) can tell where the device meant to go. Only the
 * resolver writes it; it is bounded in clients, names per client and time.
 */
export class SteeredNames implements SteeredNameLookup {
  /** Map order is recency: a client steered again moves to the end, so eviction takes the first. */
  private readonly clients = new Map<string, SteeredName[]>();

  constructor(private readonly bounds: SteeredNamesBounds = DEFAULT_STEERED_NAMES_BOUNDS) {}

  get clientCount(): number {
    return this.clients.size;
  }

  remember(clientAddress: string, name: string, ttlSeconds: number, now: number): void {
    const client = normalClient(clientAddress);
    const key = name.toLowerCase().replace(/\.$/, '');
    const previous = this.clients.get(client) ?? [];
    const kept = previous.filter((entry) => entry.name !== key && entry.expiresAt > now);
    kept.push({ name: key, at: now, expiresAt: now + Math.max(0, ttlSeconds) * 1000 + this.bounds.graceMs });
    this.clients.delete(client);
    this.clients.set(client, kept.slice(-this.bounds.maxNamesPerClient));
    while (this.clients.size > this.bounds.maxClients) {
      const oldest = this.clients.keys().next();
      if (oldest.done === true) break;
      this.clients.delete(oldest.value);
    }
  }

  lastFor(clientAddress: string, now: number): readonly SteeredName[] {
    const client = normalClient(clientAddress);
    const entries = this.clients.get(client);
    if (entries === undefined) return [];
    const live = entries.filter((entry) => entry.expiresAt > now);
    if (live.length === 0) this.clients.delete(client);
    else if (live.length !== entries.length) this.clients.set(client, live);
    return [...live].reverse();
  }
}

/** DNS over UDP and a TCP listener may name one client differently (`::ffff:192.0.2.1`). */
function normalClient(address: string): string {
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address);
  return (mapped?.[1] ?? address).toLowerCase();
}
