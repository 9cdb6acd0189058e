// `npm run bench`: direct, a piping proxy, nginx, the gateway and mitmproxy side by side in one run (1 KB and
// 10 KB JSON, plain HTTP and TLS-intercepted; 50 connections, then one connection for the added latency),
// the field-policy micro-benchmark, and the gateway's memory with 200 device profiles and a day of ledger
// rows. Prints the tables and writes BENCHMARKS.md (the sections of bench/profile-load.mjs, bench/mqtt.mjs
// and bench/dns.mjs are carried over).
//
// Needs: dist/ (npm run build), wrk; optionally mitmproxy and nginx (scripts/bench-env.sh installs them);
// a missing one's cells say so and are skipped.
// Settings (environment):
//   PG_BENCH_DURATION=10     seconds measured per cell (after PG_BENCH_WARMUP=2 s of warm-up)
//   PG_BENCH_LATENCY=3       rounds of the single-connection measurement per cell (added latency): each round one
//                            second direct to the upstream, then one second through the proxy
//   PG_BENCH_LATENCY_WARMUP=10  seconds (at least) at one connection through a Node proxy before those rounds, longer
//                            while its per-request time still falls (at most 5 s more; bench/lib/load.mjs warmOneConnection)
//   PG_BENCH_PROXIES=...     comma list of direct,pipe,nginx,gateway,mitmproxy (default: all)
//   PG_BENCH_PROFILE=1       run the gateway cells under --cpu-prof and print their hot functions
//                            (numbers then include profiler overhead; BENCHMARKS.md is not written)
//   PG_BENCH_OUT=FILE|none   where to write the report (default BENCHMARKS.md at the repo root)
//   PG_BENCH_KEEP=1          keep the temp dir (logs, data dirs, profiles)
import { existsSync, mkdtempSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { makeBenchCertificates } from './lib/certs.mjs';
import { echoThrough, runWrk, warmOneConnection, wrkVersion } from './lib/load.mjs';
import { describeMachine, loadAverage } from './lib/machine.mjs';
import { BODY_SIZES, checkRedacted, telemetryBody } from './lib/payloads.mjs';
import { cpuTimeMs, killAllNow, peakRssKb, runCommand, stopAll, stopProcess } from './lib/procs.mjs';
import { appRuntime } from './lib/app-runtime.mjs';
import { findNginx } from './lib/nginx.mjs';
import { KEPT_SECTIONS, replaceSection, section } from './lib/sections.mjs';
import { renderMarkdown, renderStdout } from './lib/report.mjs';
import { PROXIES, PROXY_LABELS, findMitmdump, loadTarget, startProxy, startUpstream } from './lib/servers.mjs';
import { formatHotFunctions } from './profile-top.mjs';

const REPO = resolve(import.meta.dirname, '..');
const options = {
  durationS: Number(process.env.PG_BENCH_DURATION ?? 10),
  warmupS: Number(process.env.PG_BENCH_WARMUP ?? 2),
  latencyRounds: Number(process.env.PG_BENCH_LATENCY ?? 3),
  latencyWarmupS: Number(process.env.PG_BENCH_LATENCY_WARMUP ?? 10),
  connections: 50,
  threads: 2,
  microBatches: 21,
  memoryLoadS: 5,
  proxies: (process.env.PG_BENCH_PROXIES ?? PROXIES.join(',')).split(',').map((p) => p.trim()).filter((p) => PROXIES.includes(p)),
  profile: process.env.PG_BENCH_PROFILE === '1',
  // The run must end within 10 minutes: cells that would start past this are skipped and say so.
  budgetS: Number(process.env.PG_BENCH_BUDGET ?? 540),
};
const startedMs = Date.now();
const elapsedS = () => (Date.now() - startedMs) / 1000;
const log = (message) => process.stderr.write(`[bench ${elapsedS().toFixed(0).padStart(3)}s] ${message}\n`);

process.on('exit', killAllNow);
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    killAllNow();
    process.exit(130);
  });
}

/** A section written by another bench (bench/durability.mjs) survives this one rewriting the file. */
function keptSection(file, heading) {
  const text = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const start = text.indexOf(`\n${heading}\n`);
  if (start === -1) return '';
  // It ends at the next heading or at the next bench's section (whose markers come before its heading).
  const ends = ['\n## ', '\n<!-- '].map((mark) => text.indexOf(mark, start + heading.length + 2)).filter((at) => at !== -1);
  const next = ends.length === 0 ? -1 : Math.min(...ends);
  return `${text.slice(start, next === -1 ? undefined : next).trimEnd()}\n`;
}

async function preflight() {
  if (!existsSync(join(REPO, 'dist/main.js'))) throw new Error('dist/ is missing: run `npm run build` (npm run bench does).');
  const wrk = await wrkVersion();
  if (!wrk) throw new Error('wrk is not installed: run scripts/bench-env.sh (apt package `wrk`).');
  const mitmdump = await findMitmdump();
  if (!mitmdump) log('mitmproxy not found (scripts/bench-env.sh installs it): its rows will say so');
  const nginx = await findNginx();
  if (!nginx) log('nginx not found (apt-get install nginx-light): its rows will say so and are skipped');
  return { wrk, mitmdump, nginx };
}

async function prepare(tools) {
  const dir = mkdtempSync(join(tmpdir(), 'pg-bench-'));
  const certs = await makeBenchCertificates(dir);
  const bodies = {};
  for (const size of BODY_SIZES) {
    const body = telemetryBody(size.bytes);
    const file = join(dir, `body-${size.bytes}.json`);
    writeFileSync(file, body);
    bodies[size.label] = { body, file };
  }
  const gatewayDataDir = join(dir, 'gateway-data');
  mkdirSync(gatewayDataDir, { recursive: true, mode: 0o700 });
  writeFileSync(join(gatewayDataDir, 'policy.json'), readFileSync(join(import.meta.dirname, 'policy.json')), { mode: 0o600 });
  return { dir, certs, bodies, gatewayDataDir, mitmdump: tools.mitmdump, nginx: tools.nginx };
}

async function microBenchmark() {
  log('field-policy micro-benchmark');
  const { code, stdout, stderr } = await runCommand(process.execPath, [join(import.meta.dirname, 'micro.mjs')], { timeoutMs: 180_000 });
  const line = stdout.split('\n').find((l) => l.startsWith('MICRO_RESULT '));
  if (code !== 0 || !line) throw new Error(`micro-benchmark failed: ${stderr.trim().slice(-500)}`);
  process.stderr.write(stderr);
  return JSON.parse(line.slice('MICRO_RESULT '.length));
}

/** Checks that the body arrives as each path should deliver it: untouched (direct, pipe) or with the rules applied. */
async function checkCell(kind, target, body) {
  const answer = await echoThrough({ scheme: target.scheme, port: target.port, path: target.path, host: target.host, body });
  if (answer.status !== 200) throw new Error(`check request got HTTP ${answer.status}: ${answer.body.toString('utf8').slice(0, 200)}`);
  const inspecting = kind === 'gateway' || kind === 'mitmproxy';
  if (inspecting) {
    const problems = checkRedacted(body, answer.body);
    if (problems.length > 0) throw new Error(`rules not applied: ${problems.join('; ')}`);
  } else if (!answer.body.equals(body)) {
    throw new Error('the upstream received a different body');
  }
}

/** The gateway sets this on every response it forwarded with edits: counting it proves the run was inspected. */
const INSPECTED_HEADER = 'x-privacy-gateway-edits';

/** wrk settings for one cell; every cell counts the gateway's header, so wrk works alike everywhere. */
const wrkFor = (target, file) => ({
  url: target.url, path: target.path, host: target.host, bodyFile: file,
  connections: options.connections, threads: options.threads, countHeader: INSPECTED_HEADER,
});

/**
 * Warms the proxy up. The gateway's TLS cells warm up through its plain-HTTP listener (same pipeline, so the
 * JIT is warm): wrk ending a TLS run mid-handshake makes the gateway believe the client pins its certificate,
 * and it tunnels that host uninspected from then on. If the gateway stopped inspecting anyway, a fresh process
 * (which forgets it) is measured cold. Resolves the process and target to measure, and a note if restarted.
 */
async function warmUp(env, kind, scheme, size, started, target, profileDir) {
  const { body, file } = env.bodies[size.label];
  const warmTarget = kind === 'gateway' && scheme === 'https' ? loadTarget(kind, 'http', started.ports, env.upstreamPorts) : target;
  await runWrk({ ...wrkFor(warmTarget, file), durationS: options.warmupS });
  if (kind !== 'gateway') return { started, target, note: undefined };
  const stillInspecting = await checkCell(kind, target, body).then(() => true, () => false);
  if (stillInspecting) return { started, target, note: undefined };
  log('  the gateway stopped inspecting after the warm-up (marked uninspectable); restarting it, no warm-up');
  await stopProcess(started.proc);
  // The gateway remembers pinning clients across restarts; the bench wants it to try inspecting again.
  rmSync(join(env.gatewayDataDir, 'uninspectable.json'), { force: true });
  const restarted = await startProxy(kind, scheme, env, { cpuProfileDir: profileDir });
  const restartedTarget = loadTarget(kind, scheme, restarted.ports, env.upstreamPorts);
  await checkCell(kind, restartedTarget, body).catch(async (error) => {
    await stopProcess(restarted.proc);
    throw error;
  });
  const note = 'gateway restarted (its uninspectable list deleted) after the warm-up had made it mark localhost uninspectable; measured without warm-up';
  return { started: restarted, target: restartedTarget, note };
}

const median = (values) => {
  const sorted = values.filter((v) => v !== undefined).sort((a, b) => a - b);
  return sorted.length === 0 ? undefined : sorted[Math.floor(sorted.length / 2)];
};

/**
 * Added latency: one connection, one request at a time, after the loaded run (the JIT is warm). One 3-second run
 * read the machine's other load as much as the proxy (a busy neighbour took the gateway's p50 from 1.8 to 6.0 ms;
 * bench/latency-pair.mjs PG_BENCH_HOGS=1), so each round pairs one second direct to the upstream with one second
 * through the proxy, and the cell keeps the medians: the proxy's p50 and what it adds to direct's in its round.
 */
async function singleConnection(env, kind, target, file) {
  const direct = loadTarget('direct', target.scheme, env.upstreamPorts, env.upstreamPorts);
  const one = (to) => runWrk({ ...wrkFor(to, file), connections: 1, threads: 1, durationS: 1 });
  // The loaded run compiled the 50-connection path; one request at a time runs other code (idle turns, no batching)
  // that TurboFan was still compiling 2 s later. Only the Node proxies JIT: nginx is native, mitmproxy Python.
  const warmup = JIT_PROXIES.has(kind) && options.latencyWarmupS > 0
    ? await warmOneConnection(() => one(target), { minS: options.latencyWarmupS, maxS: options.latencyWarmupS + 5 })
    : undefined;
  const rounds = [];
  for (let round = 0; round < options.latencyRounds; round++) {
    const base = kind === 'direct' ? undefined : await one(direct);
    const own = await one(target);
    rounds.push({ p50Ms: own.p50Ms, p99Ms: own.p99Ms, addedMs: base === undefined ? undefined : own.p50Ms - base.p50Ms });
  }
  return {
    p50Ms: median(rounds.map((r) => r.p50Ms)),
    p99Ms: median(rounds.map((r) => r.p99Ms)),
    addedMs: median(rounds.map((r) => r.addedMs)),
    warmupS: warmup?.seconds,
  };
}

/** The proxies whose code V8 compiles while they serve (the piping proxy and the gateway). */
const JIT_PROXIES = new Set(['pipe', 'gateway']);

/** One cell: fresh proxy process, check, warm-up, measured run, peak RSS, stop. Failures land in the row. */
async function runCell(env, kind, scheme, size) {
  const cell = { proxy: kind, scheme, size: size.label };
  if (elapsedS() > options.budgetS) return { ...cell, error: 'skipped: the run reached its time budget' };
  if (kind === 'nginx' && !env.nginx) return { ...cell, error: 'nginx not installed: skipped' };
  const profileDir = options.profile && kind === 'gateway' ? join(env.dir, `profile-${scheme}-${size.bytes}`) : undefined;
  const notes = [];
  let started;
  try {
    log(`${scheme} ${size.label} ${PROXY_LABELS[kind]}`);
    started = await startProxy(kind, scheme, env, { cpuProfileDir: profileDir });
    let target = loadTarget(kind, scheme, started.ports, env.upstreamPorts);
    await checkCell(kind, target, env.bodies[size.label].body);
    if (options.warmupS > 0) {
      const warm = await warmUp(env, kind, scheme, size, started, target, profileDir);
      ({ started, target } = warm);
      if (warm.note) notes.push(warm.note);
    }
    const cpuBefore = started.proc ? cpuTimeMs(started.proc.pid) : undefined;
    const result = await runWrk({ ...wrkFor(target, env.bodies[size.label].file), durationS: options.durationS });
    const peak = started.proc ? peakRssKb(started.proc.pid) : undefined;
    const cpuAfter = started.proc ? cpuTimeMs(started.proc.pid) : undefined;
    const cpuMsPerRequest = cpuBefore !== undefined && cpuAfter !== undefined && result.requests > 0 ? (cpuAfter - cpuBefore) / result.requests : undefined;
    const load1 = loadavg()[0];
    const single = options.latencyRounds > 0 ? await singleConnection(env, kind, target, env.bodies[size.label].file) : undefined;
    if (result.errorDetail) notes.push(result.errorDetail);
    if (result.requests === 0) notes.push('no request completed within the window');
    let inspectedShare;
    if (kind === 'gateway') {
      inspectedShare = result.requests === 0 ? 0 : result.counted / result.requests;
      if (inspectedShare < 0.999) notes.push(`only ${(100 * inspectedShare).toFixed(1)}% of responses were inspected (the rest tunnelled)`);
    }
    return { ...cell, ...result, peakRssKb: peak, cpuMsPerRequest, inspectedShare, load1, singleP50Ms: single?.p50Ms, singleP99Ms: single?.p99Ms, singleAddedMs: single?.addedMs, singleWarmupS: single?.warmupS, note: notes.join('; ') || undefined };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    log(`  failed: ${reason}`);
    return { ...cell, error: kind === 'mitmproxy' && !env.mitmdump ? 'mitmproxy not installed' : `failed: ${reason.replace(/\|/g, '/')}` };
  } finally {
    if (started?.proc) await stopProcess(started.proc);
    if (profileDir) env.profiles.push(profileSummary(profileDir, `${scheme} ${size.label}`));
  }
}

function profileSummary(dir, title) {
  try {
    // After a restart there are two: the last one is the measured run's.
    const file = readdirSync(dir).filter((name) => name.endsWith('.cpuprofile')).sort().at(-1);
    if (!file) return `${title}: no profile written`;
    return `# gateway, ${title}\n${formatHotFunctions(JSON.parse(readFileSync(join(dir, file), 'utf8')), 15)}`;
  } catch (error) {
    return `${title}: ${error.message}`;
  }
}

async function matrix(env) {
  const cells = [];
  for (const scheme of ['http', 'https']) {
    for (const size of BODY_SIZES) {
      for (const kind of options.proxies) cells.push(await runCell(env, kind, scheme, size));
    }
  }
  return cells;
}

/** The gateway on a data dir with 200 device profiles and a day of ledger rows, loaded; its VmHWM. */
async function memoryScenario(env) {
  const dataDir = join(env.dir, 'memory-data');
  log('memory: writing the 200-device policy and a day of ledger rows');
  const fixture = await runCommand(process.execPath, [join(import.meta.dirname, 'memory-fixture.mjs'), dataDir], { timeoutMs: 240_000 });
  const line = fixture.stdout.split('\n').find((l) => l.startsWith('FIXTURE_RESULT '));
  if (fixture.code !== 0 || !line) return { error: `fixture failed: ${fixture.stderr.trim().slice(-300)}` };
  const result = { fixture: JSON.parse(line.slice('FIXTURE_RESULT '.length)), durationS: options.memoryLoadS, cells: [], runtime: appRuntime().text };
  if (elapsedS() > options.budgetS) return { ...result, error: 'skipped: the run reached its time budget' };
  log('memory: gateway on that data directory, under load');
  let started;
  try {
    started = await startProxy('gateway', 'http', env, { dataDir });
    result.idleRssKb = peakRssKb(started.proc.pid);
    for (const scheme of ['http', 'https']) {
      // TLS: 10 KB first. The end of a TLS run can make the gateway mark localhost as pinning (then the next
      // TLS load is tunnelled and its check fails, which the row says); the larger body matters more for RSS.
      for (const size of scheme === 'https' ? [...BODY_SIZES].reverse() : BODY_SIZES) {
        const target = loadTarget('gateway', scheme, started.ports, env.upstreamPorts);
        const { body, file } = env.bodies[size.label];
        try {
          await checkCell('gateway', target, body);
          const run = await runWrk({ ...wrkFor(target, file), durationS: options.memoryLoadS });
          result.cells.push({ scheme, size: size.label, ...run, inspectedShare: run.requests === 0 ? 0 : run.counted / run.requests });
        } catch (error) {
          result.cells.push({ scheme, size: size.label, error: `failed: ${error.message}` });
        }
      }
    }
    result.peakRssKb = peakRssKb(started.proc.pid);
  } catch (error) {
    result.error = `gateway failed: ${error.message}`;
  } finally {
    if (started?.proc) await stopProcess(started.proc);
  }
  return result;
}

async function main() {
  const loadStart = loadAverage();
  const tools = await preflight();
  const env = { ...(await prepare(tools)), profiles: [] };
  log(`temp dir ${env.dir}`);
  let results;
  try {
    const upstream = await startUpstream(env);
    env.upstreamPorts = upstream.ready;
    const micro = await microBenchmark().catch((error) => {
      log(error.message);
      return undefined;
    });
    const cells = await matrix(env);
    const memory = await memoryScenario(env);
    const machine = describeMachine({ wrk: tools.wrk, mitmproxy: tools.mitmdump?.version, nginx: tools.nginx?.version, loadStart, loadEnd: loadAverage() });
    results = {
      machine, options, cells, micro, memory,
      startedAt: new Date(startedMs).toISOString().replace(/\.\d+Z$/, 'Z'),
      elapsedS: elapsedS(),
      profiles: env.profiles.length > 0 ? env.profiles.join('\n\n') : undefined,
    };
  } finally {
    await stopAll();
    if (process.env.PG_BENCH_KEEP === '1') log(`kept ${env.dir}`);
    else rmSync(env.dir, { recursive: true, force: true });
  }
  process.stdout.write(`${renderStdout(results)}\n`);
  if (results.profiles) process.stdout.write(`\n${results.profiles}\n`);
  const out = process.env.PG_BENCH_OUT ?? join(REPO, 'BENCHMARKS.md');
  if (options.profile || out === 'none') log('BENCHMARKS.md not written (profiled run or PG_BENCH_OUT=none)');
  else {
    // Sections of other benches and by hand are carried over, not lost: Durability (by hand), the CPU profile
    // (bench/profile-load.mjs), MQTT (bench/mqtt.mjs) and DNS (bench/dns.mjs).
    const durability = keptSection(out, '## Durability');
    const old = existsSync(out) ? readFileSync(out, 'utf8') : '';
    let body = renderMarkdown(results);
    for (const name of KEPT_SECTIONS) {
      const kept = section(old, name);
      if (kept !== '') body = replaceSection(body, name, kept);
    }
    writeFileSync(out, `${body.replace(/\n*$/, '\n')}${durability === '' ? '' : `\n${durability}`}`);
    log(`wrote ${out}`);
  }
  log(`done in ${elapsedS().toFixed(0)} s`);
}

main().catch(async (error) => {
  log(`failed: ${error instanceof Error ? error.stack : String(error)}`);
  await stopAll();
  process.exitCode = 1;
});
