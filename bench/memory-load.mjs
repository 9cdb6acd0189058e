// The memory scenario of bench/run.mjs (one gateway process on bench/memory-fixture.mjs's 200 device profiles and
// a day of ledger rows, loaded with 1 KB and 10 KB POSTs through the plain proxy, then 10 KB and 1 KB through the
// transparent TLS listener, 50 connections), for comparing checkouts and runtime settings in ONE run: variants are
// interleaved round by round. Each load is a fixed number of requests, not a duration, so every variant does
// the same work and its CPU ms/request is comparable even when the shared cores give it less throughput.
// Reports VmHWM after start and after the loads, CPU ms/request over the loads, and what the RSS peak was made of
// (bench/lib/memory-sampler.mjs, loaded into the gateway with --import).
//   node bench/memory-fixture.mjs /tmp/memory-data
//   PG_BENCH_DATA=/tmp/memory-data node bench/memory-load.mjs before=/tmp/pg-before:--max-semi-space-size=4 after=.
// Settings: PG_BENCH_REQUESTS=2300 (per 10 KB load; 2.7 times as many per 1 KB load: what bench/run.mjs's 5-second
//   wrk loads send on a quiet machine, ~460 and ~1,250 req/s; with 400 / 800 the peak was 110–113 MB where the
//   bench's cell measured 139: the old space keeps growing with the number of 10 KB requests), PG_BENCH_ROUNDS=3,
//   PG_BENCH_CONNECTIONS=50, PG_BENCH_KEEP=1 (keep the temp dir), PG_BENCH_DURATION=S (each load runs S seconds
//   instead of a fixed number of requests, as bench/run.mjs's memory scenario does with wrk for 5 s: more requests,
//   and a variant that is slower on the shared cores does less work), PG_BENCH_WRK=1 (with a duration: load with
//   wrk, 2 threads, after the same check request as bench/run.mjs: its memory cell exactly), PG_MEMORY_SERIES=1
//   (print the memory over time, one line per load). Variants: LABEL=CHECKOUT[:NODE_FLAG,ENV=VALUE,…];
//   the app's settings (addon/privacy_gateway/Dockerfile) are NOT added: name them.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { makeBenchCertificates } from './lib/certs.mjs';
import { echoThrough, runWrk } from './lib/load.mjs';
import { telemetryBody } from './lib/payloads.mjs';
import { cpuTimeMs, killAllNow, peakRssKb, startServer, stopProcess } from './lib/procs.mjs';
import { loadTarget, startUpstream } from './lib/servers.mjs';
import { gatewayLoad, parseVariants } from './lib/variants.mjs';

const requests = Number(process.env.PG_BENCH_REQUESTS ?? 2300);
const rounds = Number(process.env.PG_BENCH_ROUNDS ?? 3);
const connections = Number(process.env.PG_BENCH_CONNECTIONS ?? 50);
const durationS = Number(process.env.PG_BENCH_DURATION ?? 0);
const withWrk = process.env.PG_BENCH_WRK === '1';
if (withWrk && durationS <= 0) throw new Error('PG_BENCH_WRK=1 needs PG_BENCH_DURATION=S');
const data = process.env.PG_BENCH_DATA;
if (!data) throw new Error('PG_BENCH_DATA=DIR is required: a data dir written by bench/memory-fixture.mjs');
const variants = parseVariants(process.argv.slice(2), 'usage: node bench/memory-load.mjs LABEL=CHECKOUT[:NODE_FLAG,ENV=VALUE,…] …');
if (variants.length === 0) throw new Error('name at least one variant: LABEL=CHECKOUT[:…]');
const LOADS = [['http', 1024], ['http', 10240], ['https', 10240], ['https', 1024]];
process.on('exit', killAllNow);

const dir = mkdtempSync(join(tmpdir(), 'pg-bench-memory-'));
const certs = await makeBenchCertificates(dir);
const upstream = await startUpstream({ dir, certs });
const mb = (bytes) => (bytes / 1048576).toFixed(1);

async function run(variant, round) {
  const dataDir = join(dir, `data-${variant.label}-${round}`);
  cpSync(data, dataDir, { recursive: true });
  const memoryFile = join(dir, `memory-${variant.label}-${round}.json`);
  const args = ['--import', join(import.meta.dirname, 'lib/memory-sampler.mjs'), ...variant.nodeFlags,
    join(variant.root, 'bench/gateway-process.mjs'), dataDir, certs.ca, String(upstream.ready.https)];
  const gateway = await startServer(`gateway-${variant.label}`, process.execPath, args,
    { logDir: dir, readyJson: true, env: { ...variant.env, PG_MEMORY_OUT: memoryFile }, timeoutMs: 120_000 });
  const idleKb = peakRssKb(gateway.pid);
  const cpuBefore = cpuTimeMs(gateway.pid);
  let answered = 0;
  const failed = { non2xx: 0, errors: 0, timeouts: 0 };
  const phases = [];
  for (const [scheme, size] of LOADS) {
    phases.push({ name: `${scheme} ${size / 1024} KB`, t: Date.now() });
    if (withWrk) {
      const result = await wrkLoad(gateway.ready, scheme, size);
      answered += result.requests;
      failed.errors += result.errors;
      // A load the gateway did not inspect whole (it tunnelled localhost after a TLS run) says so.
      phases.at(-1).name += result.counted === result.requests ? ` (${result.requests})` : ` (${result.requests}, ${result.counted} inspected)`;
      continue;
    }
    const work = durationS > 0 ? { duration: durationS } : { amount: size > 2048 ? requests : Math.round(2.7 * requests) };
    const result = await autocannon({ ...gatewayLoad(gateway.ready, upstream.ready.http, scheme, telemetryBody(size)), connections, ...work });
    answered += result.requests.total;
    for (const kind of Object.keys(failed)) failed[kind] += result[kind];
  }
  const cpuMs = cpuTimeMs(gateway.pid) - cpuBefore;
  const hwmKb = peakRssKb(gateway.pid);
  await stopProcess(gateway);
  const memory = JSON.parse(readFileSync(memoryFile, 'utf8'));
  const row = { label: variant.label, round, idleMb: idleKb / 1024, peakMb: hwmKb / 1024, cpuPerReq: cpuMs / Math.max(1, answered),
    failed: failed.non2xx + failed.errors + failed.timeouts, load: loadavg()[0] };
  const peak = memory.atPeak;
  process.stderr.write(`${variant.label} round ${round + 1}: after start ${row.idleMb.toFixed(1)} MB, peak ${row.peakMb.toFixed(1)} MB, ` +
    `${row.cpuPerReq.toFixed(3)} CPU ms/req, failed: ${failed.non2xx} non-2xx, ${failed.errors} errors, ${failed.timeouts} timeouts, load ${row.load.toFixed(1)}\n` +
    `  at the RSS peak: anonymous ${mb(peak.rssAnon)}, file ${mb(peak.rssFile)}; V8 heap ${mb(peak.heapTotal)} (used ${mb(peak.heapUsed)}: ` +
    `${Object.entries(peak.spaces).filter(([, bytes]) => bytes > 0).map(([name, bytes]) => `${name} ${mb(bytes)}`).join(', ')}), ` +
    `external ${mb(peak.external)}, ${peak.threads} threads\n` +
    `  resident at the end (MB): ${Object.entries(memory.mappings).sort((a, b) => b[1] - a[1]).slice(0, 5).map(([name, kb]) => `${name} ${(kb / 1024).toFixed(1)}`).join(', ')}\n`);
  if (memory.series) process.stderr.write(describeSeries(memory.series, phases));
  if (memory.gc && Object.keys(memory.gc).length > 0) process.stderr.write(`  garbage collector pauses: ${Object.entries(memory.gc).map(([kind, { count, ms }]) => `${kind} ${count} × ${(ms / count).toFixed(2)} ms`).join(', ')}\n`);
  if (memory.peakMappings) process.stderr.write(`  resident near the peak (MB): ${Object.entries(memory.peakMappings).sort((a, b) => b[1] - a[1]).slice(0, 8).map(([name, kb]) => `${name} ${(kb / 1024).toFixed(1)}`).join(', ')}\n`);
  return row;
}

/** bench/run.mjs's memory cell: one check request through the same target, then wrk for the duration. */
async function wrkLoad(ports, scheme, size) {
  const target = loadTarget('gateway', scheme, ports, upstream.ready);
  const body = telemetryBody(size);
  const answer = await echoThrough({ scheme, port: target.port, path: target.path, host: target.host, body: Buffer.from(body) });
  if (answer.status !== 200) throw new Error(`check request got HTTP ${answer.status}`);
  const file = join(dir, `body-${size}.json`);
  writeFileSync(file, body);
  return runWrk({ url: target.url, path: target.path, host: target.host, bodyFile: file, connections, threads: 2, durationS,
    countHeader: 'x-privacy-gateway-edits' });
}

/** Per load: the highest rss, V8 heap (total / used / old / new), external and arrayBuffers seen during it (MB). */
function describeSeries(series, phases) {
  const lines = [];
  const bounds = [...phases.map((p) => p.t), Infinity];
  const before = series.filter((s) => s.t < bounds[0]);
  const groups = [['before the loads', before], ...phases.map((p, i) => [p.name, series.filter((s) => s.t >= bounds[i] && s.t < bounds[i + 1])])];
  for (const [name, samples] of groups) {
    if (samples.length === 0) continue;
    const max = (key) => mb(Math.max(...samples.map((s) => s[key])));
    lines.push(`  ${name.padEnd(16)} max rss ${max('rss')}, heapTotal ${max('heapTotal')}, heapUsed ${max('heapUsed')}, ` +
      `old ${max('old')}, new ${max('new')}, external ${max('external')}, arrayBuffers ${max('arrayBuffers')}; ` +
      `at the end rss ${mb(samples.at(-1).rss)}, heapUsed ${mb(samples.at(-1).heapUsed)}\n`);
  }
  return lines.join('');
}

const rows = [];
for (let round = 0; round < rounds; round++) for (const variant of variants) rows.push(await run(variant, round));
await stopProcess(upstream);
if (process.env.PG_BENCH_KEEP === '1') process.stderr.write(`kept ${dir}\n`);
else rmSync(dir, { recursive: true, force: true });

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
console.log(`| Variant | RSS after start MB | peak RSS MB (median of ${rounds}) | each round | CPU ms/req (median) | each round | failed |`);
console.log('| --- | ---: | ---: | --- | ---: | --- | ---: |');
for (const { label } of variants) {
  const runs = rows.filter((row) => row.label === label);
  console.log(`| ${label} | ${median(runs.map((r) => r.idleMb)).toFixed(1)} | ${median(runs.map((r) => r.peakMb)).toFixed(1)} | ` +
    `${runs.map((r) => r.peakMb.toFixed(1)).join(', ')} | ${median(runs.map((r) => r.cpuPerReq)).toFixed(3)} | ` +
    `${runs.map((r) => r.cpuPerReq.toFixed(3)).join(', ')} | ${runs.reduce((n, r) => n + r.failed, 0)} |`);
}
