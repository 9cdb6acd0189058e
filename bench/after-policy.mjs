// What a request costs after its fields are classified, step by step, in CPU µs AND bytes allocated per
// request (the garbage collector's share of the gateway's CPU grows with the latter under the app's small
// heap): evaluate, fingerprintsOf, planEdits, the record (recordDurably on a journaled ledger) and all four
// together as inspect.ts and the ledger run them. Each request gets classified fields of its own (values
// change between requests as a device's readings do), made by the build's own parse and classify, not timed.
// Bytes: the heap's growth over a batch that ran without a garbage collection (the process re-runs itself
// with --expose-gc and a 64 MB young generation so batches fit; a batch a collection hit is run again).
// Several builds in ONE run, batches interleaved; medians of PG_BENCH_BATCHES.
// Usage: npm run build && node bench/after-policy.mjs
//        PG_AFTER_DISTS=before=/tmp/pg-before/dist,after=dist node bench/after-policy.mjs
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { PerformanceObserver } from 'node:perf_hooks';
import { buildSpecs, loadRecordBuild } from './lib/builds.mjs';
import { BODY_SIZES, telemetryDocument } from './lib/payloads.mjs';

if (typeof globalThis.gc !== 'function') {
  const flags = ['--expose-gc', '--min-semi-space-size=64', '--max-semi-space-size=64'];
  const run = spawnSync(process.execPath, [...flags, ...process.argv.slice(1)], { stdio: 'inherit' });
  process.exit(run.status ?? 1);
}

const specs = buildSpecs(process.env.PG_AFTER_DISTS);
const BATCHES = Number(process.env.PG_BENCH_BATCHES ?? 9);
const DISTINCT = 64;
const FLUSH_EVERY = 100;
const benchPolicy = JSON.parse(readFileSync(resolve(import.meta.dirname, 'policy.json'), 'utf8'));
const key = randomBytes(32);
const target = { clientAddress: '127.0.0.1', scheme: 'http', host: '127.0.0.1', port: 8081 };


/** DISTINCT classified requests of one shape whose readings, one network and one identifier change. */
function requestsOf(b, bytes) {
  const doc = telemetryDocument(bytes);
  return Array.from({ length: DISTINCT }, (_, i) => {
    doc.readings[0].t = 1700000000 + i;
    doc.ap_list[0].rssi = -40 - (i % 7);
    doc.device.firmware = `4.2.${i % 3}`;
    const body = Buffer.from(JSON.stringify(doc));
    const fields = b.policy.classifyPayload(b.payload.parsePayload(body, 'application/json', { maxDepth: 64 }));
    return { target, method: 'POST', path: '/ingest/7f3a91', payload: { format: 'json', fields, opaque: undefined } };
  });
}

function recordOf(flow, decision, fingerprints, at) {
  return {
    at, connection: decision.connection, decision, inspectable: true, method: 'POST', path: flow.path, fingerprints,
    bytesUp: 1000, bytesDown: 40, durationMs: 2, error: undefined, upstreamAddress: '127.0.0.1',
  };
}

let collections = 0;
new PerformanceObserver((list) => {
  collections += list.getEntries().length;
}).observe({ entryTypes: ['gc'] });
// gc entries arrive a little after the collection: a few ms settle them.
const settle = () => new Promise((done) => setTimeout(done, 5));

/** One batch: CPU µs per call, and bytes per call when no collection ran during it (else undefined). */
async function batch(fn, iterations) {
  gc();
  await settle();
  const seen = collections;
  const heap = process.memoryUsage().heapUsed;
  const cpu = process.cpuUsage();
  for (let i = 0; i < iterations; i++) fn(i);
  const used = process.cpuUsage(cpu);
  const grown = process.memoryUsage().heapUsed - heap;
  await settle();
  return { us: (used.user + used.system) / iterations, bytes: collections === seen ? grown / iterations : undefined };
}

const median = (list) => (list.length === 0 ? NaN : [...list].sort((a, c) => a - c)[Math.floor(list.length / 2)]);
const builds = await Promise.all(specs.map(loadRecordBuild));
let sink = 0;

for (const size of BODY_SIZES) {
  const iterations = size.bytes > 4096 ? 60 : 400;
  const cells = [];
  const ledgers = [];
  for (const b of builds) {
    const compiled = b.policy.compilePolicy(b.policy.parsePolicy(benchPolicy));
    const pseudonymizer = new b.policy.Pseudonymizer(key);
    const flows = requestsOf(b, size.bytes);
    const decisions = flows.map((flow) => b.policy.evaluate(flow, compiled));
    const dir = mkdtempSync(join(tmpdir(), 'pg-after-policy-'));
    const ledger = new b.Ledger({ file: join(dir, 'ledger.sqlite'), retentionDays: 30, flushIntervalMs: 3_600_000, journal: { file: join(dir, 'ledger.journal') } });
    ledger.start();
    ledgers.push({ ledger, dir });
    let at = Date.now();
    let recorded = 0;
    const record = (r) => {
      ledger.recordDurably(r, () => sink++);
      // The 250 ms commit, outside the timed loop's figures only in that it is rare: every FLUSH_EVERY records.
      if (++recorded % FLUSH_EVERY === 0) ledger.flush();
    };
    const fingerprints = flows.map((flow) => b.fingerprintsOf(flow.payload.fields, pseudonymizer));
    const steps = {
      evaluate: (i) => { sink += b.policy.evaluate(flows[i % DISTINCT], compiled).fields.length; },
      fingerprints: (i) => { sink += b.fingerprintsOf(flows[i % DISTINCT].payload.fields, pseudonymizer).size; },
      planEdits: (i) => { sink += b.policy.planEdits(decisions[i % DISTINCT], flows[i % DISTINCT].payload.fields, pseudonymizer).length; },
      record: (i) => record(recordOf(flows[i % DISTINCT], decisions[i % DISTINCT], fingerprints[i % DISTINCT], at++)),
      all: (i) => {
        const flow = flows[i % DISTINCT];
        const decision = b.policy.evaluate(flow, compiled);
        sink += b.policy.planEdits(decision, flow.payload.fields, pseudonymizer).length;
        record(recordOf(flow, decision, b.fingerprintsOf(flow.payload.fields, pseudonymizer), at++));
      },
    };
    for (const [step, fn] of Object.entries(steps)) cells.push({ b, step, fn, us: [], bytes: [] });
  }
  for (const cell of cells) await batch(cell.fn, iterations); // warm-up
  for (let round = 0; round < BATCHES; round++) {
    for (const cell of cells) {
      const { us, bytes } = await batch(cell.fn, iterations);
      cell.us.push(us);
      if (bytes !== undefined) cell.bytes.push(bytes);
    }
  }
  console.log(`\n${size.label}: per request, median of ${BATCHES} batches of ${iterations} (bytes: of the batches no collection hit)`);
  console.log('| step | ' + builds.map((b) => `${b.label} µs | ${b.label} KB`).join(' | ') + ' |');
  console.log('| --- | ' + builds.map(() => '---: | ---:').join(' | ') + ' |');
  for (const step of Object.keys(cells.length > 0 ? Object.fromEntries(cells.map((c) => [c.step, 1])) : {})) {
    const row = builds.map((b) => {
      const cell = cells.find((c) => c.b === b && c.step === step);
      return `${median(cell.us).toFixed(1)} | ${(median(cell.bytes) / 1024).toFixed(1)}`;
    });
    console.log(`| ${step} | ${row.join(' | ')} |`);
  }
  for (const { ledger, dir } of ledgers) {
    ledger.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
if (sink === 0) console.log('');
