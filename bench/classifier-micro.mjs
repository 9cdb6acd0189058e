// The classifier alone: CPU µs per classifyPayload call on the 1 KB and 10 KB bench bodies (parsed once, as
// the gateway classifies each request's fresh parse of a repeating shape) and on the whole development +
// shared corpus. CPU time (process.cpuUsage, user + system) per batch, median of the batches, because the
// machine is shared and wall time measures the neighbours.
// Usage: npx tsc -p tsconfig.build.json --outDir /tmp/x && PG_DIST=/tmp/x node bench/classifier-micro.mjs
//        (node --cpu-prof bench/classifier-micro.mjs for a profile of the classifier alone)
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { telemetryBody } from './lib/payloads.mjs';

const dist = resolve(process.env.PG_DIST ?? resolve(import.meta.dirname, '../dist'));
const { parsePayload, parseQuery } = await import(pathToFileURL(`${dist}/payload/index.js`).href);
const { classifyPayload } = await import(pathToFileURL(`${dist}/policy/classifier/index.js`).href);
const batches = Number(process.env.PG_BATCHES ?? 15);

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

function parse(body) {
  if (Buffer.isBuffer(body)) return parsePayload(body, 'application/json');
  if (body.form !== undefined) return parsePayload(Buffer.from(body.form), 'application/x-www-form-urlencoded');
  return { format: 'form', fields: parseQuery(body.query), opaqueReason: undefined };
}

const cases = [
  { name: '1 KB body', parsed: [parse(telemetryBody(1024))], iterations: 2000 },
  { name: '10 KB body', parsed: [parse(telemetryBody(10 * 1024))], iterations: 200 },
  { name: 'corpus (per payload)', parsed: corpus().map(parse), iterations: 5 },
];

let sink = 0;
function cpuMicros(parsed, iterations) {
  const start = process.cpuUsage();
  for (let i = 0; i < iterations; i++) for (const p of parsed) sink += classifyPayload(p).length;
  const used = process.cpuUsage(start);
  return (used.user + used.system) / (iterations * parsed.length);
}

for (const c of cases) cpuMicros(c.parsed, c.iterations); // warm-up: caches and JIT
const samples = cases.map(() => []);
for (let b = 0; b < batches; b++) cases.forEach((c, i) => samples[i].push(cpuMicros(c.parsed, c.iterations)));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
cases.forEach((c, i) => {
  const fields = c.parsed.reduce((n, p) => n + p.fields.length, 0) / c.parsed.length;
  console.log(`${c.name.padEnd(22)} ${median(samples[i]).toFixed(1).padStart(8)} µs CPU (median of ${batches}; min ${Math.min(...samples[i]).toFixed(1)}), ${fields.toFixed(0)} fields`);
});
if (sink < 0) console.log(sink);
