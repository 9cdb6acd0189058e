// The ledger's own cost per request record under different commit batch sizes, in CPU µs (steadier than
// req/s on a shared machine): batch 1 = a commit per request, a batch of N = one group commit for the N
// requests of one event-loop turn, 500 = roughly what the old 250 ms timer wrote at 2,000 req/s.
// Each record is one request with 20 fields to one destination, like a device's telemetry POST.
// The "journal" rows add the record journal (one line written per record, as the gateway runs it since
// issue 12): the answer no longer waits for a commit, so the commits can be as large as the 250 ms window.
// Usage: node bench/ledger-commit.mjs   (needs dist/: npm run build)
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const dist = resolve(import.meta.dirname, '../dist');
const { Ledger } = await import(pathToFileURL(`${dist}/ledger/index.js`).href);

const RECORDS = Number(process.env.PG_BENCH_RECORDS ?? 20_000);
const BATCHES = [1, 5, 20, 50, 500];
const JOURNALED = [50, 500];

const connection = {
  device: { id: 'cam-1', name: 'Camera', isDefault: false },
  client: { address: '192.168.1.20', mac: undefined },
  mode: 'enforce',
  destination: { id: 'vendor', vendor: 'Acme', host: 'api.acme.example', port: 443, scheme: 'https' },
  verdict: 'inspect',
  verifyUpstream: true,
  onUninspectable: 'block',
  wouldBlock: false,
  explanation: { ruleId: undefined, reason: 'destination allowed' },
};
const fields = Array.from({ length: 20 }, (_, i) => ({
  path: `$.f${i}`,
  template: undefined,
  source: 'body',
  categories: i < 3 ? ['location'] : [],
  opaque: false,
  action: i === 0 ? 'redact' : 'allow',
  applied: i === 0,
  explanation: { ruleId: i === 0 ? 'no-location' : undefined, reason: i === 0 ? 'location is redacted' : 'allowed' },
}));
const decision = { connection, verdict: 'forward', violation: false, fields, block: undefined, explanation: { reason: 'evaluated' } };
const record = (at) => ({
  at,
  connection,
  decision,
  inspectable: true,
  method: 'POST',
  path: '/v1/telemetry',
  fingerprints: new Map([['$.f0', `fp-${at % 7}`]]),
  bytesUp: 1024,
  bytesDown: 40,
  durationMs: 3,
  error: undefined,
});

console.log('| commit batch (requests per commit) | CPU µs per request | commits |');
console.log('| ---: | ---: | ---: |');
const runs = [...BATCHES.map((batch) => ({ batch, journal: false })), ...JOURNALED.map((batch) => ({ batch, journal: true }))];
for (const { batch, journal } of runs) {
  const dir = mkdtempSync(join(tmpdir(), 'pg-ledger-commit-'));
  const ledger = new Ledger({
    file: join(dir, 'ledger.sqlite'),
    retentionDays: 30,
    flushIntervalMs: 3_600_000,
    ...(journal ? { journal: { file: join(dir, 'ledger.journal'), flushBytes: Number.MAX_SAFE_INTEGER } } : {}),
  });
  ledger.start();
  const now = Date.now();
  for (let i = 0; i < 2_000; i++) ledger.record(record(now + i)); // warm-up: JIT and the first rows
  ledger.flush();
  const start = process.cpuUsage();
  for (let i = 0; i < RECORDS; i++) {
    ledger.record(record(now + i));
    if ((i + 1) % batch === 0) ledger.flush();
  }
  ledger.flush();
  const used = process.cpuUsage(start);
  ledger.stop();
  rmSync(dir, { recursive: true, force: true });
  console.log(`| ${journal ? `journal + ${batch}` : batch} | ${((used.user + used.system) / RECORDS).toFixed(1)} | ${Math.ceil(RECORDS / batch)} |`);
}
