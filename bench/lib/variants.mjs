// The checkouts a focused bench compares in one run (bench/profile-load.mjs, bench/memory-load.mjs), and the
// autocannon options of its loads through the gateway under test.
import { resolve } from 'node:path';

/**
 * `LABEL=CHECKOUT[:ITEM,…]`: ITEMs of the form NAME=VALUE are environment variables (MALLOC_ARENA_MAX=2),
 * the rest node flags (--max-semi-space-size=2).
 */
export function parseVariants(args, usage) {
  return args.map((arg) => {
    const [label, spec = ''] = [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)];
    const [root, flags] = [spec.split(':')[0], spec.split(':').slice(1).join(':')];
    if (!label || !root) throw new Error(usage);
    const items = flags ? flags.split(',') : [];
    const isEnv = (item) => /^[A-Z_]+=/.test(item);
    const env = Object.fromEntries(items.filter(isEnv).map((item) => [item.slice(0, item.indexOf('=')), item.slice(item.indexOf('=') + 1)]));
    return { label, root: resolve(root), nodeFlags: items.filter((item) => !isEnv(item)), env };
  });
}

/** POSTs of `body` through the plain-HTTP forward proxy (to the HTTP upstream) or the transparent TLS listener. */
export function gatewayLoad(ports, upstreamHttpPort, scheme, body) {
  const request = { method: 'POST', headers: { 'content-type': 'application/json' }, body };
  if (scheme === 'https') {
    // SNI localhost: the bench's gateway maps localhost:443 to the HTTPS upstream (gateway-process.mjs).
    return { url: `https://localhost:${ports.https}`, tlsOptions: { rejectUnauthorized: false, servername: 'localhost' },
      requests: [{ ...request, path: '/ingest' }] };
  }
  const up = `127.0.0.1:${upstreamHttpPort}`;
  return { url: `http://127.0.0.1:${ports.http}`, requests: [{ ...request, path: `http://${up}/ingest`, headers: { ...request.headers, host: up } }] };
}
