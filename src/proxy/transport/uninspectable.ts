import { randomBytes } from 'node:crypto';
import { readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { z } from 'zod';
import type { ProxyLog, UninspectableHost } from './types.js';

const DEFAULT_CAPACITY = 10_000;
/** Silent closes (mid-handshake or right after it), in a row, before we believe the client pins. */
const STRIKES_TO_MARK = 2;
/** A client served through an intercepted connection this recently trusts our CA: its hang-ups are no strike. */
const TRUSTED_FOR_MS = 60_000;
const SAVE_DELAY_MS = 100;

/** Who hung up: judged per client address (unknown clients no longer share one identity). */
export interface PinningClient {
  readonly clientAddress: string;
  readonly deviceId: string;
}

const StoredSchema = z.object({
  version: z.literal(1),
  entries: z.array(
    z.object({
      clientAddress: z.string().min(1).max(100),
      deviceId: z.string().min(1).max(100),
      host: z.string().min(1).max(300),
      since: z.number().int().nonnegative(),
      evidence: z.string().max(500),
    }),
  ),
});

/**
 * The (client address, host) pairs whose client rejected our certificate, with what it did. Remembered in
 * a small JSON file (0600, replaced atomically) when one is given, so a restart does not cost each pinning
 * device its failed connections again; the owner can delete the file to have every pair tried anew.
 */
export class UninspectableHosts {
  private readonly entries = new Map<string, UninspectableHost>();
  private readonly strikes = new Map<string, { count: number; evidence: string[] }>();
  private readonly lastServed = new Map<string, number>();
  private saveTimer: NodeJS.Timeout | undefined;
  private saving: Promise<void> = Promise.resolve();

  constructor(
    private readonly file: string | undefined = undefined,
    private readonly log: ProxyLog | undefined = undefined,
    private readonly capacity: number = DEFAULT_CAPACITY,
  ) {}

  /** Reads the remembered pairs; a missing file is a fresh start, an unreadable one is logged and replaced. */
  async load(): Promise<void> {
    if (this.file === undefined) return;
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (error) {
      if (error instanceof Error && 'code' in error && error.code === 'ENOENT') return;
      this.log?.warn('cannot read the uninspectable list; starting empty', { file: this.file, reason: String(error) });
      return;
    }
    const parsed = StoredSchema.safeParse(safeJson(text));
    if (!parsed.success) {
      this.log?.warn('the uninspectable list is not valid; starting empty', { file: this.file });
      return;
    }
    for (const entry of parsed.data.entries) this.entries.set(keyOf(entry.clientAddress, entry.host), entry);
    trim(this.entries, this.capacity);
  }

  mark(client: PinningClient, host: string, evidence: string, now: number = Date.now()): void {
    const key = keyOf(client.clientAddress, host);
    this.strikes.delete(key);
    this.entries.delete(key);
    this.entries.set(key, { ...client, host: host.toLowerCase(), since: now, evidence });
    trim(this.entries, this.capacity);
    this.scheduleSave();
  }

  /**
   * A client hung up during our handshake, or completed it and left without a request. Pinning clients
   * look like this, but so do an idle probe, a device dropping off Wi-Fi and a stopped load generator: one
   * strike is not enough, and none counts for a client we served within TRUSTED_FOR_MS. Returns true when
   * this strike marked the pair.
   */
  strike(client: PinningClient, host: string, evidence: string, now: number = Date.now()): boolean {
    const key = keyOf(client.clientAddress, host);
    const served = this.lastServed.get(key);
    if (served !== undefined && now - served < TRUSTED_FOR_MS) return false;
    const previous = this.strikes.get(key) ?? { count: 0, evidence: [] };
    const strikes = { count: previous.count + 1, evidence: [...previous.evidence, evidence] };
    if (strikes.count >= STRIKES_TO_MARK) {
      this.mark(client, host, `${strikes.count} silent closes in a row: ${strikes.evidence.join('; ')}`, now);
      return true;
    }
    this.strikes.set(key, strikes);
    trim(this.strikes, this.capacity);
    return false;
  }

  /** A request went through an intercepted connection: the client trusts us, forget any strikes. */
  served(clientAddress: string, host: string, now: number = Date.now()): void {
    const key = keyOf(clientAddress, host);
    this.strikes.delete(key);
    this.lastServed.delete(key);
    this.lastServed.set(key, now);
    trim(this.lastServed, this.capacity);
  }

  get(clientAddress: string, host: string): UninspectableHost | undefined {
    return this.entries.get(keyOf(clientAddress, host));
  }

  list(): UninspectableHost[] {
    return [...this.entries.values()];
  }

  /** Writes any pending change now (on close). */
  async flush(): Promise<void> {
    if (this.saveTimer !== undefined) {
      clearTimeout(this.saveTimer);
      this.saveTimer = undefined;
      this.saving = this.saving.then(() => this.save());
    }
    await this.saving;
  }

  private scheduleSave(): void {
    if (this.file === undefined || this.saveTimer !== undefined) return;
    this.saveTimer = setTimeout(() => {
      this.saveTimer = undefined;
      this.saving = this.saving.then(() => this.save());
    }, SAVE_DELAY_MS);
    this.saveTimer.unref();
  }

  /** Write a private temporary file, then rename it over the old one: never a half-written list. */
  private async save(): Promise<void> {
    const file = this.file;
    if (file === undefined) return;
    const temporary = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
    const text = JSON.stringify({ version: 1, entries: this.list() });
    try {
      await writeFile(temporary, text, { mode: 0o600, flag: 'wx' });
      await rename(temporary, file);
    } catch (error) {
      await unlink(temporary).catch(() => undefined);
      this.log?.error('cannot save the uninspectable list', { file, reason: String(error) });
    }
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function trim(map: Map<string, unknown>, capacity: number): void {
  while (map.size > capacity) {
    const oldest = map.keys().next();
    if (oldest.done === true) break;
    map.delete(oldest.value);
  }
}

function keyOf(clientAddress: string, host: string): string {
  return `${clientAddress}\u0000${host.toLowerCase()}`;
}
