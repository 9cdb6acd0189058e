// The bench's single-connection cell, taken apart. `npm run bench` measures one connection's p50 right after
// the cell's 10-second, 50-connection run (bench/run.mjs runCell), with wrk's response() callback counting the
// gateway's header; bench/latency-pair.mjs measures it after a 2-second warm-up, without the callback. This script
// runs the cell's sequence per target and round, a fresh process each time as the bench starts one per cell:
//   warm-up (50 connections, PG_BENCH_WARMUP s) → one connection ("warm") → 50 connections (PG_BENCH_DURATION s)
//   → one connection ("after load", the bench's figure) → PG_BENCH_IDLE s idle → one connection ("settled")
// and prints each stage's p50 and the process's CPU ms per request in that stage, for direct, the pipe and each
// gateway checkout, interleaved by round.
//   node bench/latency-cell.mjs before=/tmp/pg-before after=.      (each checkout needs dist/ and bench/)
// Settings: PG_BENCH_ROUNDS=3, PG_BENCH_LATENCY=3, PG_BENCH_DURATION=10, PG_BENCH_WARMUP=2, PG_BENCH_IDLE=3,
// PG_BENCH_SIZE=1024, PG_BENCH_SCHEME=http|https, PG_BENCH_COUNT=1 (wrk counts the gateway's header as the bench does;
// 0: no response() callback, as latency-pair), PG_BENCH_SHARED_DATA=1 (one data dir for every gateway process of a
// checkout, as the bench's cells share one; 0: a fresh one per round).
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { appRuntime } from './lib/app-runtime.mjs';
import { makeBenchCertificates } from './lib/certs.mjs';
import { runWrk } from './lib/load.mjs';
import { telemetryBody } from './lib/payloads.mjs';
import { cpuTimeMs, killAllNow, sleep, startServer, stopProcess } from './lib/procs.mjs';
import { loadTarget, startProxy, startUpstream } from './lib/servers.mjs';

const rounds = Number(process.env.PG_BENCH_ROUNDS ?? 3);
const singleS = Number(process.env.PG_BENCH_LATENCY ?? 3);
const loadS = Number(process.env.PG_BENCH_DURATION ?? 10);
const warmS = Number(process.env.PG_BENCH_WARMUP ?? 2);
const idleS = Number(process.env.PG_BENCH_IDLE ?? 3);
const size = Number(process.env.PG_BENCH_SIZE ?? 1024);
const scheme = process.env.PG_BENCH_SCHEME ?? 'http';
const countHeader = process.env.PG_BENCH_COUNT === '0' ? undefined : 'x-privacy-gateway-edits';
const sharedData = process.env.PG_BENCH_SHARED_DATA !== '0';
const checkouts = process.argv.slice(2).map((arg) => ({ label: arg.slice(0, arg.indexOf('=')), root: resolve(arg.slice(arg.indexOf('=') + 1)) }));
process.on('exit', killAllNow);

const dir = mkdtempSync(join(tmpdir(), 'pg-latency-cell-'));
const certs = await makeBenchCertificates(dir);
const upstream = await startUpstream({ dir, certs });
const env = { dir, certs, upstreamPorts: upstream.ready };
const bodyFile = join(dir, 'body.json');
writeFileSync(bodyFile, telemetryBody(size));

async function startGateway({ label, root }, round) {
  const dataDir = join(dir, sharedData ? `data-${label}` : `data-${label}-${round}`);
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  writeFileSync(join(dataDir, 'policy.json'), readFileSync(join(import.meta.dirname, 'policy.json')), { mode: 0o600 });
  const runtime = appRuntime();
  const args = [...runtime.nodeFlags, join(root, 'bench/gateway-process.mjs'), dataDir, certs.ca, String(upstream.ready.https)];
  const proc = await startServer(`gateway-${label}`, process.execPath, args, { logDir: dir, readyJson: true, env: runtime.env, timeoutMs: 120_000 });
  return { proc, ports: proc.ready };
}

const wrk = (target, connections, durationS) =>
  runWrk({ url: target.url, path: target.path, host: target.host, bodyFile, connections, threads: connections === 1 ? 1 : 2, durationS, countHeader });

/** One wrk run at one connection; the process's CPU ms per request during it. */
async function single(target, proc) {
  const before = proc === undefined ? undefined : cpuTimeMs(proc.pid);
  const run = await wrk(target, 1, singleS);
  const cpu = before === undefined ? undefined : (cpuTimeMs(proc.pid) - before) / Math.max(1, run.requests);
  return { p50: run.p50Ms * 1000, cpu, errors: run.errors };
}

const STAGES = ['warm', 'after load', 'settled'];
const labels = ['direct', 'pipe', ...checkouts.map((c) => c.label)];
const results = new Map(labels.map((label) => [label, Object.fromEntries(STAGES.map((s) => [s, []]))]));
for (let round = 0; round < rounds; round++) {
  for (const label of labels) {
    const checkout = checkouts.find((c) => c.label === label);
    // The gateway's TLS cells warm up through its plain listener in the bench (same pipeline); so here.
    const started = label === 'direct' ? { proc: undefined, ports: upstream.ready }
      : label === 'pipe' ? await startProxy('pipe', scheme, env) : await startGateway(checkout, round);
    const kind = label === 'direct' ? 'direct' : label === 'pipe' ? 'pipe' : 'gateway';
    const target = loadTarget(kind, scheme, started.ports, upstream.ready);
    const warmTarget = kind === 'gateway' && scheme === 'https' ? loadTarget(kind, 'http', started.ports, upstream.ready) : target;
    await wrk(warmTarget, 50, warmS);
    const stage = results.get(label);
    stage.warm.push(await single(target, started.proc));
    await wrk(target, 50, loadS);
    stage['after load'].push(await single(target, started.proc));
    await sleep(idleS * 1000);
    stage.settled.push(await single(target, started.proc));
    if (started.proc) await stopProcess(started.proc);
    const last = (s) => `${s.at(-1).p50.toFixed(0)}${s.at(-1).cpu === undefined ? '' : `/${s.at(-1).cpu.toFixed(2)}`}`;
    process.stderr.write(`round ${round + 1} ${label}: p50 µs/CPU ms ${STAGES.map((s) => `${s} ${last(stage[s])}`).join(', ')}, load ${loadavg()[0].toFixed(1)}\n`);
  }
}
await stopProcess(upstream);
rmSync(dir, { recursive: true, force: true });

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const directP50 = Object.fromEntries(STAGES.map((s) => [s, median(results.get('direct')[s].map((r) => r.p50))]));
console.log(`${scheme}, ${size} B, one connection after the bench's cell sequence; wrk counting a header: ${countHeader !== undefined}; medians of ${rounds} rounds`);
console.log(`| target | ${STAGES.map((s) => `${s} p50 µs (added)`).join(' | ')} | ${STAGES.map((s) => `${s} CPU ms/req`).join(' | ')} | errors |`);
console.log(`| --- | ${STAGES.map(() => '---:').join(' | ')} | ${STAGES.map(() => '---:').join(' | ')} | ---: |`);
for (const [label, stage] of results) {
  const p50 = (s) => median(stage[s].map((r) => r.p50));
  const cpu = (s) => (stage[s][0].cpu === undefined ? '' : median(stage[s].map((r) => r.cpu)).toFixed(3));
  const errors = STAGES.reduce((n, s) => n + stage[s].reduce((m, r) => m + r.errors, 0), 0);
  console.log(`| ${label} | ${STAGES.map((s) => `${p50(s).toFixed(0)} (+${(p50(s) - directP50[s]).toFixed(0)})`).join(' | ')} | ` +
    `${STAGES.map(cpu).join(' | ')} | ${errors} |`);
}
