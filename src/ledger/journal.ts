import { chmodSync, closeSync, fstatSync, ftruncateSync, lstatSync, mkdirSync, openSync, readSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { GatewayError, messageOf } from '../errors.js';

export interface RecordJournalOptions {
  readonly file: string;
  /**
   * Past this size appends are refused (the SQLite store has been failing for that long): the ledger
   * then falls back to holding answers for its commit. Bounds the file and the replay at start.
   */
  readonly maxBytes: number;
}

/** What a journal held when it was opened: its complete lines, and whether a torn last one was cut off. */
export interface JournalContents {
  readonly lines: readonly string[];
  readonly tornBytes: number;
}

/**
 * The append-only file of the records not yet committed to the ledger's SQLite file (journal-entry.ts
 * says what a line holds: what the ledger rows would, never a raw value). One write() per record puts the
 * line in the kernel's page cache, so it survives the gateway being killed (a power cut can lose it, as it
 * can lose the last commits of SQLite's WAL under synchronous=NORMAL). The ledger truncates the file after
 * each commit that holds its lines. Private like the ledger: created 0600.
 */
export class RecordJournal {
  private fd: number | undefined;
  private bytes = 0;
  /** A failed write whose torn bytes could not be cut off: no more appends until the next reset. */
  private broken = false;

  constructor(private readonly options: RecordJournalOptions) {}

  get size(): number {
    return this.bytes;
  }

  /**
   * Opens (creating it 0600) the journal and reads what a previous run left. A last line without its
   * newline was being written when that run died: it was never acknowledged, and it is cut off here so
   * the next append starts a line of its own.
   */
  open(): JournalContents {
    const { file } = this.options;
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    // A symbolic link or device in place of the journal would take the records somewhere else.
    const existing = lstatSafe(file);
    if (existing !== undefined && !existing.isFile()) {
      throw new GatewayError('LEDGER_UNAVAILABLE', `The record journal ${file} is not a regular file; move it away.`);
    }
    const fd = openSync(file, 'a+', 0o600);
    try {
      chmodSync(file, 0o600);
      const size = fstatSync(fd).size;
      if (size > this.options.maxBytes * 2) {
        throw new GatewayError('LEDGER_UNAVAILABLE', `The record journal ${file} is ${size} bytes, more than it can grow to; it is not the gateway's.`);
      }
      const contents = readAll(fd, size);
      const complete = contents.lastIndexOf(NEWLINE) + 1;
      if (complete < size) ftruncateSync(fd, complete);
      this.fd = fd;
      this.bytes = complete;
      this.broken = false;
      const lines = contents.subarray(0, complete).toString('utf8').split('\n');
      return { lines: lines.filter((line) => line !== ''), tornBytes: size - complete };
    } catch (error) {
      closeSync(fd);
      throw error;
    }
  }

  /**
   * Appends `length` bytes of `bytes` (whole lines, each ending in its newline) with one write(). Returns
   * false, with the file as it was before, when it could not: the journal is full or closed, or the write
   * failed (a full disk, an I/O error). `reason` carries why.
   */
  append(bytes: Uint8Array, length = bytes.byteLength): { readonly ok: true } | { readonly ok: false; readonly reason: string } {
    const fd = this.fd;
    if (fd === undefined) return { ok: false, reason: 'the journal is closed' };
    if (this.broken) return { ok: false, reason: 'an earlier write failed and could not be undone' };
    if (length === 0 || bytes[length - 1] !== NEWLINE) return { ok: false, reason: 'a journal write must end a line' };
    if (this.bytes + length > this.options.maxBytes) return { ok: false, reason: `the journal reached its ${this.options.maxBytes} bytes` };
    let written = 0;
    try {
      written = writeSync(fd, bytes, 0, length);
      if (written === length) {
        this.bytes += written;
        return WRITTEN;
      }
      throw new Error(`short write (${written} of ${length} bytes)`);
    } catch (error) {
      // Half a line would join the next line into one that cannot be read: cut it off.
      try {
        ftruncateSync(fd, this.bytes);
      } catch {
        this.broken = true;
      }
      return { ok: false, reason: messageOf(error) };
    }
  }

  /** Empties the journal once a commit holds every line in it. */
  reset(): void {
    if (this.fd === undefined || this.bytes === 0) return;
    ftruncateSync(this.fd, 0);
    this.bytes = 0;
    this.broken = false;
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }
}

function lstatSafe(file: string): ReturnType<typeof lstatSync> | undefined {
  try {
    return lstatSync(file);
  } catch {
    return undefined;
  }
}

const NEWLINE = 0x0a;
const WRITTEN = { ok: true } as const;

function readAll(fd: number, size: number): Buffer {
  const buffer = Buffer.alloc(size);
  let offset = 0;
  while (offset < size) {
    const read = readSync(fd, buffer, offset, size - offset, offset);
    if (read === 0) break;
    offset += read;
  }
  return buffer.subarray(0, offset);
}
