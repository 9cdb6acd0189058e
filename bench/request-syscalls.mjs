// System calls per request at one connection, and where a request's time goes between them: strace on a gateway
// (or the Node piping proxy) while wrk sends 1 KB POSTs one at a time. Answers "does the proxy split a message into
// several writes (Nagle / delayed-ACK territory), and which of its steps does one connection wait on?".
//   node bench/request-syscalls.mjs            (PG_BENCH_SCHEME=http|https, PG_KIND=gateway|pipe, PG_BENCH_SIZE=1024)
// Prints the syscalls made more than once per ten requests, per request (strace -c over 3 s after a 2 s warm-up),
// then, from a second traced run (strace -tt of the main thread's reads and writes), the median µs between the
// steps of plain HTTP: client request read → vendor request written → vendor answer read → journal line written
// → answer written → the next client request read. strace slows every system call, so the gaps are larger than
// untraced; their proportions are the point. Needs strace (Debian: strace).
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeBenchCertificates } from './lib/certs.mjs';
import { runWrk } from './lib/load.mjs';
import { telemetryBody } from './lib/payloads.mjs';
import { killAllNow, sleep, stopProcess } from './lib/procs.mjs';
import { loadTarget, startProxy, startUpstream } from './lib/servers.mjs';

const scheme = process.env.PG_BENCH_SCHEME ?? 'http';
const kind = process.env.PG_KIND ?? 'gateway';
const size = Number(process.env.PG_BENCH_SIZE ?? 1024);
process.on('exit', killAllNow);

const dir = mkdtempSync(join(tmpdir(), 'pg-request-syscalls-'));
const certs = await makeBenchCertificates(dir);
const upstream = await startUpstream({ dir, certs });
const gatewayDataDir = join(dir, 'data');
mkdirSync(gatewayDataDir, { mode: 0o700 });
writeFileSync(join(gatewayDataDir, 'policy.json'), readFileSync(join(import.meta.dirname, 'policy.json')), { mode: 0o600 });
const started = await startProxy(kind, scheme, { dir, certs, upstreamPorts: upstream.ready, gatewayDataDir });
const target = loadTarget(kind, scheme, started.ports, upstream.ready);
const bodyFile = join(dir, 'body.json');
writeFileSync(bodyFile, telemetryBody(size));
const wrk = (durationS) => runWrk({ url: target.url, path: target.path, host: target.host, bodyFile, connections: 1, threads: 1, durationS });

/** Runs wrk for 3 s under strace with `args`; resolves wrk's result and strace's stderr. */
async function traced(args) {
  const strace = spawn('strace', [...args, '-p', String(started.proc.pid)], { stdio: ['ignore', 'ignore', 'pipe'] });
  let text = '';
  strace.stderr.on('data', (chunk) => (text += chunk));
  await sleep(500);
  const run = await wrk(3);
  strace.kill('SIGINT');
  await new Promise((resolve) => strace.on('close', resolve));
  return { run, text };
}

await wrk(2);
const counted = await traced(['-f', '-c']);
console.log(`${kind}, ${scheme}, ${size} B, one connection: ${counted.run.requests} requests traced`);
for (const line of counted.text.split('\n')) {
  const match = /^\s*[\d.]+\s+[\d.]+\s+\d+\s+(\d+)\s+(?:\d+\s+)?(\w+)$/.exec(line);
  if (match && Number(match[1]) > counted.run.requests / 10) console.log(`  ${match[2]}: ${(Number(match[1]) / counted.run.requests).toFixed(2)} per request`);
}

if (scheme === 'http') {
  const traceFile = join(dir, 'trace.txt');
  await traced(['-tt', '-e', 'trace=read,write,writev', '-o', traceFile]);
  // File descriptors by what they carry: the client's request line, the vendor's answer, the journal's JSON line.
  const steps = [];
  const roles = new Map();
  for (const line of readFileSync(traceFile, 'utf8').split('\n')) {
    const match = /^(\d+):(\d+):([\d.]+) (read|write|writev)\((\d+), (?:\[\{iov_base=)?"(.{0,12})/.exec(line);
    if (match === null) continue;
    const [, h, m, s, call, fd, start] = match;
    const at = (Number(h) * 3600 + Number(m) * 60 + Number(s)) * 1e6;
    if (!roles.has(fd)) {
      if (call === 'read' && /^(POST|GET) http/.test(start)) roles.set(fd, 'client');
      else if (call === 'writev' && /^POST \//.test(start)) roles.set(fd, 'vendor');
      else if (call === 'write' && start.startsWith('{')) roles.set(fd, 'journal');
    }
    const role = roles.get(fd);
    if (role !== undefined) steps.push({ step: `${call === 'read' ? 'read' : 'write'} ${role}`, at });
  }
  const gaps = new Map();
  for (let i = 1; i < steps.length; i++) {
    const name = `${steps[i - 1].step} → ${steps[i].step}`;
    gaps.set(name, [...(gaps.get(name) ?? []), steps[i].at - steps[i - 1].at]);
  }
  const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  console.log('median µs between the main steps (traced, so slower than untraced):');
  for (const [name, values] of gaps) if (values.length > 10) console.log(`  ${name}: ${median(values).toFixed(0)} (${values.length}×)`);
}
await stopProcess(started.proc);
await stopProcess(upstream);
rmSync(dir, { recursive: true, force: true });
