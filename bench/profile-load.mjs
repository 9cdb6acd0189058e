// A focused load on the gateway alone, for profiling and for CPU ms per request on a shared machine:
// the upstream and the gateway each in their own process, the load (autocannon, one process, this one)
// POSTing 1 KB and 10 KB JSON through the plain-HTTP forward proxy or the transparent TLS listener under
// bench/policy.json (enforce, six field rules, one of them a category rule). Several checkouts can be compared in ONE run; their cells
// are interleaved so other work on the cores hits each alike. CPU ms/request = the gateway process's
// user + system time during the measured window / requests answered.
//   node bench/profile-load.mjs before=/tmp/pg-before after=.          (each checkout needs dist/ and bench/)
//   PG_PROFILE=1 node bench/profile-load.mjs after=.     (V8 CPU profile of the measured window; prints the hot functions)
//   PG_PROFILE=heap node bench/profile-load.mjs after=.  (what the window promoted, by allocation site: bench/heap-top.mjs)
//   node bench/profile-load.mjs small=.:--max-semi-space-size=2,MALLOC_ARENA_MAX=2   (node flags and env after ':')
//   PG_BENCH_DATA=DIR: each cell starts on a copy of DIR (e.g. bench/memory-fixture.mjs's 200 devices and a day of
//   ledger rows) instead of an empty data dir with bench/policy.json.
// Settings: PG_BENCH_DURATION=8 (s measured), PG_BENCH_ROUNDS=2, PG_BENCH_SIZES=1024,10240,
//   PG_BENCH_SCHEMES=http,https, PG_BENCH_CONNECTIONS=50, PG_BENCH_KEEP=1 (keep the temp dir and profiles),
//   PG_BENCH_OUT=BENCHMARKS.md (write the table and the profiles of the first round as its `profile` section).
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import autocannon from 'autocannon';
import { makeBenchCertificates } from './lib/certs.mjs';
import { telemetryBody } from './lib/payloads.mjs';
import { cpuTimeMs, killAllNow, peakRssKb, startServer, stopProcess } from './lib/procs.mjs';
import { startUpstream } from './lib/servers.mjs';
import { writeSection } from './lib/sections.mjs';
import { gatewayLoad, parseVariants } from './lib/variants.mjs';
import { formatHeapTop } from './heap-top.mjs';
import { formatHotFunctions } from './profile-top.mjs';

const durationS = Number(process.env.PG_BENCH_DURATION ?? 8);
const rounds = Number(process.env.PG_BENCH_ROUNDS ?? 2);
const connections = Number(process.env.PG_BENCH_CONNECTIONS ?? 50);
const sizes = (process.env.PG_BENCH_SIZES ?? '1024,10240').split(',').map(Number);
const schemes = (process.env.PG_BENCH_SCHEMES ?? 'http,https').split(',');
const heapProfile = process.env.PG_PROFILE === 'heap';
const profile = process.env.PG_PROFILE === '1' || heapProfile;
const variants = parseVariants(process.argv.length > 2 ? process.argv.slice(2) : ['this=.'],
  'usage: node bench/profile-load.mjs LABEL=CHECKOUT[:NODE_FLAG,…] …');
const preparedData = process.env.PG_BENCH_DATA;
process.on('exit', killAllNow);

const dir = mkdtempSync(join(tmpdir(), 'pg-bench-profile-'));
const certs = await makeBenchCertificates(dir);
const upstream = await startUpstream({ dir, certs });

const loadOptions = (ports, scheme, body) => gatewayLoad(ports, upstream.ready.http, scheme, body);

async function cell(variant, scheme, size, round) {
  const dataDir = join(dir, `data-${variant.label}-${scheme}-${size}-${round}`);
  if (preparedData) cpSync(preparedData, dataDir, { recursive: true });
  else {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    writeFileSync(join(dataDir, 'policy.json'), readFileSync(join(import.meta.dirname, 'policy.json')), { mode: 0o600 });
  }
  const profileFile = join(dir, `${variant.label}-${scheme}-${size}-${round}.${heapProfile ? 'heapprofile' : 'cpuprofile'}`);
  const args = [...variant.nodeFlags, join(variant.root, 'bench/gateway-process.mjs'), dataDir, certs.ca, String(upstream.ready.https)];
  // Only the first round is profiled: the others give CPU ms/request without the profiler's overhead.
  const profiled = profile && round === 0;
  const env = { ...variant.env, ...(profiled ? { [heapProfile ? 'PG_HEAP_PROFILE' : 'PG_CPU_PROFILE']: profileFile } : {}) };
  const gateway = await startServer(`gateway-${variant.label}`, process.execPath, args, { logDir: dir, readyJson: true, env, timeoutMs: 120_000 });
  const body = telemetryBody(size);
  const options = loadOptions(gateway.ready, scheme, body);
  // Warm-up through the plain listener for TLS too (same pipeline; see run.mjs on TLS runs ending mid-handshake).
  await autocannon({ ...loadOptions(gateway.ready, 'http', body), connections, duration: 2 });
  if (profiled) process.kill(gateway.pid, 'SIGUSR2'); // the profile covers the measured window only
  const cpuBefore = cpuTimeMs(gateway.pid);
  const result = await autocannon({ ...options, connections, duration: durationS });
  const cpu = cpuTimeMs(gateway.pid) - cpuBefore;
  const rssKb = peakRssKb(gateway.pid);
  await stopProcess(gateway);
  const requests = result.requests.total;
  const row = { variant: variant.label, scheme, size, round, rps: requests / durationS, p50: result.latency.p50, p99: result.latency.p99,
    cpuPerReq: cpu / Math.max(1, requests), failed: result.non2xx + result.errors + result.timeouts, rssMb: rssKb / 1024, load1: loadavg()[0] };
  process.stderr.write(`${variant.label} ${scheme} ${size} B round ${round + 1}: ${Math.round(row.rps)} req/s, ` +
    `${row.cpuPerReq.toFixed(3)} CPU ms/req, p99 ${row.p99} ms, failed ${row.failed}, load ${row.load1.toFixed(1)}\n`);
  if (profiled && existsSync(profileFile)) {
    row.profile = `# ${variant.label}, ${scheme === 'https' ? 'TLS-intercepted' : 'plain HTTP'}, ${size} B body\n` +
      (heapProfile ? formatHeapTop(JSON.parse(readFileSync(profileFile, 'utf8')), requests, 15) : formatHotFunctions(JSON.parse(readFileSync(profileFile, "utf8")), 15));
    console.log(`\n${row.profile}`);
  }
  return row;
}

const rows = [];
for (let round = 0; round < rounds; round++) {
  for (const scheme of schemes) for (const size of sizes) for (const variant of variants) rows.push(await cell(variant, scheme, size, round));
}
await stopProcess(upstream);
if (process.env.PG_BENCH_KEEP === '1') process.stderr.write(`kept ${dir}\n`);
else rmSync(dir, { recursive: true, force: true });

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const table = [];
table.push(`| Variant | traffic | body | req/s (median of ${rounds}) | p99 ms | CPU ms/req (median) | each round CPU ms/req${profile ? ' (1st profiled)' : ''} | failed | peak RSS MB |`);
table.push('| --- | --- | ---: | ---: | ---: | ---: | --- | ---: | ---: |');
for (const scheme of schemes) for (const size of sizes) for (const { label } of variants) {
  const runs = rows.filter((r) => r.variant === label && r.scheme === scheme && r.size === size);
  table.push(`| ${label} | ${scheme} | ${size} | ${Math.round(median(runs.map((r) => r.rps))).toLocaleString('en')} | ${median(runs.map((r) => r.p99))} | ` +
    `${median(runs.map((r) => r.cpuPerReq)).toFixed(3)} | ${runs.map((r) => r.cpuPerReq.toFixed(3)).join(', ')} | ${runs.reduce((n, r) => n + r.failed, 0)} | ` +
    `${Math.max(...runs.map((r) => r.rssMb)).toFixed(0)} |`);
}
console.log(`\n${table.join('\n')}`);
const out = process.env.PG_BENCH_OUT;
if (out && out !== 'none') {
  const profiles = rows.filter((r) => r.profile !== undefined && r.round === 0).map((r) => r.profile);
  const loads = rows.map((r) => r.load1);
  writeSection(resolve(out), 'profile', `## CPU profile of the gateway and CPU ms per request (bench/profile-load.mjs)

Written by \`${['node bench/profile-load.mjs', ...process.argv.slice(2)].join(' ')}\` on ${new Date().toISOString().replace(/\.\d+Z$/, 'Z')};
${rounds} interleaved round(s) of ${durationS} s per cell, ${connections} connections (autocannon), load average ${Math.min(...loads).toFixed(1)}–${Math.max(...loads).toFixed(1)} during the cells.

${table.join('\n')}
${profiles.length === 0 ? '' : `
The V8 CPU profile of each cell's measured window (first round; SIGUSR2 starts the profiler after the warm-up),
self time by function; then project functions by inclusive time:

\`\`\`
${profiles.join('\n\n')}
\`\`\`
`}`);
}
