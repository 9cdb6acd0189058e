// DNS queries/s the gateway's resolver answers from its cache, and its CPU ms per query. A fake upstream
// resolver (this process) answers A records for 100 vendor names; the gateway (bench/gateway-process.mjs
// with its resolver on, in its own process) asks it once per name, then every query is a cache hit. The
// load keeps a window of queries in flight over one UDP socket for the measured seconds; every answer is
// checked (NOERROR, the upstream's address). Each query is also logged to the ledger's DNS log, as in use.
//   node bench/dns.mjs                 prints the figures; PG_BENCH_OUT=BENCHMARKS.md writes its section
// Settings: PG_BENCH_DURATION=8 (s measured), PG_DNS_WINDOW=32 (queries in flight).
import dgram from 'node:dgram';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import packet from 'dns-packet';
import { appRuntime } from './lib/app-runtime.mjs';
import { makeBenchCertificates } from './lib/certs.mjs';
import { cpuTimeMs, killAllNow, peakRssKb, startServer, stopProcess } from './lib/procs.mjs';
import { writeSection } from './lib/sections.mjs';

const durationS = Number(process.env.PG_BENCH_DURATION ?? 8);
const window = Number(process.env.PG_DNS_WINDOW ?? 32);
const NAMES = Array.from({ length: 100 }, (_, i) => `api${i}.vendor.example`);
const addressOf = (name) => `192.0.2.${(NAMES.indexOf(name) % 250) + 1}`;
process.on('exit', killAllNow);

/** The upstream: answers every A question with one record (TTL 300 s), counts what it was asked. */
async function fakeUpstream() {
  const socket = dgram.createSocket('udp4');
  const asked = { count: 0 };
  socket.on('message', (message, remote) => {
    let query;
    try {
      query = packet.decode(message);
    } catch {
      return;
    }
    asked.count++;
    const question = query.questions?.[0];
    const answers = question?.type === 'A' ? [{ type: 'A', name: question.name, ttl: 300, data: addressOf(question.name) }] : [];
    const reply = packet.encode({ id: query.id, type: 'response', flags: packet.RECURSION_DESIRED | packet.RECURSION_AVAILABLE, questions: query.questions, answers });
    socket.send(reply, remote.port, remote.address);
  });
  await new Promise((done) => socket.bind(0, '127.0.0.1', done));
  return { socket, port: socket.address().port, asked };
}

/** Keeps `window` queries in flight against PORT for `seconds`; resolves { answered, wrong, lost }. */
function load(port, seconds, windowSize) {
  return new Promise((done) => {
    const socket = dgram.createSocket('udp4');
    const inFlight = new Map();
    let nextId = 1;
    let answered = 0;
    let wrong = 0;
    let lost = 0;
    let running = true;
    const send = () => {
      if (!running) return;
      const id = nextId;
      nextId = (nextId % 65_535) + 1;
      const name = NAMES[id % NAMES.length];
      inFlight.set(id, { name, at: Date.now() });
      socket.send(packet.encode({ id, type: 'query', flags: packet.RECURSION_DESIRED, questions: [{ type: 'A', name }] }), port, '127.0.0.1');
    };
    socket.on('message', (message) => {
      const reply = packet.decode(message);
      const sent = inFlight.get(reply.id);
      if (!sent) return;
      inFlight.delete(reply.id);
      const data = reply.answers?.[0]?.data;
      if (reply.rcode === 'NOERROR' && data === addressOf(sent.name)) answered++;
      else wrong++;
      send();
    });
    // A datagram dropped under load is counted and replaced, so the window stays full.
    const sweep = setInterval(() => {
      const now = Date.now();
      for (const [id, sent] of inFlight) {
        if (now - sent.at < 1000) continue;
        inFlight.delete(id);
        lost++;
        send();
      }
    }, 250);
    socket.bind(0, '127.0.0.1', () => {
      for (let i = 0; i < windowSize; i++) send();
    });
    setTimeout(() => {
      running = false;
      clearInterval(sweep);
      socket.close();
      done({ answered, wrong, lost });
    }, seconds * 1000);
  });
}

const dir = mkdtempSync(join(tmpdir(), 'pg-bench-dns-'));
const certs = await makeBenchCertificates(dir);
const upstream = await fakeUpstream();
const dataDir = join(dir, 'data');
mkdirSync(dataDir, { recursive: true, mode: 0o700 });
writeFileSync(join(dataDir, 'policy.json'), readFileSync(join(import.meta.dirname, 'policy.json')), { mode: 0o600 });
const runtime = appRuntime();
const gateway = await startServer('gateway', process.execPath, [...runtime.nodeFlags, join(import.meta.dirname, 'gateway-process.mjs'), dataDir, certs.ca, '1'], {
  logDir: dir,
  readyJson: true,
  env: { ...runtime.env, PG_BENCH_DNS_UPSTREAM: `127.0.0.1:${upstream.port}` },
});
const port = gateway.ready.dns;
if (!port) throw new Error('the gateway did not start its resolver');
const loadStart = loadavg()[0];
await load(port, 2, window); // warm-up: fills the cache (one upstream question per name) and the JIT
const askedBefore = upstream.asked.count;
const cpuBefore = cpuTimeMs(gateway.pid);
const result = await load(port, durationS, window);
const cpuMs = cpuTimeMs(gateway.pid) - cpuBefore;
const rssMb = peakRssKb(gateway.pid) / 1024;
const upstreamAsked = upstream.asked.count - askedBefore;
await stopProcess(gateway);
upstream.socket.close();
rmSync(dir, { recursive: true, force: true });

const qps = result.answered / durationS;
const cpuPerQuery = cpuMs / Math.max(1, result.answered + result.wrong);
const fmt = (n, d = 0) => n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });
const body = `## DNS: queries/s answered from the resolver's cache

Written by \`node bench/dns.mjs\` on ${new Date().toISOString().replace(/\.\d+Z$/, 'Z')}; one run, load average ${loadStart.toFixed(2)} at start, ${loadavg()[0].toFixed(2)} at end.

| Queries answered/s | gateway CPU ms/query | in flight | answered | wrong | lost (no answer in 1 s) | asked upstream while measured | peak RSS MB |
| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |
| ${fmt(qps)} | ${fmt(cpuPerQuery, 3)} | ${window} | ${fmt(result.answered)} | ${result.wrong} | ${result.lost} | ${upstreamAsked} | ${fmt(rssMb, 1)} |

- The gateway's resolver (\`--dns-port\`, steering off: names are answered and logged) in its own process; a fake
  upstream resolver and the load (one UDP socket, ${window} queries in flight, ${NAMES.length} names round-robin) in another.
  After a 2 s warm-up every name is cached, so the figure is the cache path plus the per-query DNS log; "asked
  upstream while measured" should be 0. ${durationS} s measured. The gateway runs with the app's settings
  (\`${runtime.text}\`).`;
console.log(body);
if (process.env.PG_BENCH_OUT && process.env.PG_BENCH_OUT !== 'none') writeSection(resolve(process.env.PG_BENCH_OUT), 'dns', body);
