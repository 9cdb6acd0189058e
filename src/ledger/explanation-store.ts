import type { Database, Statement } from 'better-sqlite3';

/** Explanation ids remembered by JSON; past this the map starts over (a lookup in the table costs ~1 µs). */
const MAX_REMEMBERED = 1024;

/**
 * The `explanations` table (schema migration 8): each distinct explanation JSON stored once, decision rows
 * naming it by id. In enforce mode every edited request is a decision row, and a device sends the same shape
 * again and again, so storing the ~1 KB JSON per row was about half of a commit's cost per record.
 *
 * An id remembered from an earlier transaction is trusted only once it is seen again in the table with the
 * same JSON, once per transaction: a rolled-back insert or another connection's retention may have removed
 * it, and SQLite can hand its rowid to another explanation.
 */
export class ExplanationStore {
  private readonly find: Statement<[string], { id: number }>;
  private readonly insert: Statement<[string]>;
  private readonly holds: Statement<[number, string], { found: number }>;
  private readonly ids = new Map<string, number>();
  /** Ids checked against the table in the current transaction. */
  private readonly checked = new Set<number>();

  constructor(db: Database) {
    this.find = db.prepare<[string], { id: number }>('SELECT id FROM explanations WHERE json = ?');
    this.insert = db.prepare<[string]>('INSERT INTO explanations (json) VALUES (?)');
    this.holds = db.prepare<[number, string], { found: number }>('SELECT 1 AS found FROM explanations WHERE id = ? AND json = ?');
  }

  /** Call at the start of each write transaction. */
  begin(): void {
    this.checked.clear();
  }

  /** The id of `json` in the table, inserted if new. Runs inside the write transaction. */
  idOf(json: string): number {
    const remembered = this.ids.get(json);
    if (remembered !== undefined) {
      if (this.checked.has(remembered)) return remembered;
      if (this.holds.get(remembered, json) !== undefined) {
        this.checked.add(remembered);
        return remembered;
      }
    }
    const id = this.find.get(json)?.id ?? Number(this.insert.run(json).lastInsertRowid);
    if (this.ids.size >= MAX_REMEMBERED) this.ids.clear();
    this.ids.set(json, id);
    this.checked.add(id);
    return id;
  }
}

/** Explanations no decision row names any more (after retention deleted rows). */
export const DELETE_UNUSED_EXPLANATIONS = `
  DELETE FROM explanations
  WHERE id NOT IN (SELECT explanation_id FROM decisions WHERE explanation_id IS NOT NULL)`;
