// The servers of the bench, each started in its own process: the upstream, and the proxies under test
// (direct = none, the piping proxy, nginx, the gateway, mitmproxy). Each proxy answers `{ http, https }`: the
// ports wrk talks to for plain HTTP (a forward proxy) and for TLS (a terminating listener).
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { appRuntime } from './app-runtime.mjs';
import { startNginx } from './nginx.mjs';
import { freePort, runCommand, startServer } from './procs.mjs';

const BENCH = resolve(import.meta.dirname, '..');

export const PROXIES = ['direct', 'pipe', 'nginx', 'gateway', 'mitmproxy'];

export const PROXY_LABELS = {
  direct: 'direct to upstream',
  pipe: 'Node piping proxy',
  nginx: 'nginx reverse proxy (native reference)',
  gateway: 'Privacy Gateway (enforce, 6 rules)',
  mitmproxy: 'mitmproxy + redaction addon',
};

export function startUpstream(env) {
  return startServer('upstream', process.execPath, [join(BENCH, 'upstream.mjs'), env.certs.cert, env.certs.key], {
    logDir: env.dir,
    readyJson: true,
  });
}

/** mitmdump from the bench venv (scripts/bench-env.sh) or PATH; undefined when there is none. */
export async function findMitmdump() {
  const cache = process.env.PG_BENCH_CACHE ?? '/var/cache/privacy-gateway';
  const candidates = [process.env.PG_BENCH_MITMDUMP, join(cache, 'bench-venv/bin/mitmdump'), 'mitmdump'].filter(Boolean);
  for (const command of candidates) {
    if (command.includes('/') && !existsSync(command)) continue;
    const version = await runCommand(command, ['--version'], { timeoutMs: 30_000 }).catch(() => undefined);
    const match = version && /Mitmproxy:\s*(\S+)/.exec(version.stdout);
    if (match) return { command, version: match[1] };
  }
  return undefined;
}

/**
 * Starts the proxy for one cell. `scheme` says which listener the cell uses; the gateway and the piping
 * proxy open both anyway, mitmproxy one mode per process. Resolves { proc, ports } (proc undefined for direct).
 */
export async function startProxy(kind, scheme, env, { cpuProfileDir, dataDir } = {}) {
  const { upstreamPorts, certs, dir } = env;
  if (kind === 'direct') return { proc: undefined, ports: upstreamPorts };
  if (kind === 'pipe') {
    const args = [join(BENCH, 'pipe-proxy.mjs'), certs.cert, certs.key, certs.ca, String(upstreamPorts.https)];
    const proc = await startServer('pipe', process.execPath, args, { logDir: dir, readyJson: true });
    return { proc, ports: proc.ready };
  }
  if (kind === 'nginx') return startNginx(env);
  if (kind === 'gateway') {
    const data = dataDir ?? env.gatewayDataDir;
    const profile = cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${cpuProfileDir}`] : [];
    // As the Home Assistant app runs it: its V8 heap limits and malloc arenas (bench/lib/app-runtime.mjs).
    const runtime = appRuntime();
    const args = [...runtime.nodeFlags, ...profile, join(BENCH, 'gateway-process.mjs'), data, certs.ca, String(upstreamPorts.https)];
    const proc = await startServer('gateway', process.execPath, args, { logDir: dir, readyJson: true, env: runtime.env, timeoutMs: 120_000 });
    return { proc, ports: proc.ready };
  }
  if (kind === 'mitmproxy') {
    if (!env.mitmdump) throw new Error('mitmproxy is not installed (run scripts/bench-env.sh)');
    const port = await freePort();
    const confdir = join(dir, 'mitmproxy');
    mkdirSync(confdir, { recursive: true });
    const mode = scheme === 'https'
      ? ['--mode', `reverse:https://127.0.0.1:${upstreamPorts.https}`, '--set', `ssl_verify_upstream_trusted_ca=${certs.ca}`]
      : [];
    const args = [
      '-q', '--listen-host', '127.0.0.1', '--listen-port', String(port), '--set', `confdir=${confdir}`,
      '-s', join(BENCH, 'mitm_redact.py'), ...mode,
    ];
    const proc = await startServer('mitmproxy', env.mitmdump.command, args, { logDir: dir, readyPort: port, timeoutMs: 60_000 });
    return { proc, ports: { http: port, https: port } };
  }
  throw new Error(`unknown proxy ${kind}`);
}

/**
 * How wrk reaches the upstream through `kind` for `scheme`: the URL it connects to, the request target it
 * sends and the Host header. Plain HTTP through a proxy is an absolute-form forward-proxy request.
 */
export function loadTarget(kind, scheme, ports, upstreamPorts) {
  if (scheme === 'https') return { scheme, port: ports.https, url: `https://localhost:${ports.https}/`, path: '/ingest', host: undefined };
  const upstream = `127.0.0.1:${upstreamPorts.http}`;
  if (kind === 'direct') return { scheme, port: ports.http, url: `http://${upstream}/`, path: '/ingest', host: undefined };
  return { scheme, port: ports.http, url: `http://127.0.0.1:${ports.http}/`, path: `http://${upstream}/ingest`, host: upstream };
}
