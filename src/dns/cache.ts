import type { Answer } from 'dns-packet';

/** 10,000 answers of a few hundred bytes each: a few MB at most, enough for a home's working set. */
export const DEFAULT_CACHE_ENTRIES = 10_000;
/** Upstream TTLs are honoured but capped, so a vendor's day-long TTL does not outlive a policy change by a day. */
export const MAX_CACHE_TTL_SECONDS = 3_600;
/** NXDOMAIN / empty answers without an SOA are kept this long. */
export const NEGATIVE_TTL_SECONDS = 60;

export interface CachedAnswer {
  readonly rcode: number;
  readonly answers: readonly Answer[];
  readonly authorities: readonly Answer[];
}

interface Entry {
  readonly value: CachedAnswer;
  readonly storedAt: number;
  readonly expiresAt: number;
}

/**
 * Upstream answers by (name, type), least recently used evicted first (a Map keeps insertion order and
 * a hit re-inserts). TTLs in what `get` returns are what is left of them, as a resolver must.
 */
export class DnsCache {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly capacity: number = DEFAULT_CACHE_ENTRIES) {}

  get size(): number {
    return this.entries.size;
  }

  get(name: string, type: string, now: number = Date.now()): CachedAnswer | undefined {
    const key = keyOf(name, type);
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    this.entries.delete(key);
    if (entry.expiresAt <= now) return undefined;
    this.entries.set(key, entry);
    const elapsed = Math.floor((now - entry.storedAt) / 1000);
    const age = (records: readonly Answer[]): Answer[] => records.map((record) => withTtl(record, elapsed));
    return { rcode: entry.value.rcode, answers: age(entry.value.answers), authorities: age(entry.value.authorities) };
  }

  set(name: string, type: string, value: CachedAnswer, now: number = Date.now()): void {
    const ttl = cacheTtl(value);
    if (ttl <= 0) return;
    const key = keyOf(name, type);
    this.entries.delete(key);
    this.entries.set(key, { value, storedAt: now, expiresAt: now + ttl * 1000 });
    while (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next();
      if (oldest.done === true) break;
      this.entries.delete(oldest.value);
    }
  }

  clear(): void {
    this.entries.clear();
  }
}

/** The smallest TTL among the records (RFC 2181 §5.2), or the SOA minimum for a negative answer. */
export function cacheTtl(value: CachedAnswer): number {
  const ttls = value.answers.map(ttlOf);
  if (ttls.length === 0) {
    const soa = value.authorities.find((record) => record.type === 'SOA');
    const negative = soa && soa.type === 'SOA' ? Math.min(ttlOf(soa), soa.data.minimum ?? NEGATIVE_TTL_SECONDS) : NEGATIVE_TTL_SECONDS;
    return Math.min(negative, MAX_CACHE_TTL_SECONDS);
  }
  return Math.min(MAX_CACHE_TTL_SECONDS, ...ttls);
}

function ttlOf(record: Answer): number {
  return 'ttl' in record && typeof record.ttl === 'number' ? record.ttl : 0;
}

function withTtl(record: Answer, elapsed: number): Answer {
  if (record.type === 'OPT') return record;
  return { ...record, ttl: Math.max(0, ttlOf(record) - elapsed) } as Answer;
}

function keyOf(name: string, type: string): string {
  return `${type} ${name.toLowerCase().replace(/\.$/, '')}`;
}
