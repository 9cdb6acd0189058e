// The classifier alone: CPU µs per classifyPayload call on the 1 KB and 10 KB bench bodies (parsed anew for each call, as
// the gateway classifies each request's fresh parse of a repeating shape; parsing is not timed), on the 10 KB body with
// readings and signal strengths that change per request (same shape, other numbers), and on the whole development +
// shared corpus. CPU time (process.cpuUsage, user + system) per batch, median of the batches, because the
// machine is shared and wall time measures the neighbours.
// Usage: npx tsc -p tsconfig.build.json --outDir /tmp/x && PG_DIST=/tmp/x node bench/classifier-micro.mjs
//        PG_DIST=/tmp/before,/tmp/after compares two builds in one process, their batches interleaved.
//        (node --cpu-prof bench/classifier-micro.mjs for a profile of the classifier alone)
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { telemetryBody, telemetryDocument } from './lib/payloads.mjs';

const dists = (process.env.PG_DIST ?? resolve(import.meta.dirname, '../dist')).split(',').map((d) => resolve(d));
const builds = [];
for (const dist of dists) {
  const { parsePayload, parseQuery } = await import(pathToFileURL(`${dist}/payload/index.js`).href);
  const { classifyPayload } = await import(pathToFileURL(`${dist}/policy/classifier/index.js`).href);
  builds.push({ dist, parsePayload, parseQuery, classifyPayload });
}
const batches = Number(process.env.PG_BATCHES ?? 31);

const fixtures = resolve(import.meta.dirname, '../test/fixtures');
function corpus() {
  const out = [];
  for (const [dir, labels] of [
    [`${fixtures}/corpus/`, `${fixtures}/corpus-labels.json`],
    [`${fixtures}/classifier-corpus/dev/`, `${fixtures}/classifier-corpus/dev/labels.json`],
  ]) {
    for (const [file, { format }] of Object.entries(JSON.parse(readFileSync(labels, 'utf8')).files)) {
      const text = readFileSync(`${dir}${file}`, 'utf8');
      if (format === 'json') out.push(Buffer.from(text));
      else if (format === 'form') out.push({ form: text.trim() });
      else if (format === 'query-dict') out.push({ query: new URLSearchParams(JSON.parse(text)).toString() });
      else out.push({ query: text.trim().slice(text.trim().indexOf('?') + 1) });
    }
  }
  return out;
}

function parse({ parsePayload, parseQuery }, body) {
  if (Buffer.isBuffer(body)) return parsePayload(body, 'application/json');
  if (body.form !== undefined) return parsePayload(Buffer.from(body.form), 'application/x-www-form-urlencoded');
  return { format: 'form', fields: parseQuery(body.query), opaqueReason: undefined };
}

/**
 * The bench body as a device sends it over time: the same ids, names and scan, readings and signal
 * strengths that change from one request to the next (same shape, other numbers).
 */
function changingBodies(bytes, count) {
  const doc = telemetryDocument(bytes);
  return Array.from({ length: count }, (_, n) => {
    const next = structuredClone(doc);
    next.readings.forEach((r, i) => {
      r.t += (n + 1) * 3600;
      r.temp = Math.round((r.temp + ((n + i) % 9) / 10) * 100) / 100;
    });
    next.ap_list.forEach((ap, i) => (ap.rssi = -40 - ((i + n) % 50)));
    return Buffer.from(JSON.stringify(next));
  });
}

const bodies = [
  { name: '1 KB body', bodies: [telemetryBody(1024)], iterations: 300 },
  { name: '10 KB body', bodies: [telemetryBody(10 * 1024)], iterations: 30 },
  { name: '10 KB, readings change', bodies: changingBodies(10 * 1024, 8), iterations: 4 },
  { name: 'corpus (per payload)', bodies: corpus(), iterations: 5 },
];
const cases = builds.flatMap((build) =>
  bodies.map((b) => ({
    name: builds.length === 1 ? b.name : `${b.name} [${build.dist}]`,
    classifyPayload: build.classifyPayload,
    /** A fresh parse per call, as each request has: per-field memos (segments, paths) start empty. */
    parse: () => b.bodies.map((body) => parse(build, body)),
    iterations: b.iterations,
  })),
);

let sink = 0;
function cpuMicros({ classifyPayload, parse, iterations }) {
  const rounds = Array.from({ length: iterations }, parse);
  const start = process.cpuUsage();
  for (const parsed of rounds) for (const p of parsed) sink += classifyPayload(p).length;
  const used = process.cpuUsage(start);
  return (used.user + used.system) / (iterations * (rounds[0]?.length ?? 1));
}

for (const c of cases) cpuMicros(c); // warm-up: caches and JIT
const samples = cases.map(() => []);
for (let b = 0; b < batches; b++) cases.forEach((c, i) => samples[i].push(cpuMicros(c)));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
cases.forEach((c, i) => {
  const parsed = c.parse();
  const fields = parsed.reduce((n, p) => n + p.fields.length, 0) / parsed.length;
  console.log(`${c.name.padEnd(builds.length === 1 ? 22 : 40)} ${median(samples[i]).toFixed(1).padStart(8)} µs CPU (median of ${batches}; min ${Math.min(...samples[i]).toFixed(1)}), ${fields.toFixed(0)} fields`);
});
if (sink < 0) console.log(sink);
