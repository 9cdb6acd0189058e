// Added latency at one connection, paired: wrk (one connection, one thread, µs resolution) against the
// upstream directly, the Node piping proxy and one gateway per checkout, in interleaved rounds so other
// work on the cores hits each alike. Prints the median over rounds of each target's p50 and mean latency
// and what each proxy adds to the direct figure. Plain HTTP through the forward proxy, enforce with the
// six bench rules (bench/policy.json), each gateway on an empty data dir.
//   node bench/latency-pair.mjs before=/tmp/pg-before after=.     (each checkout needs dist/ and bench/)
// Settings: PG_BENCH_ROUNDS=5, PG_BENCH_LATENCY=3 (s per run), PG_BENCH_WARMUP=10 (s at least, per proxy), PG_BENCH_SIZE=1024, PG_BENCH_SCHEME=http (or https:
// the TLS-intercepting listener, the pipe's TLS listener, the upstream's HTTPS port). Each gateway's CPU ms per request
// at one connection is printed too. PG_TIMELINE=1: each gateway also marks its requests' steps
// (bench/lib/request-timeline.mjs) and the median gap between steps is printed per gateway.
// PG_BENCH_GAP_MS=N: a device's pace instead of wrk's back-to-back requests (bench/lib/load.mjs runPaced: one request,
// its answer, N ms idle); the mean column then includes the gaps.
// PG_BENCH_HOGS=N: every target is also measured, in the same round, while N busy-looping processes run (labels
// `target+hog`): what one neighbour on the 2 shared cores does to a 3-process request/answer chain.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { appRuntime } from './lib/app-runtime.mjs';
import { makeBenchCertificates } from './lib/certs.mjs';
import { runPaced, runWrk, warmOneConnection } from './lib/load.mjs';
import { telemetryBody } from './lib/payloads.mjs';
import { spawn } from 'node:child_process';
import { cpuTimeMs, killAllNow, startServer, stopProcess } from './lib/procs.mjs';
import { loadTarget, startProxy, startUpstream } from './lib/servers.mjs';

const rounds = Number(process.env.PG_BENCH_ROUNDS ?? 5);
const seconds = Number(process.env.PG_BENCH_LATENCY ?? 3);
const warmupS = Number(process.env.PG_BENCH_WARMUP ?? 10);
const size = Number(process.env.PG_BENCH_SIZE ?? 1024);
const scheme = process.env.PG_BENCH_SCHEME ?? 'http';
const timeline = process.env.PG_TIMELINE === '1';
const hogs = Number(process.env.PG_BENCH_HOGS ?? 0);
const checkouts = process.argv.slice(2).map((arg) => ({ label: arg.slice(0, arg.indexOf('=')), root: resolve(arg.slice(arg.indexOf('=') + 1)) }));
process.on('exit', killAllNow);

const dir = mkdtempSync(join(tmpdir(), 'pg-latency-pair-'));
const certs = await makeBenchCertificates(dir);
const upstream = await startUpstream({ dir, certs });
const env = { dir, certs, upstreamPorts: upstream.ready };
const bodyFile = join(dir, 'body.json');
writeFileSync(bodyFile, telemetryBody(size));

async function startGateway({ label, root }) {
  const dataDir = join(dir, `data-${label}`);
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  writeFileSync(join(dataDir, 'policy.json'), readFileSync(join(import.meta.dirname, 'policy.json')), { mode: 0o600 });
  const runtime = appRuntime();
  const timelineFile = join(dir, `timeline-${label}.json`);
  const hooks = timeline ? [`--import=${join(import.meta.dirname, 'lib/request-timeline.mjs')}`] : [];
  const args = [...runtime.nodeFlags, ...hooks, join(root, 'bench/gateway-process.mjs'), dataDir, certs.ca, String(upstream.ready.https)];
  const procEnv = { ...runtime.env, ...(timeline ? { PG_TIMELINE_FILE: timelineFile } : {}) };
  const proc = await startServer(`gateway-${label}`, process.execPath, args, { logDir: dir, readyJson: true, env: procEnv, timeoutMs: 120_000 });
  return { label, proc, timelineFile, target: loadTarget('gateway', scheme, proc.ready, upstream.ready) };
}

const pipe = await startProxy('pipe', 'http', env);
const targets = [
  { label: 'direct', proc: undefined, target: loadTarget('direct', scheme, upstream.ready, upstream.ready) },
  { label: 'pipe', proc: pipe.proc, target: loadTarget('pipe', scheme, pipe.ports, upstream.ready) },
];
for (const checkout of checkouts) targets.push(await startGateway(checkout));

const gapMs = process.env.PG_BENCH_GAP_MS === undefined ? undefined : Number(process.env.PG_BENCH_GAP_MS);
const body = readFileSync(bodyFile);
const wrk = (target, durationS) =>
  gapMs === undefined
    ? runWrk({ url: target.url, path: target.path, host: target.host, bodyFile, connections: 1, threads: 1, durationS })
    : runPaced({ url: target.url, path: target.path, host: target.host, body, durationS, gapMs });
// Warm-up: the JIT of each process, and the gateway's ledger past its first rows. At least PG_BENCH_WARMUP (10) s per
// proxy, longer while its per-request time still falls: after 2 s TurboFan was still compiling (bench/lib/load.mjs).
for (const { label, target } of targets) {
  if (label === 'direct') await wrk(target, 2);
  else await warmOneConnection(() => wrk(target, 1), { minS: warmupS, maxS: warmupS + 5 });
}
const withHogs = hogs > 0 ? [false, true] : [false];
const results = new Map(withHogs.flatMap((hogged) => targets.map(({ label }) => [hogged ? `${label}+hog` : label, []])));
/** N processes spinning on a core each until killed. */
const startHogs = () => Array.from({ length: hogs }, () => spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' }));
for (let round = 0; round < rounds; round++) {
  // The gateways take turns at going first: on a loaded machine a target's place in the round biases it.
  const gateways = targets.slice(2);
  const turn = round % Math.max(1, gateways.length);
  const order = [...targets.slice(0, 2), ...gateways.slice(turn), ...gateways.slice(0, turn)];
  for (const hogged of withHogs) for (const { label: name, proc, target } of order) {
    const label = hogged ? `${name}+hog` : name;
    const running = hogged ? startHogs() : [];
    const cpuBefore = proc === undefined ? undefined : cpuTimeMs(proc.pid);
    const run = await wrk(target, seconds);
    const cpu = cpuBefore === undefined ? undefined : (cpuTimeMs(proc.pid) - cpuBefore) / Math.max(1, run.requests);
    for (const hog of running) hog.kill('SIGKILL');
    results.get(label).push({ p50: run.p50Ms * 1000, mean: 1e6 / run.rps, cpu, errors: run.errors });
    process.stderr.write(`round ${round + 1} ${label}: p50 ${(run.p50Ms * 1000).toFixed(0)} µs, mean ${(1e6 / run.rps).toFixed(0)} µs` +
      `${cpu === undefined ? '' : `, ${cpu.toFixed(3)} CPU ms/req`}, load ${loadavg()[0].toFixed(1)}\n`);
  }
}
for (const { proc } of targets) if (proc) await stopProcess(proc);
const timelines = timeline
  ? targets.filter((t) => t.timelineFile !== undefined).map((t) => ({ label: t.label, ...JSON.parse(readFileSync(t.timelineFile, 'utf8')) }))
  : [];
await stopProcess(upstream);
rmSync(dir, { recursive: true, force: true });

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
// Each row against direct in the same state (with or without the hogs).
const directOf = (label) => results.get(label.endsWith('+hog') ? 'direct+hog' : 'direct');
const directFigures = (label) => ({ p50: median(directOf(label).map((r) => r.p50)), mean: median(directOf(label).map((r) => r.mean)) });
console.log(`${scheme}, ${size} B, one connection${gapMs === undefined ? '' : `, paced: ${gapMs} ms idle after each answer`}`);
console.log(`| target | p50 µs (median of ${rounds}) | added p50 µs | mean µs | added mean µs | each round's p50 | CPU ms/req (median) | errors |`);
console.log('| --- | ---: | ---: | ---: | ---: | --- | ---: | ---: |');
for (const [label, runs] of results) {
  const p50 = median(runs.map((r) => r.p50));
  const mean = median(runs.map((r) => r.mean));
  const direct = directFigures(label);
  console.log(`| ${label} | ${p50.toFixed(0)} | ${(p50 - direct.p50).toFixed(0)} | ${mean.toFixed(0)} | ${(mean - direct.mean).toFixed(0)} | ` +
    `${runs.map((r) => r.p50.toFixed(0)).join(', ')} | ${runs[0].cpu === undefined ? '' : median(runs.map((r) => r.cpu)).toFixed(3)} | ` +
    `${runs.reduce((n, r) => n + r.errors, 0)} |`);
}
if (timelines.length > 0) {
  const steps = Object.keys(timelines[0].gaps);
  console.log(`\nmedian µs between steps inside each gateway (bench/lib/request-timeline.mjs)\n| step | ${timelines.map((t) => `${t.label} (${t.requests} req)`).join(' | ')} |`);
  console.log(`| --- | ${timelines.map(() => '---:').join(' | ')} |`);
  for (const step of steps) console.log(`| ${step} | ${timelines.map((t) => t.gaps[step].toFixed(1)).join(' | ')} |`);
}
