// How long a device's answer waits for its record when Home Assistant is connected: the gateway's recorder is then
// the tee of src/hub-wiring.ts (the journaled Ledger and the hub's Reporter), which the load bench never runs (it has
// no hub). Per record: µs from `recordDurably` to the answer's release, and the whole call (the Reporter's report
// of names, events and per-field counts included). Records as inspect.ts makes them for the bench bodies under
// bench/policy.json, from a device that is not the default one (the default device's records are barely reported).
// Several builds in ONE process, batches interleaved; each record in its own turn, as the proxy makes them.
//   node bench/hub-record.mjs before=/tmp/pg-before/dist after=dist       (PG_BENCH_SIZE=1024, PG_BENCH_BATCHES=15)
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadRecordBuild } from './lib/builds.mjs';
import { telemetryBody } from './lib/payloads.mjs';

const size = Number(process.env.PG_BENCH_SIZE ?? 1024);
const batches = Number(process.env.PG_BENCH_BATCHES ?? 15);
const BATCH = 200;
const dists = process.argv.slice(2).map((arg) => {
  const at = arg.indexOf('=');
  return { label: arg.slice(0, at), dir: resolve(arg.slice(at + 1)) };
});
if (dists.length === 0) throw new Error('usage: node bench/hub-record.mjs LABEL=DIST …');
const benchPolicy = JSON.parse(readFileSync(resolve(import.meta.dirname, 'policy.json'), 'utf8'));
const target = { clientAddress: '127.0.0.1', scheme: 'http', host: '127.0.0.1', port: 8081 };
const body = Buffer.from(telemetryBody(size));

async function startBuild({ label, dir }) {
  const b = await loadRecordBuild({ label, dir });
  const { Reporter } = await import(pathToFileURL(join(dir, 'hub/reporter.js')).href);
  const { teeRecorder } = await import(pathToFileURL(join(dir, 'hub-wiring.js')).href);
  const { Ledger } = await import(pathToFileURL(join(dir, 'ledger/index.js')).href);
  const compiled = b.policy.compilePolicy(b.policy.parsePolicy(benchPolicy));
  const pseudonymizer = new b.policy.Pseudonymizer(randomBytes(32));
  const data = mkdtempSync(join(tmpdir(), 'pg-hub-record-'));
  const journal = { file: join(data, 'ledger.journal') };
  const file = join(data, 'ledger.sqlite');
  const ledger = new Ledger({ file, retentionDays: 30, flushIntervalMs: 250, log: () => {}, journal });
  ledger.start();
  // The outbox behind the Reporter is SQLite written on the Reporter's own 100 ms timer, not per record: left out.
  const reporter = new Reporter({ enqueue: () => {} });
  reporter.start();
  const recorder = teeRecorder(ledger, reporter);
  /** A fresh decision and fingerprints per record, so caches keyed by object identity get no unreal help. */
  const record = () => {
    const fields = b.policy.classifyPayload(b.payload.parsePayload(body, 'application/json', { maxDepth: 64 }));
    const flow = { target, method: 'POST', path: '/ingest', payload: { format: 'json', fields, opaque: undefined } };
    const decision = b.policy.evaluate(flow, compiled);
    const device = { ...decision.connection.device, id: 'camera', name: 'Hall camera', isDefault: false };
    return {
      at: Date.now(),
      connection: { ...decision.connection, device },
      decision,
      inspectable: true,
      method: 'POST',
      path: '/ingest',
      fingerprints: b.fingerprintsOf(fields, pseudonymizer),
      bytesUp: body.length,
      bytesDown: 40,
      durationMs: 2,
      error: undefined,
      upstreamAddress: '127.0.0.1',
    };
  };
  const stop = () => {
    reporter.stop();
    ledger.stop();
    rmSync(data, { recursive: true, force: true });
  };
  return { label, recorder, record, released: [], whole: [], stop };
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** One batch; keeps its medians of µs to the release and of the whole call. */
async function run(build, keep) {
  const released = [];
  const whole = [];
  for (let i = 0; i < BATCH; i++) {
    const record = build.record();
    let releasedAt = 0n;
    const start = process.hrtime.bigint();
    build.recorder.recordDurably(record, () => (releasedAt = process.hrtime.bigint()));
    const end = process.hrtime.bigint();
    released.push(Number(releasedAt - start) / 1000);
    whole.push(Number(end - start) / 1000);
    await new Promise((next) => setImmediate(next));
  }
  if (!keep) return;
  build.released.push(median(released));
  build.whole.push(median(whole));
}

const builds = [];
for (const dist of dists) builds.push(await startBuild(dist));
for (const build of builds) await run(build, false);
for (let i = 0; i < batches; i++) {
  for (const build of i % 2 === 0 ? builds : [...builds].reverse()) await run(build, true);
}
const load = loadavg()[0].toFixed(1);
console.log(`${size} B, ${batches} interleaved batches of ${BATCH} records (load ${load})`);
const first = builds[0].label;
console.log(`| build | µs to the release (median) | batches below ${first}'s | µs of the whole call (median) |`);
console.log('| --- | ---: | ---: | ---: |');
for (const build of builds) {
  const below = build.released.filter((value, i) => value < builds[0].released[i]).length;
  const released = median(build.released).toFixed(1);
  console.log(`| ${build.label} | ${released} | ${below} of ${batches} | ${median(build.whole).toFixed(1)} |`);
  build.stop();
}
