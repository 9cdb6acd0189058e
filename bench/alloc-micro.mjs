// Bytes allocated per request by the field-policy step, in-process: parsePayload alone, parse + classifyPayload,
// and the whole step as src/proxy/pipeline/inspect.ts runs it (parse, classify, evaluate, the build's own
// fingerprintsOf — one fingerprint per template of its categorised and identifier-shaped values —, planEdits,
// rewrite), on the 1 KB and 10 KB bench bodies; each call parses the body afresh,
// as the gateway does per request. Allocation is what V8's heap grew by plus what each collection freed in the
// window (v8.GCProfiler), so it counts garbage too, whatever the heap flags; CPU µs per call beside it. Several
// builds are compared in one process, their batches interleaved (the machine is shared).
// PG_LIVE=50 keeps the last 50 results of each timed function alive, as 50 requests in flight keep theirs, so
// the young generation's collections copy survivors as the gateway's do; with the app's heap flags
// (node --max-old-space-size=192 --max-semi-space-size=4) the CPU figure then includes the collector's share.
// PG_VARY=1 sends bodies whose values change from call to call as a real device's do (a sequence counter and the
// readings' timestamps, in a cycle of 4,608 bodies of one shape): the bench's own body never changes, so what is
// recomputed when values change (fingerprints, the classifier's per-value work) is not in the default figures.
// Usage: npm run build && node bench/alloc-micro.mjs
//        PG_DIST=/tmp/pg-before/dist,dist node bench/alloc-micro.mjs
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { GCProfiler, getHeapStatistics } from 'node:v8';
import { BODY_SIZES, checkRedacted, telemetryBody, telemetryDocument } from './lib/payloads.mjs';

const dists = (process.env.PG_DIST ?? resolve(import.meta.dirname, '../dist')).split(',').map((d) => resolve(d));
const BATCHES = Number(process.env.PG_BATCHES ?? 15);
const LIVE = Number(process.env.PG_LIVE ?? 0);
const VARY = process.env.PG_VARY === '1';
/** More than the pseudonymizer's memo of fingerprint texts holds (4,096), so no varied body's fingerprint is remembered. */
const VARIED_BODIES = 4_608;

/** The bodies one size's calls cycle through: the bench's body, or (PG_VARY) VARIED_BODIES of its shape with changing values. */
function bodiesOf(bytes) {
  if (!VARY) return [telemetryBody(bytes)];
  const doc = { seq: 100_000, ...telemetryDocument(bytes) };
  return Array.from({ length: VARIED_BODIES }, (_, n) => {
    doc.seq = 100_000 + n;
    for (const reading of doc.readings) reading.t += 60;
    return Buffer.from(JSON.stringify(doc));
  });
}
/** The results kept alive (PG_LIVE), as requests in flight keep theirs. */
const live = new Array(LIVE).fill(undefined);
let liveAt = 0;
function keep(result) {
  if (LIVE > 0) live[liveAt++ % LIVE] = result;
  return result;
}
// PG_POLICY=FILE: another policy (it must still apply the six bench rules, which checkRedacted verifies).
const benchPolicy = JSON.parse(readFileSync(process.env.PG_POLICY ?? resolve(import.meta.dirname, 'policy.json'), 'utf8'));
const key = randomBytes(32);
const target = { clientAddress: '127.0.0.1', scheme: 'http', host: '127.0.0.1', port: 8081 };

const builds = [];
for (const [n, dist] of dists.entries()) {
  const payload = await import(pathToFileURL(`${dist}/payload/index.js`).href);
  const policy = await import(pathToFileURL(`${dist}/policy/index.js`).href);
  // fingerprintsOf has its own module since 2026-12-07 12Z; earlier builds export it from inspect.js.
  const fingerprintsModule = existsSync(`${dist}/proxy/pipeline/fingerprints.js`) ? 'fingerprints.js' : 'inspect.js';
  const { fingerprintsOf } = await import(pathToFileURL(`${dist}/proxy/pipeline/${fingerprintsModule}`).href);
  const compiled = policy.compilePolicy(policy.parsePolicy(benchPolicy));
  const label = dists.length === 1 ? 'dist' : `${n}:${dist.replace(/\/dist$/, '').split('/').pop()}`;
  builds.push({ label, payload, policy, compiled, fingerprintsOf, pseudonymizer: new policy.Pseudonymizer(key) });
}

/** The request's field-policy work, as inspect.ts does it for a JSON body without a query string. */
function step(b, body) {
  const parsed = b.payload.parsePayload(body, 'application/json', { maxDepth: 64 });
  const fields = b.policy.classifyPayload(parsed);
  const flow = { target, method: 'POST', path: '/ingest', payload: { format: parsed.format, fields, opaque: undefined } };
  const decision = b.policy.evaluate(flow, b.compiled);
  // As inspect.ts: per template, before the request leaves (not per field, as this bench did until 2026-12-07).
  const fingerprints = b.fingerprintsOf(fields, b.pseudonymizer);
  const edits = b.policy.planEdits(decision, fields, b.pseudonymizer).filter((edit) => edit.field.source === 'body');
  const out = edits.length === 0 ? body : b.payload.rewritePayload(body, parsed.format, edits);
  // What a request in flight holds until it is answered and recorded.
  return { out, parsed, fields, decision, fingerprints };
}

let sink = 0;
/** Bytes allocated and CPU µs per call of fn over n calls. */
function batch(fn, n) {
  const profiler = new GCProfiler();
  profiler.start();
  const before = getHeapStatistics().used_heap_size;
  const cpu = process.cpuUsage();
  for (let i = 0; i < n; i++) fn();
  const used = process.cpuUsage(cpu);
  const after = getHeapStatistics().used_heap_size;
  const { statistics } = profiler.stop();
  let freed = 0;
  for (const gc of statistics) freed += gc.beforeGC.heapStatistics.usedHeapSize - gc.afterGC.heapStatistics.usedHeapSize;
  return { bytes: (after - before + freed) / n, us: (used.user + used.system) / n };
}
const median = (list) => [...list].sort((a, c) => a - c)[Math.floor(list.length / 2)];

for (const size of BODY_SIZES) {
  const bodies = bodiesOf(size.bytes);
  const body = bodies[0];
  let turn = 0;
  const next = () => bodies[turn++ % bodies.length];
  const n = size.bytes > 4096 ? 200 : 1000;
  const fns = {};
  for (const b of builds) {
    const problems = checkRedacted(body, step(b, body).out);
    if (problems.length > 0) throw new Error(`${b.label}: ${problems.join('; ')}`);
    fns[`${b.label} parse`] = () => { sink += keep(b.payload.parsePayload(next(), 'application/json')).fields.length; };
    fns[`${b.label} parse+classify`] = () => { sink += keep(b.policy.classifyPayload(b.payload.parsePayload(next(), 'application/json'))).length; };
    fns[`${b.label} step`] = () => { sink += keep(step(b, next())).out.length; };
  }
  const samples = Object.fromEntries(Object.keys(fns).map((name) => [name, { bytes: [], us: [] }]));
  for (const fn of Object.values(fns)) batch(fn, n); // warm-up: shapes memoised, code optimised
  for (let i = 0; i < BATCHES; i++) {
    for (const [name, fn] of Object.entries(fns)) {
      const r = batch(fn, n);
      samples[name].bytes.push(r.bytes);
      samples[name].us.push(r.us);
    }
  }
  console.log(`\n${size.label} (${body.length} B${VARY ? `, ${bodies.length} bodies whose values change` : ''}), median of ${BATCHES} batches of ${n} calls: bytes allocated per call · CPU µs per call`);
  for (const [name, s] of Object.entries(samples)) {
    console.log(`  ${name.padEnd(40)} ${Math.round(median(s.bytes)).toString().padStart(9)} B · ${median(s.us).toFixed(1).padStart(7)} µs`);
  }
}
if (sink === 0) console.log('');
