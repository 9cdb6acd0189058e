/** The search for raw values, shared by the gateway scan and the real-hub suite. */
import type { CorpusFixture, LabelledValue } from './labelled-values.js';

/** One place searched: its text as latin1 (one character per byte). */
export interface Place {
  readonly text: string;
  /**
   * The place shows counts, ports, ids and sizes as text (the page's JSON, the Markdown report, logs,
   * Home Assistant's sensor states): a short number found there is far more likely one of those than
   * the value, so numbers of fewer than 6 characters are not searched in it. String-only dumps (the rows, the
   * journal's strings) are searched for every number; raw database files are not (see `rawDatabase`).
   */
  readonly countsShown: boolean;
  /**
   * The place is a raw database file (main file or WAL), and where its pages begin. Besides its live rows it holds
   * bytes that form values by chance, so three kinds of match are not counted there; the rows and the journal, which
   * hold the same text without them, are searched for everything:
   * - the pages of rows since rewritten keep keyed fingerprints the rows no longer show (so they cannot be cut out by
   *   value, as the rows' own are). A fingerprint is 22 base64url characters, whose `-` and `_` border words: a short
   *   value can sit inside one (`…-Ford_…`, seen once in ~20 runs);
   * - SQLite's framing bytes sit between the gateway's own strings: a host `127.0.0.1` followed by a record header
   *   byte `5` reads `127.0.0.15`, which holds the value `0.15`; a day `2026-12-07` half overwritten in a freed cell
   *   left `2020`. So numbers of fewer than 6 characters are not searched there (as in places that show counts);
   * - a page's first four bytes are its header, or an overflow page's pointer to the next one, and a pointer's bytes
   *   can be letters: `category dev` | `00 00 0e 6e` (page 3694) | `ice → hash` reads `nice` where a row's text
   *   continues on the next page. A match that begins in those four bytes is not a stored value (one stored at an
   *   overflow page's start begins after them).
   */
  readonly rawDatabase?: DatabasePages;
}

/** Where the pages of a SQLite file begin: at `first + n × stride` (main file: 0 and the page size; WAL: after its
 * 32-byte header and each frame's 24-byte header). Offsets are bytes, one latin1 character each. */
export interface DatabasePages {
  readonly first: number;
  readonly stride: number;
}

/** Bytes at a page's start that are never a stored value: a b-tree page's header or an overflow page's pointer. */
const PAGE_POINTER_BYTES = 4;

/** Where the pages of a raw SQLite main file or WAL begin, read from its header (file format, sections 1.3 and 4.1). */
export function databasePages(bytes: Buffer, wal: boolean): DatabasePages {
  if (wal) return { first: 32 + 24, stride: bytes.readUInt32BE(8) + 24 };
  const size = bytes.readUInt16BE(16);
  return { first: 0, stride: size === 1 ? 65_536 : size };
}

function inPagePointer(pages: DatabasePages, start: number): boolean {
  const at = start - pages.first;
  return at >= 0 && at % pages.stride < PAGE_POINTER_BYTES;
}

/** Everything kept or shown, by where it was found. */
export type Haystack = Map<string, Place>;

const SHORT_NUMBER = /^[-+]?[\d.,]{1,5}$/;

/** The keys and string values of a JSON value, without its numbers: what a dump of rows can leak. */
export function stringsOf(value: unknown): string {
  const out: string[] = [];
  const visit = (node: unknown): void => {
    if (typeof node === 'string') out.push(node);
    else if (Array.isArray(node)) node.forEach(visit);
    else if (node !== null && typeof node === 'object') {
      for (const [key, child] of Object.entries(node)) {
        out.push(key);
        visit(child);
      }
    }
  };
  visit(value);
  return Buffer.from(out.join('\n')).toString('latin1');
}

export type Searchable = (value: LabelledValue['value']) => string | undefined;

/**
 * Each searchable value as it could be written: plain (UTF-8 read as latin1 bytes), JSON-escaped, URL-encoded,
 * each also in lower case (key readings and templates lower-case words, so a value that reached one would be
 * kept lower-cased).
 */
function needles(value: string): string[] {
  const cased = [value, value.toLowerCase()];
  const forms = new Set(cased.flatMap((text) => [text, JSON.stringify(text).slice(1, -1), encodeURIComponent(text)]));
  return [...forms].map((form) => Buffer.from(form, 'utf8').toString('latin1'));
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Characters of base64url, the alphabet of keyed fingerprints. */
const BASE64URL = /[A-Za-z0-9_-]/;
const FINGERPRINT_CHARS = 22;

/**
 * Whether the match at `start`..`end` is inside a token of at least a fingerprint's length that is bordered
 * at the match by `-` or `_`: the only way a whole word can sit inside a base64url fingerprint.
 */
function insideFingerprint(text: string, start: number, end: number): boolean {
  if (text[start - 1] !== '-' && text[start - 1] !== '_' && text[end] !== '-' && text[end] !== '_') return false;
  let from = start;
  while (from > 0 && BASE64URL.test(text[from - 1] ?? '')) from--;
  let to = end;
  while (to < text.length && BASE64URL.test(text[to] ?? '')) to++;
  return to - from >= FINGERPRINT_CHARS;
}

/**
 * A whole value, not part of a longer word (`work` inside `network` is not the value `work`). In a
 * database file a word can be split by a page boundary (`net` | page header | `work…`): a match right
 * after a binary byte whose continuation is, in the rows, the tail of a longer word is that word. In a raw
 * database file a match inside an old fingerprint or beginning in a page's pointer is not counted either
 * (`Place.rawDatabase`).
 */
function containsValue(text: string, needle: string, rows: string, rawDatabase: DatabasePages | undefined): boolean {
  // Most values are nowhere: a plain substring search rules them out before a regex is built and run.
  if (!text.includes(needle)) return false;
  const pattern = new RegExp(`(?<![A-Za-z0-9])${escapeRegExp(needle)}(?![A-Za-z0-9])`, 'g');
  for (const match of text.matchAll(pattern)) {
    const before = text.charCodeAt(match.index - 1);
    const continuation = needle + (/^[A-Za-z0-9 ]{0,12}/.exec(text.slice(match.index + needle.length))?.[0] ?? '');
    const splitWord = before < 0x20 && new RegExp(`[A-Za-z0-9]${escapeRegExp(continuation)}`).test(rows);
    if (splitWord) continue;
    if (rawDatabase !== undefined && (insideFingerprint(text, match.index, match.index + needle.length) || inPagePointer(rawDatabase, match.index))) continue;
    return true;
  }
  return false;
}

export interface RawFinding {
  readonly file: string;
  readonly path: string;
  readonly value: string;
  readonly where: string;
}

/** Runs of letters and digits: a whole value starts where one starts, so its first run is one of the text's. */
const WORD_RUN = /[A-Za-z0-9]+/g;

function wordRuns(text: string): Set<string> {
  const runs = new Set<string>();
  for (const match of text.matchAll(WORD_RUN)) runs.add(match[0]);
  return runs;
}

/**
 * Whether the needle can be in a text with these word runs. A whole-value match is not preceded by a letter or
 * digit, and a run inside the needle ends where the needle's does (at a character that is not one, or at the
 * needle's end, where no letter or digit may follow): so the needle's first run is a whole run of the text. The
 * ledger of the whole corpus is ~150 MB; searching it once per needle took minutes, this test takes a set lookup.
 */
function mayContain(runs: ReadonlySet<string>, needle: string): boolean {
  const first = /[A-Za-z0-9]+/.exec(needle)?.[0];
  return first === undefined || runs.has(first);
}

export function findRawValues(corpus: readonly CorpusFixture[], haystack: Haystack, searchable: Searchable): RawFinding[] {
  const rows = haystack.get('ledger rows')?.text ?? '';
  const places = [...haystack].map(([where, place]) => ({ where, ...place, runs: wordRuns(place.text) }));
  const found: RawFinding[] = [];
  for (const fixture of corpus) {
    for (const labelled of fixture.values) {
      const value = searchable(labelled.value);
      if (value === undefined) continue;
      const forms = needles(value);
      for (const { where, text, countsShown, rawDatabase, runs } of places) {
        if ((countsShown || rawDatabase !== undefined) && SHORT_NUMBER.test(value)) continue;
        if (forms.some((needle) => mayContain(runs, needle) && containsValue(text, needle, rows, rawDatabase))) found.push({ file: fixture.file, path: labelled.path, value, where });
      }
    }
  }
  return found;
}

/** Each raw value found, as `file path "value" in where`. */
export function findRaw(corpus: readonly CorpusFixture[], haystack: Haystack, searchable: Searchable): string[] {
  return findRawValues(corpus, haystack, searchable).map((f) => `${f.file} ${f.path} ${JSON.stringify(f.value)} in ${f.where}`);
}
