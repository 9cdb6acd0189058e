// Where a proxied request's time goes inside the gateway, at one connection: preloaded into the gateway
// process (`node --import=bench/lib/request-timeline.mjs bench/gateway-process.mjs …`, as bench/latency-pair.mjs
// does with PG_TIMELINE=1), it marks each request's steps from Node's http diagnostics channels and a few
// listeners, and on SIGTERM writes the median gap between consecutive steps to PG_TIMELINE_FILE (JSON).
// Steps: headers parsed → the body's `end` → the vendor request written (Node 20 publishes the channel from
// `_finish`) → the vendor's answer headers → the answer's body `end` (the gateway holds its last byte) → the held
// byte released (`res.end` reaches Node) → the answer flushed (`finish`). Only requests that went upstream count.
// The gateway records a vendor's answer the moment it is complete, so `released` usually comes before the vendor
// answer's `end` event (a negative gap);
// `upstreamHeaders→released` is the answer's whole time inside the gateway. Two more marks, from an immediate
// queued at the vendor request's write and at the release, say when the loop finished each turn's remaining work
// (`upstreamRequest→writtenTurnEnd`, `released→releasedTurnEnd`), and `released→next headers` how long the next
// request came after the answer. Works on the Node piping proxy too (`--import` it into bench/pipe-proxy.mjs).
// PG_TIMELINE_RAW=1 also writes every kept request's marks (µs of process.hrtime, the clock of a V8 CPU profile's
// timestamps), to sort a `--cpu-prof` profile's samples by step.
import { subscribe } from 'node:diagnostics_channel';
import { writeFileSync } from 'node:fs';

const STEPS = ['headers', 'bodyEnd', 'upstreamRequest', 'upstreamHeaders', 'upstreamEnd', 'released', 'finished'];
const now = () => Number(process.hrtime.bigint()) / 1000;
const done = [];
/**
 * The request being read (one connection: at most one at a time), and its client request upstream. A request's
 * `finish` can come after the next request has started (over TLS the answer's write completes a turn later), so
 * each request's marks are also kept by its own request object.
 */
let current;
const byClientRequest = new WeakMap();
const byServerRequest = new WeakMap();

subscribe('http.server.request.start', ({ request, response }) => {
  const marks = { headers: now() };
  current = marks;
  byServerRequest.set(request, marks);
  request.once('end', () => (marks.bodyEnd ??= now()));
  // Own property before the pipeline's holdLastByte binds `end`: what it calls on release is this.
  const end = response.end;
  response.end = function (...args) {
    if (marks.released === undefined) setImmediate(() => (marks.releasedTurnEnd ??= now()));
    marks.released ??= now();
    return Reflect.apply(end, this, args);
  };
});
subscribe('http.client.request.start', ({ request }) => {
  if (current === undefined) return;
  const marks = current;
  marks.upstreamRequest ??= now();
  byClientRequest.set(request, marks);
  // Node 20 publishes this once the request is written (ClientRequest._finish); the tick also comes after the
  // agent's own (onSocketNT, which writes it) where it is published earlier. The immediate runs once the loop has
  // done the rest of that turn: the work between the vendor's request leaving and the gateway waiting for it.
  process.nextTick(() => setImmediate(() => (marks.writtenTurnEnd ??= now())));
});
subscribe('http.client.response.finish', ({ request, response }) => {
  const marks = byClientRequest.get(request);
  if (marks === undefined) return;
  marks.upstreamHeaders ??= now();
  response.once('end', () => (marks.upstreamEnd ??= now()));
});
subscribe('http.server.response.finish', ({ request }) => {
  const marks = request === undefined ? undefined : byServerRequest.get(request);
  if (marks === undefined) return;
  marks.finished ??= now();
  if (STEPS.every((step) => marks[step] !== undefined)) done.push(marks);
  if (current === marks) current = undefined;
});

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
process.prependListener('SIGTERM', () => {
  const file = process.env.PG_TIMELINE_FILE;
  if (file === undefined) return;
  // The first second's requests are warm-up (JIT, first ledger rows): kept out.
  const kept = done.slice(Math.min(done.length - 1, Math.floor(done.length / 10)));
  const gaps = {};
  for (let i = 1; i < STEPS.length; i++) gaps[`${STEPS[i - 1]}→${STEPS[i]}`] = median(kept.map((m) => m[STEPS[i]] - m[STEPS[i - 1]]));
  gaps.total = median(kept.map((m) => m.finished - m.headers));
  // The answer's time inside the gateway: from the vendor's answer to its bytes handed to the client's socket.
  gaps['upstreamHeaders→released'] = median(kept.map((m) => m.released - m.upstreamHeaders));
  // The turns' ends: what the gateway still does after the vendor's request left (while the vendor works on it)
  // and after the answer left (at one connection the next request waits behind it).
  for (const [from, to] of [['upstreamRequest', 'writtenTurnEnd'], ['released', 'releasedTurnEnd']]) {
    gaps[`${from}→${to}`] = median(kept.filter((m) => m[to] !== undefined).map((m) => m[to] - m[from]));
  }
  // From the answer's release to the next request's headers: wrk's turn, or the gateway's work after release.
  gaps['released→next headers'] = median(kept.slice(1).map((m, i) => m.headers - kept[i].released));
  const raw = process.env.PG_TIMELINE_RAW === '1' ? { marks: kept } : {};
  writeFileSync(file, JSON.stringify({ requests: kept.length, gaps, ...raw }));
});
