/**
 * Never a raw value: every fixture of the labelled corpus goes through the real gateway process (the
 * built CLI, a real upstream, real curl and a Node client) in every shape of shapes.ts, in monitor mode
 * and in enforce mode with category rules. Then the ledger's files (main file, WAL and shared memory,
 * read as raw bytes while the gateway runs and after it stopped), its record journal (read after every
 * fixture's requests, before the ledger's next commit empties it), its rows, the gateway's logs and the
 * local page's answers (what the card and the reports show) are searched for every labelled value.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanEnv, startGateway, type StartedGateway } from '../app/cli-process.js';
import { startUpstream, type Upstream } from '../helpers/upstream-servers.js';
import { DEV_CORPUS, loadCorpus, searchableValues, SHARED_CORPUS, type CorpusFixture } from './labelled-values.js';
import { databasePages, findRaw, stringsOf, type DatabasePages, type Haystack } from './scan.js';
import { BODY_SHAPES, requestsFor, type Outgoing } from './shapes.js';

const CATEGORY_RULES = [
  { id: 'location', category: 'location', action: 'redact' },
  { id: 'network', category: 'network', action: 'hash' },
  { id: 'device', category: 'device', action: 'hash' },
  { id: 'personal', category: 'personal', action: 'redact' },
  { id: 'credentials', category: 'credentials', action: 'redact' },
  { id: 'health', category: 'health', action: 'drop' },
  { id: 'media', category: 'media', action: 'drop' },
  { id: 'third-party', category: 'third_party', action: 'drop' },
  { id: 'behaviour', category: 'behaviour', action: 'hash' },
] as const;

function policyFor(mode: 'monitor' | 'enforce'): unknown {
  return {
    version: 1,
    mode,
    destinations: [{ id: 'vendor', vendor: 'Test vendor', hosts: ['127.0.0.1'] }],
    rules: CATEGORY_RULES,
    devices: [{ id: 'scanner', name: 'Scan device', addresses: ['127.0.0.1'] }],
  };
}

interface Answer {
  readonly status: number;
  readonly body: Buffer;
}

function viaNode(proxyPort: number, upstream: Upstream, out: Outgoing): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request({
      host: '127.0.0.1',
      port: proxyPort,
      method: out.method,
      path: `${upstream.url}${out.path}`,
      headers: { host: `127.0.0.1:${upstream.port}`, ...out.headers },
    });
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end(out.body);
  });
}

/** Real curl with its defaults: `--data-binary` and no Content-Type header send a form type. */
function viaCurl(proxyPort: number, upstream: Upstream, out: Outgoing): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const args = ['-sS', '-o', '/dev/null', '-w', '%{http_code}', '--noproxy', '', '--proxy', `http://127.0.0.1:${proxyPort}`];
    const child = spawn('curl', [...args, '--data-binary', '@-', `${upstream.url}${out.path}`], { env: cleanEnv() });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.on('error', reject);
    child.on('close', () => resolve({ status: Number(stdout), body: Buffer.alloc(0) }));
    child.stdin.end(out.body);
  });
}

function pageGet(port: number, path: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    request({ host: '127.0.0.1', port, path }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve(Buffer.concat(chunks)));
    })
      .on('error', reject)
      .end();
  });
}

const portOf = (url: string | undefined): number => Number(/:(\d+)\/?$/.exec(url ?? '')?.[1]);
const LEDGER_FILES = ['ledger.sqlite', 'ledger.sqlite-wal', 'ledger.sqlite-shm', 'ledger.journal'];

/**
 * The text of a journal's lines, searched like the ledger's rows: every string of each JSON line (numbers
 * are times, sequence numbers, ports, byte counts and field indices, not values), without the keyed
 * fingerprints, which a line carries for every request where the rows keep only the last. A line caught
 * half-written by a read is left out (the next read has it whole, unless a commit emptied the journal).
 */
function journalStrings(journal: Buffer): Buffer {
  const lines: string[] = [];
  // Reads between two commits see the same lines again: each is searched once.
  for (const line of new Set(journal.toString('utf8').split('\n'))) {
    let entry: unknown;
    try {
      entry = JSON.parse(line);
    } catch {
      continue;
    }
    if (typeof entry === 'object' && entry !== null && 'f' in entry && !('shape' in entry)) entry = { ...entry, f: [] };
    lines.push(stringsOf(entry));
  }
  return Buffer.from(lines.join('\n'), 'latin1');
}

/**
 * Keyed fingerprints are hashes, not values: each one the ledger holds is cut out of what is searched,
 * so a short value cannot match inside one by chance.
 */
function withoutFingerprints(text: string, fingerprints: readonly string[]): string {
  let out = text;
  // Of the same length, so that a raw file's offsets still say where its pages begin (scan.ts, DatabasePages), and
  // of NUL bytes, which no labelled value holds (a publisher's mask `################` would match `#`).
  for (const fingerprint of fingerprints) out = out.replaceAll(fingerprint, '\0'.repeat(fingerprint.length));
  return out;
}

async function ledgerFiles(dataDir: string, when: string, into: Map<string, Buffer>): Promise<void> {
  for (const name of LEDGER_FILES) {
    const file = join(dataDir, name);
    if (!existsSync(file)) continue;
    const bytes = await readFile(file);
    into.set(`${name} (${when})`, name === 'ledger.journal' ? journalStrings(bytes) : bytes);
  }
}

/** The text of every row of every table (integers are counts, times and ids, not values). */
function ledgerRows(dataDir: string): { readonly rows: string; readonly fingerprints: string[] } {
  const db = new Database(join(dataDir, 'ledger.sqlite'), { readonly: true });
  const tables = db.prepare<[], { name: string }>("SELECT name FROM sqlite_schema WHERE type = 'table'").all();
  const rows = tables.map(({ name }) => stringsOf(db.prepare(`SELECT * FROM "${name}"`).all()));
  const fingerprints = db
    .prepare<[], { fp: string }>('SELECT DISTINCT last_fingerprint AS fp FROM field_observations WHERE last_fingerprint IS NOT NULL')
    .all()
    .map(({ fp }) => fp);
  db.close();
  return { rows: rows.join('\n'), fingerprints };
}

/** Fixtures sent together; their requests' shapes are distinct paths and bodies, so the ledger tells them apart. */
const FIXTURES_AT_ONCE = 4;

interface Run {
  readonly haystack: Haystack;
  readonly upstream: Upstream;
  readonly answers: ReadonlyMap<string, number>;
  readonly sent: number;
}

async function scanRun(mode: 'monitor' | 'enforce', corpus: readonly CorpusFixture[], dir: string): Promise<Run> {
  const dataDir = join(dir, mode);
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  await writeFile(join(dataDir, 'policy.json'), JSON.stringify(policyFor(mode)), { mode: 0o600 });
  const upstream = await startUpstream();
  let gateway: StartedGateway | undefined;
  try {
    gateway = await startGateway(['--data', dataDir, '--port', '0', '--page-port', '0']);
    let stdout = '';
    gateway.child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('latin1')));
    const proxyPort = portOf(gateway.banner.get('Proxy'));
    const pagePort = portOf(gateway.banner.get('Local page'));
    const answers = new Map<string, number>();
    const journal: Buffer[] = [];
    let sent = 0;
    // A few fixtures at a time: curl processes and the gateway overlap (the corpus is ~900 fixtures, ~8 shapes each).
    for (let start = 0; start < corpus.length; start += FIXTURES_AT_ONCE) {
      const batch = [...corpus.entries()].slice(start, start + FIXTURES_AT_ONCE);
      const outgoing = batch.flatMap(([index, fixture]) => requestsFor(fixture, index).map((out) => ({ index, out })));
      sent += outgoing.length;
      await Promise.all(
        outgoing.map(async ({ index, out }) => {
          const answer = await (out.curl ? viaCurl : viaNode)(proxyPort, upstream, out);
          answers.set(`${answers.size} ${index} ${out.shape} ${out.path.slice(0, 40)}`, answer.status);
        }),
      );
      // The lines of these answered requests, unless a commit emptied the journal in between.
      journal.push(await readFile(join(dataDir, 'ledger.journal')));
    }
    const kept = new Map<string, Buffer>();
    // The ledger flushes every 250 ms; the page's answers come from it.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await ledgerFiles(dataDir, 'while running', kept);
    for (const path of ['/api/devices', '/api/devices/scanner', '/api/devices/scanner/report', '/api/devices/scanner/report?format=md']) {
      kept.set(`page ${path}`, await pageGet(pagePort, path));
    }
    gateway.child.kill('SIGTERM');
    await gateway.exited;
    await ledgerFiles(dataDir, 'after stop', kept);
    const { rows, fingerprints } = ledgerRows(dataDir);
    kept.set('ledger rows', Buffer.from(rows, 'latin1'));
    kept.set('ledger.journal (after each fixture)', journalStrings(Buffer.concat(journal)));
    kept.set('gateway stdout', Buffer.from(stdout, 'latin1'));
    kept.set('gateway stderr', Buffer.from(gateway.stderr()));
    // Searched as latin1 text: each byte one character, so UTF-8 needles (read the same way) match bytes.
    const shown = (where: string): boolean => where.startsWith('page') || where.startsWith('gateway');
    const databaseFile = (where: string, bytes: Buffer): DatabasePages | undefined =>
      /^ledger\.sqlite(-wal)? /.test(where) && bytes.length >= 32 ? databasePages(bytes, where.startsWith('ledger.sqlite-wal')) : undefined;
    const haystack: Haystack = new Map(
      [...kept].map(([where, bytes]) => [
        where,
        { text: withoutFingerprints(bytes.toString('latin1'), fingerprints), countsShown: shown(where), rawDatabase: databaseFile(where, bytes) },
      ]),
    );
    // PG_SCAN_DUMP=/tmp/prefix keeps what was searched, to read the context of a finding.
    if (process.env.PG_SCAN_DUMP) await writeFile(process.env.PG_SCAN_DUMP + mode, JSON.stringify([...haystack]));
    return { haystack, upstream, answers, sent };
  } finally {
    if (gateway !== undefined && gateway.child.exitCode === null) gateway.child.kill('SIGKILL');
    await upstream.close();
  }
}

/** The shared corpus and the classifier's development corpus (the held-out part is never read here). */
const corpus = [...loadCorpus(SHARED_CORPUS), ...loadCorpus(DEV_CORPUS)];
/** 127.0.0.1 is also the test upstream's address, which the ledger keeps as the destination host. */
const searchable = searchableValues(corpus, ['127.0.0.1']);

describe.each(['monitor', 'enforce'] as const)('never a raw value (%s mode, category rules)', (mode) => {
  let dir: string;
  let run: Run;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pg-never-raw-'));
    run = await scanRun(mode, corpus, dir);
    // Sending the whole development corpus takes minutes (about 5 on a quiet 2-core machine at ~900 fixtures).
  }, 1_500_000);

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('searches a real ledger that recorded the traffic', () => {
    const searched = corpus.flatMap((f) => f.values).filter((v) => searchable(v.value) !== undefined);
    expect(corpus.length).toBeGreaterThanOrEqual(98);
    expect(searched.length).toBeGreaterThan(500);
    expect(run.answers.size).toBe(run.sent);
    expect(run.upstream.received.length).toBeGreaterThan(run.sent * 0.9);
    // Guards the search itself: what was recorded is there to be searched.
    const rows = run.haystack.get('ledger rows')?.text ?? '';
    expect(rows).toContain('Scan device');
    expect(rows).toContain('$.networks.{network}');
    expect(rows).toContain('/api/devices/{device}/state');
    // And so is the journal: device, templated paths and field shapes of the requests just answered.
    const journal = run.haystack.get('ledger.journal (after each fixture)')?.text ?? '';
    expect(journal).toContain('Scan device');
    expect(journal).toContain('/api/devices/{device}/state');
    expect(journal).toContain('$.networks.{network}');
    expect(run.haystack.get('page /api/devices/scanner')?.text).toContain('$.lat');
  });

  // The search is CPU-bound (every labelled value of ~1,000 payloads in every place kept): about 2 minutes on a
  // quiet machine, 9 to 18 on a shared one (load 10-15 on 2 cores). A time limit here would measure the
  // neighbours, not the gateway, so it is the sending's.
  it('finds no raw personal value in the ledger files, its rows, the logs or the page', () => {
    expect(findRaw(corpus, run.haystack, searchable)).toEqual([]);
  }, 1_500_000);

  it.runIf(mode === 'enforce')('polices JSON alike under every label, charset and byte order mark', () => {
    const bom = Buffer.from([0xef, 0xbb, 0xbf]);
    const differing: string[] = [];
    let edited = 0;
    for (const index of corpus.keys()) {
      const bodies = BODY_SHAPES.map(({ shape }) => {
        const received = run.upstream.received.find((r) => r.path === `/ingest/${index}/${shape}`);
        const body = Buffer.from(received?.body ?? '', 'base64');
        return body.subarray(0, 3).equals(bom) ? body.subarray(3) : body;
      });
      const [json, ...others] = bodies;
      if (json === undefined || json.length === 0) continue;
      if (!json.equals(corpus[index]?.json ?? Buffer.alloc(0))) edited++;
      others.forEach((body, i) => {
        if (!body.equals(json)) differing.push(`${corpus[index]?.file}: ${BODY_SHAPES[i + 1]?.shape}`);
      });
    }
    expect(differing).toEqual([]);
    expect(edited).toBeGreaterThan(corpus.length / 2);
  });
});
