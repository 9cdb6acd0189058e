// The results as tables: printed to stdout and written to BENCHMARKS.md with the machine and the method.
import { PROXY_LABELS } from './servers.mjs';

const fmt = (n, digits = 0) => (n === undefined || Number.isNaN(n) ? '—' : n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits }));
const mb = (kb) => (kb === undefined ? '—' : fmt(kb / 1024, 1));
const yesNo = (met) => (met === undefined ? 'not measured' : met === 'invalid' ? 'invalid run' : met ? '**met**' : '**not met**');

const find = (cells, scheme, size, proxy) => cells.find((c) => c.scheme === scheme && c.size === size && c.proxy === proxy);
const rpsOf = (cell) => (cell && cell.error === undefined ? cell.rps : undefined);
/** A gateway row counts only if every response was inspected (not tunnelled after a pinning verdict). */
const inspected = (cell) => cell === undefined || cell.proxy !== 'gateway' || (cell.inspectedShare ?? 1) >= 0.999;
const INVALID = ' — not every response was inspected, see the note';

/**
 * What the path adds to a request at one connection: the median over rounds of its p50 minus direct's p50 in the
 * same round (bench/run.mjs singleConnection); for rows recorded before rounds, minus direct's cell.
 */
export function addedLatencyMs(cells, cell) {
  if (cell.singleAddedMs !== undefined) return cell.singleAddedMs;
  const direct = find(cells, cell.scheme, cell.size, 'direct');
  if (cell.singleP50Ms === undefined || direct?.singleP50Ms === undefined || cell.proxy === 'direct') return undefined;
  return cell.singleP50Ms - direct.singleP50Ms;
}

export function loadTable(cells) {
  const lines = [
    '| Traffic | Body | Path | req/s | p50 ms | p99 ms | peak RSS MB | proxy CPU ms/req | vs piping proxy | 1 conn p50 ms | added ms (1 conn) | load 1m | Note |',
    '| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
  ];
  for (const cell of cells) {
    const pipe = rpsOf(find(cells, cell.scheme, cell.size, 'pipe'));
    const traffic = cell.scheme === 'https' ? 'TLS-intercepted' : 'plain HTTP';
    const ratio = cell.proxy !== 'pipe' && pipe && rpsOf(cell) !== undefined ? `${fmt((100 * cell.rps) / pipe)}%` : '';
    if (cell.error !== undefined) {
      lines.push(`| ${traffic} | ${cell.size} | ${PROXY_LABELS[cell.proxy]} | — | — | — | — | — | | — | — | | ${cell.error} |`);
      continue;
    }
    lines.push(
      `| ${traffic} | ${cell.size} | ${PROXY_LABELS[cell.proxy]} | ${fmt(cell.rps)} | ${fmt(cell.p50Ms, 2)} | ${fmt(cell.p99Ms, 2)} | ` +
        `${mb(cell.peakRssKb)} | ${fmt(cell.cpuMsPerRequest, 2)} | ${ratio} | ${fmt(cell.singleP50Ms, 3)} | ${fmt(addedLatencyMs(cells, cell), 3)} | ` +
        `${fmt(cell.load1, 1)} | ${cell.note ?? ''} |`,
    );
  }
  return lines.join('\n');
}

export function microTable(micro) {
  const lines = [
    '| Body | fields | JSON.parse+stringify µs | field policy µs | ratio | parsePayload | classifyPayload | evaluate | planEdits | rewritePayload |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const m of micro) {
    const s = m.stepsUs;
    lines.push(
      `| ${m.size} (${m.bytes} B) | ${m.fields} | ${fmt(m.baselineUs, 1)} | ${fmt(m.policyUs, 1)} | ${fmt(m.ratio, 2)}x | ` +
        `${fmt(s.parsePayload, 1)} | ${fmt(s.classifyPayload, 1)} | ${fmt(s.evaluate, 1)} | ${fmt(s.planEdits, 1)} | ${fmt(s.rewritePayload, 1)} |`,
    );
  }
  return lines.join('\n');
}

/** Each target of the issue with the measured value and whether it was met. */
export function targetRows({ cells, micro, memory }) {
  const rows = [];
  for (const scheme of ['http', 'https']) {
    const gateway = rpsOf(find(cells, scheme, '1 KB', 'gateway'));
    const pipe = rpsOf(find(cells, scheme, '1 KB', 'pipe'));
    const share = gateway !== undefined && pipe ? gateway / pipe : undefined;
    const valid = inspected(find(cells, scheme, '1 KB', 'gateway'));
    const traffic = scheme === 'https' ? 'TLS-intercepted (gateway vs the TLS-terminating piping proxy)' : 'plain HTTP';
    rows.push({
      target: `Gateway >= 75% of the piping proxy's req/s at 1 KB, policy on — ${traffic}`,
      measured: share === undefined ? '—' : `${fmt(100 * share)}% (${fmt(gateway)} vs ${fmt(pipe)} req/s)${valid ? '' : INVALID}`,
      met: share === undefined ? undefined : valid ? share >= 0.75 : 'invalid',
    });
  }
  for (const scheme of ['http', 'https']) {
    const gateway = rpsOf(find(cells, scheme, '10 KB', 'gateway'));
    const pipe = rpsOf(find(cells, scheme, '10 KB', 'pipe'));
    const share = gateway !== undefined && pipe ? gateway / pipe : undefined;
    const valid = inspected(find(cells, scheme, '10 KB', 'gateway'));
    rows.push({
      target: `Gateway >= 50% of the piping proxy's req/s at 10 KB, policy on — ${scheme === 'https' ? 'TLS-intercepted' : 'plain HTTP'}`,
      measured: share === undefined ? '—' : `${fmt(100 * share)}% (${fmt(gateway)} vs ${fmt(pipe)} req/s)${valid ? '' : INVALID}`,
      met: share === undefined ? undefined : valid ? share >= 0.5 : 'invalid',
    });
  }
  for (const scheme of ['http', 'https']) {
    const gateway = find(cells, scheme, '1 KB', 'gateway');
    const pipe = find(cells, scheme, '1 KB', 'pipe');
    const added = gateway && addedLatencyMs(cells, gateway);
    const pipeAdded = pipe && addedLatencyMs(cells, pipe);
    if (added === undefined || pipeAdded === undefined) continue;
    rows.push({
      target: `Added latency at one connection <= the piping proxy's + 0.1 ms at 1 KB — ${scheme === 'https' ? 'TLS-intercepted' : 'plain HTTP'}`,
      measured: `+${fmt(added, 3)} ms vs +${fmt(pipeAdded, 3)} ms (p50 over direct's)${inspected(gateway) ? '' : INVALID}`,
      met: inspected(gateway) ? added <= pipeAdded + 0.1 : 'invalid',
    });
  }
  for (const scheme of ['http', 'https']) {
    const gateway = find(cells, scheme, '1 KB', 'gateway');
    const pipe = find(cells, scheme, '1 KB', 'pipe');
    if (gateway?.cpuMsPerRequest === undefined || pipe?.cpuMsPerRequest === undefined) continue;
    const share = pipe.cpuMsPerRequest / gateway.cpuMsPerRequest;
    rows.push({
      target: `(same target by CPU time per request, less sensitive to other load) — ${scheme === 'https' ? 'TLS-intercepted' : 'plain HTTP'}`,
      measured: `${fmt(100 * share)}% (${fmt(gateway.cpuMsPerRequest, 2)} vs ${fmt(pipe.cpuMsPerRequest, 2)} CPU ms/req)${inspected(gateway) ? '' : INVALID}`,
      met: inspected(gateway) ? share >= 0.75 : 'invalid',
    });
  }
  for (const scheme of ['http', 'https']) {
    for (const size of ['1 KB', '10 KB']) {
      const gateway = rpsOf(find(cells, scheme, size, 'gateway'));
      const mitm = rpsOf(find(cells, scheme, size, 'mitmproxy'));
      const times = gateway !== undefined && mitm ? gateway / mitm : undefined;
      const valid = inspected(find(cells, scheme, size, 'gateway'));
      rows.push({
        target: `Gateway >= 10x mitmproxy — ${scheme === 'https' ? 'TLS-intercepted' : 'plain HTTP'}, ${size}`,
        measured: times === undefined ? (mitm === undefined ? 'mitmproxy not measured' : '—') : `${fmt(times, 1)}x (${fmt(gateway)} vs ${fmt(mitm)} req/s)${valid ? '' : INVALID}`,
        met: times === undefined ? undefined : valid ? times >= 10 : 'invalid',
      });
    }
  }
  for (const m of micro ?? []) {
    rows.push({
      target: `Field policy cost <= 1.2x a bare JSON.parse + JSON.stringify — ${m.size}`,
      measured: `${fmt(m.ratio, 2)}x (${fmt(m.policyUs, 1)} vs ${fmt(m.baselineUs, 1)} µs)`,
      met: m.ratio <= 1.2,
    });
  }
  const peak = memory?.peakRssKb;
  rows.push({
    target: '<= 120 MB peak RSS with 200 device profiles and a day of ledger rows, under load',
    measured: peak === undefined ? (memory?.error ?? '—') : `${mb(peak)} MB peak (${mb(memory.idleRssKb)} MB after start)`,
    met: peak === undefined ? undefined : peak / 1024 <= 120,
  });
  return rows;
}

export function targetTable(rows) {
  return ['| Target | Measured | Result |', '| --- | --- | --- |', ...rows.map((r) => `| ${r.target} | ${r.measured} | ${yesNo(r.met)} |`)].join('\n');
}

export function memoryTable(memory) {
  if (!memory || memory.error !== undefined) return `Not measured: ${memory?.error ?? 'skipped'}.`;
  const f = memory.fixture;
  const rows = Object.entries(f.rows ?? {}).map(([table, n]) => `${table} ${fmt(n)}`).join(', ');
  const share = (c) => (c.inspectedShare !== undefined && c.inspectedShare < 0.999 ? `, only ${fmt(100 * c.inspectedShare, 1)}% inspected` : '');
  const loads = memory.cells.map((c) => `${c.scheme === 'https' ? 'TLS' : 'HTTP'} ${c.size}: ${c.error ?? `${fmt(c.rps)} req/s${share(c)}`}`).join('; ');
  return [
    `- Policy: ${f.devices} device profiles (each with 2 destinations and 3 vendor-scoped rules) + the six household bench rules.`,
    `- Ledger before start: ${fmt(f.records)} recorded flows of one day through \`Ledger.record()\` ` +
      `(${f.devices} devices × ${f.destinationsPerDevice} destinations × ${f.fieldsPerBody} fields × 3 sightings); rows: ${rows}; ` +
      `${fmt(f.ledgerBytes / 2 ** 20, 1)} MB on disk; written in ${fmt(f.ms / 1000, 1)} s.`,
    `- Gateway runtime: the app's settings (addon/privacy_gateway/Dockerfile): \`${memory.runtime ?? 'Node defaults'}\`.`,
    `- Gateway RSS after start: ${mb(memory.idleRssKb)} MB; peak (VmHWM) after the loads: **${mb(memory.peakRssKb)} MB**.`,
    `- Loads (50 connections, ${memory.durationS} s each, client 127.0.0.1 = device-000): ${loads}.`,
    '- What bounds the rest (each starts over or evicts when full; sender-controlled keys can only cost recomputation):',
    ...BOUNDED_CACHES.map((line) => `  ${line}`),
  ].join('\n');
}

/** The gateway's in-memory caches and their bounds (kept in step with the constants named). */
const BOUNDED_CACHES = [
  'leaf certificates 256 TLS contexts, ~13 KB each after a handshake (proxy/ca/authority.ts); uninspectable hosts 10,000 per map (proxy/transport/uninspectable.ts);',
  'DNS answers 10,000 (`dns.cacheEntries`), the guard\'s destination lookups 1,024 names × 30 s (proxy/transport/guard.ts);',
  'ledger aggregates: a flush at 2,000 pending keys, at most 50,000 keys and 10,000 decisions while the store fails',
  '(ledger/ledger.ts); per-device day-row counts 4,096 (ledger/bounds.ts); traffic evidence 10,000 (ledger/traffic-knowledge.ts);',
  'SQLite page cache 1 MB for the ledger, 256 KB for each other connection (ledger/cache.ts); classifier shape memo 16,384 fields in 1,024 shapes (policy/classifier/shape-memo.ts),',
  'each field keeping its last value of ≤ 64 characters and its verdict; classifier key analyses 20,000 (policy/classifier/classify.ts); key readings 2 × 8,192 (policy/classifier/words.ts);',
  'record shapes 65,536 fields, 4 per device and host, requests of ≤ 8,192 fields (ledger/record-shape.ts); templated request paths 512 of ≤ 2,048 characters (payload/url-path.ts);',
  'fingerprints 4,096 value lists of ≤ 512 characters; pseudonym keys 1,024 × 32 pseudonyms (policy/pseudonyms.ts).',
];

export function machineLines(machine) {
  return [
    `- CPU: ${machine.cpu}, ${machine.cores} cores available (shared: see the load average)`,
    `- Memory: ${fmt(machine.memoryGiB, 1)} GiB`,
    `- OS: ${machine.os}`,
    `- Node ${machine.node}; wrk ${machine.wrk ?? 'missing'}; mitmproxy ${machine.mitmproxy ?? 'not installed'}; nginx ${machine.nginx ?? 'not installed (its cells skipped)'}`,
    `- Load average (1/5/15 min) at start: ${machine.loadStart}; at end: ${machine.loadEnd}`,
  ].join('\n');
}

export function renderMarkdown(results) {
  const { machine, options, cells, micro, memory, startedAt, elapsedS, profiles } = results;
  const targets = targetRows(results);
  return `# Benchmarks

Written by \`npm run bench\` (bench/run.mjs) on ${startedAt}; the whole run took ${fmt(elapsedS)} s. Numbers from one run
on the machine below; other work on the same 2 cores moves them, so compare rows of the same run, not runs.

## Machine

${machineLines(machine)}

## Targets

${targetTable(targets)}

## Load: requests/s, latency, peak RSS

${loadTable(cells)}

## Field-policy cost (micro-benchmark, dist/)

${micro ? microTable(micro) : 'Not measured.'}

Field policy = \`parsePayload\` + \`classifyPayload\` + \`evaluate\` + \`planEdits\` + \`rewritePayload\` under bench/policy.json;
each step column is that function alone, timed on the previous step's output (µs per call). Medians over
${options.microBatches} interleaved batches.

## Memory: 200 device profiles and a day of ledger rows

${memoryTable(memory)}
${profiles ? `\n## CPU profile of the gateway (profiled run; the profiler slows it)\n\n\`\`\`\n${profiles}\n\`\`\`\n` : ''}
## Method

- Everything on loopback, each part in its own process: the upstream (bench/upstream.mjs: Node http + https,
  reads the body, answers \`{"ok":true,"received":N}\`), the proxy under test, and wrk (C; ${options.threads} threads,
  ${options.connections} connections, bench/wrk/post.lua POSTing the body). Per cell: a fresh proxy process, one
  checked request, ${options.warmupS} s warm-up, then ${options.durationS} s measured. Peak RSS is the proxy process's VmHWM
  from /proc/PID/status after the measured run (direct has no proxy); "proxy CPU ms/req" is the proxy process's
  user + system CPU time (/proc/PID/stat) during the measured run divided by its requests. "load 1m" is the
  machine's 1-minute load average after the cell: above the core count, other work was competing for the CPU,
  and CPU ms/req is then the steadier comparison.
- Added latency: after the loaded run, the Node proxies (the piping proxy and the gateway) are first warmed at one
  connection for at least ${options.latencyWarmupS} s, and up to 5 s longer while their per-request time still falls by more than
  3 % a second: after the 2-second warm-up this cell used to have, TurboFan was still compiling the one-request-at-a-time
  path (perf: 127 of a request's 774 µs of CPU, 45 of 587 after 15 s). nginx and mitmproxy do not compile as they
  serve and are not warmed again. Then ${options.latencyRounds} rounds of wrk with one connection (one request at a time),
  each one second direct to the upstream then one second on the path; "1 conn p50 ms" is the median of the rounds'
  p50, "added ms" the median of each round's p50 minus direct's in the same round (a busy neighbour moves one run by
  more than the gateway adds, so each figure is paired with the direct run beside it in time).
- nginx (Debian's nginx-light) is the native reference: one worker, \`master_process off\`, as the current user on
  loopback with its own config and temp paths (bench/lib/nginx.mjs), a keep-alive upstream pool (64), verified TLS
  to the upstream for the TLS cells, \`client_body_buffer_size 1m\` so no body spills to disk; no inspection.
- wrk counts the responses carrying the gateway's \`x-privacy-gateway-edits\` header (in every cell, so wrk does the
  same work everywhere): a gateway row where not every response was inspected says so and does not count
  towards a target. The gateway's TLS cells warm up through its plain-HTTP listener: wrk ending a TLS run while
  handshakes are in flight made the gateway mark localhost as pinning and tunnel it uninspected from then on
  (if that still happens, the cell restarts the gateway and measures without warm-up, and says so).
- \`PG_BENCH_PROFILE=1 npm run bench\` runs the gateway cells under \`node --cpu-prof\` and prints their hottest
  functions (bench/profile-top.mjs); a profiled run does not write this file.
- Bodies (bench/lib/payloads.mjs): a camera-style telemetry document (device, coordinates, owner, Wi-Fi scan,
  readings), ${micro ? micro.map((m) => `${m.size} = ${m.bytes} B / ${m.fields} fields`).join(', ') : '1 KB and 10 KB'}.
- Six field rules, the same for both inspecting proxies: redact \`$.owner.email\`, hash \`$.device.serial\` and
  \`$.device.mac\`, drop \`$.coords.latitude\` and \`$.coords.longitude\`, and a category rule, location → redact,
  which the gateway's classifier applies to \`$.coords.accuracy\` (the path rules name the two coordinates; since
  2026-12-07 12Z, before that five path rules and no category rule) (bench/policy.json for the gateway in enforce
  mode, bench/mitm_redact.py for mitmproxy, which names the accuracy's path: json.loads, edit, json.dumps,
  HMAC-SHA256 pseudonyms). Before each cell
  one request is echoed back by the upstream and checked: the rules were applied and the rest is intact.
- Plain HTTP: wrk connects to the forward proxy and sends absolute-form requests (\`POST http://127.0.0.1:UP/ingest\`).
  The piping proxy (bench/pipe-proxy.mjs) pipes req → upstream → res over a keep-alive agent, no inspection.
- TLS-intercepted: wrk speaks TLS (SNI localhost) to the gateway's transparent TLS listener, which mints a leaf
  from its CA, inspects, and forwards over verified TLS (bench CA via --upstream-ca). The gateway runs through
  bench/gateway-process.mjs: the CLI's startConfig + Gateway, plus an upstream mapping (localhost:443 → the local
  HTTPS upstream) that the CLI does not offer. The piping proxy's TLS listener terminates TLS and forwards over a
  verified keep-alive TLS pool; mitmproxy runs in reverse mode to the HTTPS upstream with verification on;
  direct is wrk → the HTTPS upstream.
- mitmproxy ${machine.mitmproxy ?? '(not installed)'} from PyPI in a venv outside the repo (scripts/bench-env.sh), \`mitmdump -q -s bench/mitm_redact.py\`.
- Memory: bench/memory-fixture.mjs writes the policy and fills the ledger through the real \`Ledger\` from dist/,
  every record a real Decision of the 200-device policy; then the gateway starts on that data directory and is loaded.
`;
}

export function renderStdout(results) {
  return [
    'Machine:',
    machineLines(results.machine),
    '',
    loadTable(results.cells),
    '',
    results.micro ? microTable(results.micro) : 'Field-policy micro-benchmark: not measured',
    '',
    memoryTable(results.memory),
    '',
    targetTable(targetRows(results)),
  ].join('\n');
}
