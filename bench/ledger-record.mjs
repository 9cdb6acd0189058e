// The ledger's cost per answered request as the gateway pays it: `recordDurably` on a journaled Ledger
// (Aggregator.add + the journal line + its write()), for the bench bodies (1 KB and 10 KB telemetry, the six
// bench rules), in CPU µs per record. Each record carries its own decision and fingerprints, made by the
// build's own parse, classify, evaluate and fingerprintsOf (not timed), so caches keyed by object identity
// get no help a real request would not get. The 250 ms commit is a flush every PG_FLUSH_EVERY records.
// Several builds in ONE run, batches interleaved; also prints journal bytes per record and checks that a
// restart's replay rebuilds the same ledger rows as the records themselves (a `replay` column).
// Usage: npm run build && node bench/ledger-record.mjs
//        PG_LEDGER_DISTS=before=/tmp/pg-before/dist,after=dist node bench/ledger-record.mjs
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { buildSpecs, loadRecordBuild } from './lib/builds.mjs';
import { BODY_SIZES, telemetryBody } from './lib/payloads.mjs';

const specs = buildSpecs(process.env.PG_LEDGER_DISTS);
const BATCHES = Number(process.env.PG_BENCH_BATCHES ?? 15);
const FLUSH_EVERY = Number(process.env.PG_FLUSH_EVERY ?? 100);
const DISTINCT = 32;
const benchPolicy = JSON.parse(readFileSync(resolve(import.meta.dirname, 'policy.json'), 'utf8'));
const key = randomBytes(32);
const target = { clientAddress: '127.0.0.1', scheme: 'http', host: '127.0.0.1', port: 8081 };


/** DISTINCT records as inspect.ts makes them: a fresh decision and fingerprints map each. */
function recordsOf(b, body) {
  const compiled = b.policy.compilePolicy(b.policy.parsePolicy(benchPolicy));
  const pseudonymizer = new b.policy.Pseudonymizer(key);
  const doc = JSON.parse(body.toString('utf8'));
  return Array.from({ length: DISTINCT }, (_, i) => {
    // The values change between requests (readings, one network), the shape does not.
    doc.readings[0].t = 1700000000 + i;
    doc.ap_list[0].rssi = -40 - i;
    const bytes = Buffer.from(JSON.stringify(doc));
    const fields = b.policy.classifyPayload(b.payload.parsePayload(bytes, 'application/json', { maxDepth: 64 }));
    const flow = { target, method: 'POST', path: '/ingest/7f3a91', payload: { format: 'json', fields, opaque: undefined } };
    const decision = b.policy.evaluate(flow, compiled);
    return {
      at: 0,
      connection: decision.connection,
      decision,
      inspectable: true,
      method: 'POST',
      path: '/ingest/7f3a91',
      fingerprints: b.fingerprintsOf(fields, pseudonymizer),
      bytesUp: bytes.length,
      bytesDown: 40,
      durationMs: 2,
      error: undefined,
      upstreamAddress: '127.0.0.1',
    };
  });
}

const explained = (db) => db.prepare("SELECT 1 FROM sqlite_schema WHERE name = 'decisions_explained'").get() !== undefined;

function rowsOf(file) {
  const db = new BetterSqlite3(file, { readonly: true });
  try {
    const all = (sql) => db.prepare(sql).all();
    return JSON.stringify([
      all('SELECT * FROM devices ORDER BY id'),
      all('SELECT * FROM destinations ORDER BY 1, 2, 3, 4, 5'),
      all('SELECT * FROM field_observations ORDER BY 1, 2, 3, 4, 5, 6, 7, 8'),
      // Since migration 8 a row names its explanation by id: compare the explanation itself where the view exists.
      all(`SELECT * FROM ${explained(db) ? 'decisions_explained' : 'decisions'} ORDER BY at, explanation`),
    ]);
  } finally {
    db.close();
  }
}

/** Ledger rows from recording `records` directly, and from a restart that replays their journal. */
function replayCheck(b, records) {
  const direct = mkdtempSync(join(tmpdir(), 'pg-ledger-record-'));
  const replayed = mkdtempSync(join(tmpdir(), 'pg-ledger-record-'));
  try {
    const open = (dir) =>
      new b.Ledger({ file: join(dir, 'ledger.sqlite'), retentionDays: 30, flushIntervalMs: 3_600_000, now: () => 1_700_000_000_000, journal: { file: join(dir, 'ledger.journal') } });
    const a = open(direct);
    a.start();
    const c = open(replayed);
    c.start();
    let bytes = 0;
    records.forEach((record, i) => {
      const at = 1_700_000_000_000 + i;
      a.recordDurably({ ...record, at }, () => {});
      c.recordDurably({ ...record, at }, () => {});
      // A commit halfway: the replay must handle shapes written before a truncation.
      if (i === Math.floor(records.length / 2)) {
        a.flush();
        c.flush();
      }
    });
    bytes = statSync(join(replayed, 'ledger.journal')).size;
    a.stop();
    // Killed: no stop(), the journal is all the second ledger has of its last records.
    const restarted = open(replayed);
    restarted.start();
    restarted.stop();
    const same = rowsOf(join(direct, 'ledger.sqlite')) === rowsOf(join(replayed, 'ledger.sqlite'));
    return { same, bytesPerRecord: bytes / (records.length - Math.floor(records.length / 2) - 1) };
  } finally {
    rmSync(direct, { recursive: true, force: true });
    rmSync(replayed, { recursive: true, force: true });
  }
}

const builds = await Promise.all(specs.map(loadRecordBuild));
const median = (list) => [...list].sort((a, c) => a - c)[Math.floor(list.length / 2)];

for (const size of BODY_SIZES) {
  const body = telemetryBody(size.bytes);
  const cells = builds.map((b) => {
    const records = recordsOf(b, body);
    const dir = mkdtempSync(join(tmpdir(), 'pg-ledger-record-'));
    const ledger = new b.Ledger({ file: join(dir, 'ledger.sqlite'), retentionDays: 30, flushIntervalMs: 3_600_000, journal: { file: join(dir, 'ledger.journal') } });
    ledger.start();
    return { b, records, dir, ledger, samples: [], flushSamples: [], check: replayCheck(b, records), fields: records[0].decision.fields.length };
  });
  const iterations = size.bytes > 4096 ? 300 : 2000;
  let at = Date.now();
  const batch = (cell) => {
    let released = 0;
    let flushUs = 0;
    const start = process.cpuUsage();
    for (let i = 0; i < iterations; i++) {
      const record = cell.records[i % DISTINCT];
      cell.ledger.recordDurably({ ...record, at: at++ }, () => released++);
      if ((i + 1) % FLUSH_EVERY === 0) {
        const f = process.cpuUsage();
        cell.ledger.flush();
        const used = process.cpuUsage(f);
        flushUs += used.user + used.system;
      }
    }
    const used = process.cpuUsage(start);
    if (released !== iterations) throw new Error(`${cell.b.label}: released ${released} of ${iterations}`);
    cell.samples.push((used.user + used.system - flushUs) / iterations);
    cell.flushSamples.push(flushUs / iterations);
  };
  for (const cell of cells) batch(cell); // warm-up
  for (const cell of cells) cell.samples.length = cell.flushSamples.length = 0;
  for (let round = 0; round < BATCHES; round++) for (const cell of cells) batch(cell);
  console.log(`\n${size.label}: recordDurably on a journaled ledger, CPU µs per record (median of ${BATCHES} batches of ${iterations}); commit every ${FLUSH_EVERY}`);
  console.log('| build | fields | record µs | its commit µs | journal bytes per record | replay = direct rows |');
  console.log('| --- | ---: | ---: | ---: | ---: | --- |');
  for (const cell of cells) {
    cell.ledger.stop();
    rmSync(cell.dir, { recursive: true, force: true });
    console.log(`| ${cell.b.label} | ${cell.fields} | ${median(cell.samples).toFixed(1)} | ${median(cell.flushSamples).toFixed(1)} | ${Math.round(cell.check.bytesPerRecord)} | ${cell.check.same ? 'yes' : 'NO'} |`);
  }
}
