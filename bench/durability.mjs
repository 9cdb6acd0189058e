// The cost of durable records (issue 8): the same gateway load with builds that differ only in how the
// ledger stores a request's record. Each variant is a checkout with its own dist/ (npm run build):
//   node bench/durability.mjs before=/tmp/pg-before after=.
// Rounds are interleaved (before, after, before, after, …) so that other work on the shared cores hits
// every variant alike. Load: autocannon, 50 connections, 1 KB JSON POSTs through the plain-HTTP forward
// proxy under bench/policy.json (enforce, 6 rules). Prints a Markdown table on stdout.
// Settings: PG_BENCH_DURATION=10 (s per round), PG_BENCH_ROUNDS=3.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import autocannon from 'autocannon';
import { makeBenchCertificates } from './lib/certs.mjs';
import { telemetryBody } from './lib/payloads.mjs';
import { cpuTimeMs, killAllNow, startServer, stopProcess } from './lib/procs.mjs';
import { startUpstream } from './lib/servers.mjs';

const durationS = Number(process.env.PG_BENCH_DURATION ?? 10);
const rounds = Number(process.env.PG_BENCH_ROUNDS ?? 3);
const variants = process.argv.slice(2).map((arg) => {
  const [label, root] = arg.split('=');
  if (!label || !root) throw new Error('usage: node bench/durability.mjs LABEL=CHECKOUT [LABEL=CHECKOUT …]');
  return { label, root: resolve(root) };
});
process.on('exit', killAllNow);

const dir = mkdtempSync(join(tmpdir(), 'pg-bench-durable-'));
const certs = await makeBenchCertificates(dir);
const upstream = await startUpstream({ dir, certs });
const body = telemetryBody(1024);
const results = new Map(variants.map((v) => [v.label, []]));

for (let round = 0; round < rounds; round++) {
  for (const variant of variants) {
    const dataDir = join(dir, `data-${variant.label}-${round}`);
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    writeFileSync(join(dataDir, 'policy.json'), readFileSync(join(import.meta.dirname, 'policy.json')), { mode: 0o600 });
    const args = [join(variant.root, 'bench/gateway-process.mjs'), dataDir, certs.ca, String(upstream.ready.https)];
    const gateway = await startServer(`gateway-${variant.label}`, process.execPath, args, { logDir: dir, readyJson: true });
    const load = (seconds) =>
      autocannon({
        url: `http://127.0.0.1:${gateway.ready.http}`,
        connections: 50,
        duration: seconds,
        requests: [{
          method: 'POST',
          path: `http://127.0.0.1:${upstream.ready.http}/ingest`,
          headers: { host: `127.0.0.1:${upstream.ready.http}`, 'content-type': 'application/json' },
          body,
        }],
      });
    await load(2);
    const cpuBefore = cpuTimeMs(gateway.pid);
    const result = await load(durationS);
    const cpu = cpuTimeMs(gateway.pid) - cpuBefore;
    await stopProcess(gateway);
    const requests = result.requests.total;
    results.get(variant.label).push({
      rps: result.requests.average,
      p50: result.latency.p50,
      p99: result.latency.p99,
      cpuPerReq: cpu / Math.max(1, requests),
      non2xx: result.non2xx + result.errors,
    });
    process.stderr.write(`round ${round + 1} ${variant.label}: ${Math.round(result.requests.average)} req/s, p99 ${result.latency.p99} ms\n`);
  }
}
await stopProcess(upstream);
rmSync(dir, { recursive: true, force: true });

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};
console.log(`| Variant | req/s (median of ${rounds}) | p50 ms | p99 ms | gateway CPU ms/req | failed | each round req/s |`);
console.log('| --- | ---: | ---: | ---: | ---: | ---: | --- |');
for (const [label, runs] of results) {
  const pick = (key) => median(runs.map((r) => r[key]));
  console.log(
    `| ${label} | ${Math.round(pick('rps')).toLocaleString('en')} | ${pick('p50')} | ${pick('p99')} | ${pick('cpuPerReq').toFixed(2)} | ` +
      `${runs.reduce((n, r) => n + r.non2xx, 0)} | ${runs.map((r) => Math.round(r.rps)).join(', ')} |`,
  );
}
