import type { Database, Statement } from 'better-sqlite3';
import { journalEntrySchema, JournalLines, journalShapeSchema, recordOfEntry, shapeFields, type FieldTuple, type JournalEntry, type JournalShape } from './journal-entry.js';
import { RecordJournal } from './journal.js';
import { LineBuffer } from './line-buffer.js';
import type { FlowRecord } from './record.js';
import type { RecordShape } from './record-shape.js';
import { messageOf } from '../errors.js';

/**
 * The last journal sequence number a commit holds, in the ledger file itself and written in the same
 * transaction as the rows: a gateway killed between a commit and the journal's truncation replays only
 * what comes after it, so no record is counted twice. Created outside the migrations (like the hub
 * outbox), so a ledger without it is still the same schema version.
 */
const CREATE_MARK = `
  CREATE TABLE IF NOT EXISTS journal_mark (
    id             INTEGER PRIMARY KEY CHECK (id = 1),
    committed_seq  INTEGER NOT NULL
  ) STRICT;
`;

export interface LedgerJournalOptions {
  readonly file: string;
  readonly maxBytes: number;
  readonly log: (level: 'info' | 'warn' | 'error', message: string) => void;
}

/** What start() found in the journal of an earlier run. */
export interface Replay {
  readonly records: readonly FlowRecord[];
  /** Lines a commit already held (the run died before truncating). */
  readonly committed: number;
}

/**
 * The ledger's side of the record journal: numbers each line, writes it, tells the commit which number
 * it holds, empties the journal after the commit, and replays what an earlier run left. A record whose
 * line could not be written is not lost: the ledger then holds its answer for the SQLite commit, as it
 * does without a journal (ledger.ts), and the failure is logged once per outage.
 */
export class LedgerJournal {
  private readonly journal: RecordJournal;
  private readonly lines = new JournalLines();
  /** The next write's bytes, kept from record to record. */
  private readonly line = new LineBuffer();
  private readonly readMark: Statement<[], { committed_seq: number }>;
  private readonly writeMark: Statement<[number]>;
  private seq = 0;
  private failing = false;

  constructor(
    db: Database,
    private readonly options: LedgerJournalOptions,
  ) {
    db.exec(CREATE_MARK);
    this.readMark = db.prepare<[], { committed_seq: number }>('SELECT committed_seq FROM journal_mark WHERE id = 1');
    this.writeMark = db.prepare<[number]>(
      'INSERT INTO journal_mark (id, committed_seq) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET committed_seq = excluded.committed_seq',
    );
    this.journal = new RecordJournal({ file: options.file, maxBytes: options.maxBytes });
  }

  get size(): number {
    return this.journal.size;
  }

  /** Opens the journal; returns the records no commit holds yet, oldest first. */
  open(): Replay {
    const committedSeq = this.readMark.get()?.committed_seq ?? 0;
    const { lines, tornBytes } = this.journal.open();
    if (tornBytes > 0) this.options.log('info', `dropped a torn last journal line (${tornBytes} bytes): its record was never acknowledged`);
    const records: FlowRecord[] = [];
    const shapes = new Map<number, readonly FieldTuple[]>();
    let committed = 0;
    let unreadable = 0;
    let last = committedSeq;
    for (const line of lines) {
      const parsed = parseLine(line);
      if (parsed !== undefined && 'shape' in parsed) {
        const fields = shapeFields(parsed);
        // Its records cannot be read without it: they count as unreadable.
        if (fields === undefined) unreadable++;
        else shapes.set(parsed.shape, fields);
        continue;
      }
      const record = parsed === undefined ? undefined : recordOfEntry(parsed, shapes);
      if (parsed === undefined || record === undefined) {
        unreadable++;
        continue;
      }
      last = Math.max(last, parsed.s);
      if (parsed.s <= committedSeq) committed++;
      else records.push(record);
    }
    if (unreadable > 0) this.options.log('error', `${unreadable} journal lines could not be read and are not in the ledger`);
    this.seq = last;
    return { records, committed };
  }

  /** Writes the record's line (`shape`: its decision's, RecordShapes.of); false when it could not (the reason is logged once per outage). */
  append(record: FlowRecord, shape?: RecordShape): boolean {
    this.line.clear();
    this.lines.write(this.line, record, this.seq + 1, shape);
    const result = this.journal.append(this.line.bytes, this.line.length);
    if (result.ok) {
      this.seq++;
      if (this.failing) this.options.log('info', 'the record journal is written again');
      this.failing = false;
      return true;
    }
    // The shape line written with it (if any) is not in the journal either.
    this.lines.forget();
    if (!this.failing) {
      this.options.log('error', `cannot write the record journal (${result.reason}): answers wait for the SQLite commit instead`);
    }
    this.failing = true;
    return false;
  }

  /** Run inside the commit's transaction: the commit holds every line written so far. */
  markCommitted(): void {
    this.writeMark.run(this.seq);
  }

  /** After the commit: its lines are in the ledger file, the journal starts over. */
  committed(): void {
    this.lines.forget();
    try {
      this.journal.reset();
    } catch (error) {
      // The mark says what is committed: a later replay skips these lines.
      const reason = messageOf(error);
      this.options.log('warn', `cannot empty the record journal (${reason}); its committed lines are skipped on replay`);
    }
  }

  close(): void {
    this.journal.close();
  }
}

function parseLine(line: string): JournalEntry | JournalShape | undefined {
  try {
    const json: unknown = JSON.parse(line);
    const parsed = typeof json === 'object' && json !== null && 'shape' in json ? journalShapeSchema.safeParse(json) : journalEntrySchema.safeParse(json);
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
