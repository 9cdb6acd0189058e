// The gateway under test, in its own process: the same settings path and wiring as `privacy-gateway start`
// (startConfig from dist/cli/start.js, then Gateway from dist/main.js) plus one thing the CLI does not
// offer: an upstream mapping. The transparent TLS listener takes its destination from the SNI and assumes
// port 443 (the router redirected it there); the bench maps localhost:443 to the local HTTPS upstream, which
// is what the router + DNS would do for a real vendor. The upstream certificate is still verified
// (against --upstream-ca, the bench CA). Prints {"http":PORT,"https":PORT} on stdout when ready.
// Usage: node bench/gateway-process.mjs DATA_DIR UPSTREAM_CA.pem TLS_UPSTREAM_PORT
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';

const [dataDir, upstreamCa, tlsUpstreamPort] = process.argv.slice(2);
if (!dataDir || !upstreamCa || !tlsUpstreamPort) {
  console.error('usage: node bench/gateway-process.mjs DATA_DIR UPSTREAM_CA.pem TLS_UPSTREAM_PORT');
  process.exit(2);
}
const dist = resolve(import.meta.dirname, '../dist');
const { startConfig } = await import(pathToFileURL(`${dist}/cli/start.js`).href);
const { Gateway } = await import(pathToFileURL(`${dist}/main.js`).href);
const { consoleLogger } = await import(pathToFileURL(`${dist}/logger.js`).href);

const flags = {
  data: dataDir,
  host: '127.0.0.1',
  port: '0',
  'page-port': '0',
  'transparent-tls-port': '0',
  'upstream-ca': upstreamCa,
};
// PG_BENCH_DNS_UPSTREAM=IP:PORT also starts the gateway's resolver (on a free port) against that upstream.
if (process.env.PG_BENCH_DNS_UPSTREAM) Object.assign(flags, { 'dns-port': '0', 'dns-upstream': process.env.PG_BENCH_DNS_UPSTREAM });
const config = startConfig(flags, {});
const resolveUpstream = (host, port) =>
  host === 'localhost' && port === 443 ? { host: '127.0.0.1', port: Number(tlsUpstreamPort) } : { host, port };
const gateway = new Gateway(config, { logger: consoleLogger, resolveUpstream });
const addresses = await gateway.start();
process.stdout.write(`${JSON.stringify({ http: addresses.proxy.port, https: addresses.transparentTls?.port, dns: addresses.dns?.port })}\n`);

// PG_CPU_PROFILE=FILE: SIGUSR2 starts the V8 CPU profiler, SIGTERM writes FILE before stopping, so the
// profile covers the measured window only (no start-up, no warm-up), unlike `node --cpu-prof`.
// PG_HEAP_PROFILE=FILE instead: V8's sampling heap profiler over the same window, keeping only what survived the
// young generation (an object a scavenge collects is dropped, one a mark-compact collects is kept), so FILE
// names where the promoted bytes were allocated; PG_HEAP_PROFILE_MINOR=1 keeps everything allocated.
const heapFile = process.env.PG_HEAP_PROFILE;
const profileFile = heapFile ?? process.env.PG_CPU_PROFILE;
const [startCommand, stopCommand] = heapFile ? ['HeapProfiler.startSampling', 'HeapProfiler.stopSampling'] : ['Profiler.start', 'Profiler.stop'];
const startParams = heapFile
  ? { samplingInterval: 4096, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: process.env.PG_HEAP_PROFILE_MINOR === '1' }
  : {};
let profiler;
if (profileFile) {
  const { Session } = await import('node:inspector');
  process.on('SIGUSR2', () => {
    if (profiler) return;
    profiler = new Session();
    profiler.connect();
    profiler.post('Profiler.enable', () => profiler.post(startCommand, startParams));
  });
}
const writeProfile = () =>
  new Promise((done) => {
    if (!profiler) return done();
    profiler.post(stopCommand, async (error, result) => {
      if (!error) (await import('node:fs')).writeFileSync(profileFile, JSON.stringify(result.profile));
      done();
    });
  });

let stopping = false;
const stop = () => {
  if (stopping) process.exit(1);
  stopping = true;
  writeProfile()
    .then(() => gateway.stop())
    .then(() => process.exit(0), () => process.exit(1));
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
