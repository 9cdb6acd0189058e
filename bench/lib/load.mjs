// Load generation with wrk (C, one process, light on the 2 cores), and the one-request check that a proxy
// really applied the bench rules before it is measured.
import http from 'node:http';
import https from 'node:https';
import { resolve } from 'node:path';
import { runCommand } from './procs.mjs';

const LUA = resolve(import.meta.dirname, '../wrk/post.lua');

/**
 * One wrk run. `url` is where wrk connects (the proxy, or the upstream for "direct"); `path` is the
 * request target it sends (absolute-form through a forward proxy); `host` the Host header.
 */
export async function runWrk({ url, path, host, bodyFile, connections, threads, durationS, countHeader }) {
  const args = ['-t', String(threads), '-c', String(connections), '-d', `${durationS}s`, '--timeout', '5s', '-s', LUA, url];
  const env = { BENCH_BODY: bodyFile, BENCH_PATH: path, BENCH_HOST: host ?? '', BENCH_COUNT_HEADER: countHeader ?? '' };
  const { code, stdout, stderr } = await runCommand('wrk', args, { env, timeoutMs: (durationS + 30) * 1000 });
  const line = stdout.split('\n').find((l) => l.startsWith('BENCH_RESULT '));
  if (code !== 0 || line === undefined) throw new Error(`wrk failed (exit ${code}): ${(stderr || stdout).trim().slice(0, 300)}`);
  const raw = JSON.parse(line.slice('BENCH_RESULT '.length));
  const errors = raw.connect_errors + raw.read_errors + raw.write_errors + raw.status_errors + raw.timeouts;
  return {
    requests: raw.requests,
    rps: raw.requests / (raw.duration_us / 1e6),
    p50Ms: raw.p50_us / 1000,
    p99Ms: raw.p99_us / 1000,
    errors,
    /** Responses that carried `countHeader`. */
    counted: raw.counted,
    errorDetail: errors === 0 ? '' : `errors: connect ${raw.connect_errors}, read ${raw.read_errors}, write ${raw.write_errors}, non-2xx ${raw.status_errors}, timeout ${raw.timeouts}`,
  };
}

/**
 * A device's pace instead of wrk's back-to-back requests: one keep-alive connection sends a request, waits for its
 * answer, then stays idle `gapMs` before the next. A closed loop (wrk) hides work a proxy does after an answer has
 * gone out (it delays the next request instead); a device that sends now and then does not wait for it. Same
 * target semantics as runWrk; `p50Ms` is the client's median latency, `rps` counts the idle gaps too.
 */
export async function runPaced({ url, path, host, body, durationS, gapMs }) {
  const target = new URL(url);
  const client = target.protocol === 'https:' ? https : http;
  // The bench CA is not the client's: as wrk does, the paced client does not verify the gateway's leaf.
  const agent = new client.Agent({ keepAlive: true, maxSockets: 1, rejectUnauthorized: false });
  const headers = { 'content-type': 'application/json', ...(host === undefined ? {} : { host }) };
  const latencies = [];
  let errors = 0;
  const end = Date.now() + durationS * 1000;
  while (Date.now() < end) {
    const started = process.hrtime.bigint();
    await new Promise((done) => {
      const request = client.request({ host: target.hostname, port: target.port, path, method: 'POST', agent, headers }, (answer) => {
        if (answer.statusCode !== 200) errors++;
        answer.resume();
        answer.on('end', () => {
          latencies.push(Number(process.hrtime.bigint() - started) / 1e6);
          done();
        });
      });
      request.on('error', () => {
        errors++;
        done();
      });
      request.end(body);
    });
    await new Promise((done) => setTimeout(done, gapMs));
  }
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return { requests: latencies.length, rps: latencies.length / durationS, p50Ms: latencies[Math.floor(latencies.length / 2)] ?? 0, errors };
}

/**
 * Warms a proxy up at one connection before its one-connection latency is measured. After 2 s (the old warm-up)
 * TurboFan was still compiling the one-request-at-a-time path: 127 of a request's 774 µs of CPU (perf, 1 KB
 * plain; 45 of 587 after 15 s; BENCHMARKS.md record10). `run` sends one second at one connection and resolves
 * wrk's result. Runs at least `minS` seconds, then goes on (up to `maxS`) while the per-request time is still
 * falling: the last second more than `settled` (3 %) faster than the one before. Resolves the seconds spent and
 * each second's mean µs per request.
 */
export async function warmOneConnection(run, { minS = 10, maxS = 15, settled = 0.03 } = {}) {
  const perRequestUs = [];
  while (perRequestUs.length < maxS) {
    const result = await run();
    perRequestUs.push(result.rps > 0 ? 1e6 / result.rps : Infinity);
    const [before, last] = perRequestUs.slice(-2);
    if (perRequestUs.length >= minS && !(last < before * (1 - settled))) break;
  }
  return { seconds: perRequestUs.length, perRequestUs };
}

export async function wrkVersion() {
  const { stdout, stderr } = await runCommand('wrk', ['--version']).catch(() => ({ stdout: '', stderr: '' }));
  return /wrk\s+(\S+)/.exec(stdout + stderr)?.[1];
}

/**
 * Sends the body once with `x-bench-echo: 1` the way wrk will (same connection target, same request
 * target) and resolves with what the upstream received, as the upstream echoes it back.
 */
export function echoThrough({ scheme, port, path, host, body }) {
  return new Promise((done, fail) => {
    const headers = { 'content-type': 'application/json', 'content-length': body.length, 'x-bench-echo': '1' };
    // As wrk sends it: through a TLS listener the Host names the SNI's host (the gateway refuses a request
    // naming another host than its connection's as domain fronting).
    headers.host = host ?? (scheme === 'https' ? `localhost:${port}` : `127.0.0.1:${port}`);
    const options = { host: '127.0.0.1', port, method: 'POST', path, headers, agent: false, timeout: 10_000 };
    // The check is about the body, not the certificate: the gateway's and mitmproxy's CAs are not trusted here.
    const request = scheme === 'https'
      ? https.request({ ...options, servername: 'localhost', rejectUnauthorized: false })
      : http.request(options);
    request.on('response', (response) => {
      const chunks = [];
      response.on('data', (chunk) => chunks.push(chunk));
      response.on('end', () => done({ status: response.statusCode, body: Buffer.concat(chunks) }));
      response.on('error', fail);
    });
    request.on('timeout', () => request.destroy(new Error('no answer within 10 s')));
    request.on('error', fail);
    request.end(body);
  });
}
