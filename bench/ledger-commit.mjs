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

// The durable path as the proxy drives it: `recordDurably` for N answered requests per event-loop turn (N
// connections answered together), then the next turn. Without a journal the answers wait for the turn's
// group commit; with one they are released at once and the 250 ms timer commits. Builds are compared in
// one run, interleaved: PG_DURABLE_DISTS=before=/tmp/pg-before/dist,after=dist (default: this dist/ alone;
// a build without the journal ignores the option and group-commits).
const durableDists = (process.env.PG_DURABLE_DISTS ?? `this=${dist}`).split(',').map((spec) => {
  const [label, dir] = spec.split('=');
  return { label, dir: resolve(dir) };
});
const ROUNDS = Number(process.env.PG_BENCH_ROUNDS ?? 3);
const TURN_SIZES = [1, 10, 50];
const nextTurn = () => new Promise((done) => setImmediate(done));

async function durableRun(LedgerOf, perTurn) {
  const dir = mkdtempSync(join(tmpdir(), 'pg-ledger-durable-'));
  const ledger = new LedgerOf({ file: join(dir, 'ledger.sqlite'), retentionDays: 30, journal: { file: join(dir, 'ledger.journal') } });
  ledger.start();
  const now = Date.now();
  const total = Math.max(2_000, Math.min(RECORDS, perTurn * 400));
  let waited = 0n;
  let released = 0;
  for (let i = 0; i < 500; i++) ledger.record(record(now + i));
  ledger.flush();
  const start = process.cpuUsage();
  for (let i = 0; i < total; i += perTurn) {
    for (let j = 0; j < perTurn; j++) {
      const asked = process.hrtime.bigint();
      ledger.recordDurably(record(now + i + j), () => {
        waited += process.hrtime.bigint() - asked;
        released++;
      });
    }
    await nextTurn();
  }
  ledger.stop();
  const used = process.cpuUsage(start);
  rmSync(dir, { recursive: true, force: true });
  if (released !== total) throw new Error(`released ${released} of ${total}`);
  return { cpuUs: (used.user + used.system) / total, waitUs: Number(waited / BigInt(total)) / 1000 };
}

const ledgers = await Promise.all(durableDists.map(async ({ label, dir }) => ({ label, Ledger: (await import(pathToFileURL(`${dir}/ledger/index.js`).href)).Ledger })));
const durable = new Map();
for (let round = 0; round < ROUNDS; round++) {
  for (const perTurn of TURN_SIZES) {
    for (const { label, Ledger: LedgerOf } of ledgers) {
      const key = `${label}|${perTurn}`;
      if (!durable.has(key)) durable.set(key, []);
      durable.get(key).push(await durableRun(LedgerOf, perTurn));
    }
  }
}
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
console.log(`\n| build | answered requests per turn | CPU µs per request (median of ${ROUNDS}) | µs from recordDurably to release (median) |`);
console.log('| --- | ---: | ---: | ---: |');
for (const perTurn of TURN_SIZES) {
  for (const { label } of ledgers) {
    const runs = durable.get(`${label}|${perTurn}`);
    console.log(`| ${label} | ${perTurn} | ${median(runs.map((r) => r.cpuUs)).toFixed(1)} | ${median(runs.map((r) => r.waitUs)).toFixed(1)} |`);
  }
}
