// Micro-benchmark of the field-policy step, from dist/: parsePayload + classifyPayload + evaluate +
// planEdits + rewritePayload on the bench bodies under the bench policy (six rules), against a bare
// JSON.stringify(JSON.parse(text)) of the same body, and each step alone. The batches of all timed functions
// alternate so drift (other work on the 2 cores) hits them alike; each figure is the median time per call.
// Prints one line `MICRO_RESULT {json}` for bench/run.mjs; readable lines go to stderr.
// Usage: node bench/micro.mjs   (after npm run build); PG_DIST=/tmp/pg-before/dist node bench/micro.mjs for another build
import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BODY_SIZES, checkRedacted, telemetryBody } from './lib/payloads.mjs';

const dist = resolve(process.env.PG_DIST ?? resolve(import.meta.dirname, '../dist'));
const load = (path) => import(pathToFileURL(`${dist}/${path}`).href);
const payload = await load('payload/index.js');
const policy = await load('policy/index.js');
// classifyPayload is part of the policy's public surface; older builds only had it under classifier/.
const classifyPayload = policy.classifyPayload ?? (await load('policy/classifier/index.js')).classifyPayload;

const compiled = policy.compilePolicy(policy.parsePolicy(JSON.parse(readFileSync(resolve(import.meta.dirname, 'policy.json'), 'utf8'))));
const pseudonymizer = new policy.Pseudonymizer(randomBytes(32));
const target = { clientAddress: '127.0.0.1', scheme: 'http', host: '127.0.0.1', port: 8081 };

/** The steps the gateway's pipeline runs for one inspected JSON body, each result kept for timing the next alone. */
function fieldPolicySteps(body) {
  const parsed = payload.parsePayload(body, 'application/json');
  const fields = classifyPayload(parsed);
  const flow = { target, method: 'POST', path: '/ingest', payload: { format: parsed.format, fields, opaque: undefined } };
  const decision = policy.evaluate(flow, compiled);
  const edits = policy.planEdits(decision, fields, pseudonymizer);
  return { parsed, fields, flow, decision, edits, out: payload.rewritePayload(body, parsed.format, edits) };
}

const fieldPolicy = (body) => fieldPolicySteps(body).out;

function timeBatch(fn, iterations) {
  const start = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) fn();
  return Number(process.hrtime.bigint() - start) / 1000 / iterations;
}

const median = (samples) => {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};

/** Median µs per call of each named function, batches interleaved. */
function measure(fns, iterations, batches) {
  const samples = Object.fromEntries(Object.keys(fns).map((name) => [name, []]));
  for (const fn of Object.values(fns)) timeBatch(fn, iterations * 3); // warm-up: let the JIT settle
  for (let b = 0; b < batches; b++) {
    for (const [name, fn] of Object.entries(fns)) samples[name].push(timeBatch(fn, iterations));
  }
  return Object.fromEntries(Object.entries(samples).map(([name, list]) => [name, median(list)]));
}

let sink = 0;
const results = [];
for (const size of BODY_SIZES) {
  const body = telemetryBody(size.bytes);
  const text = body.toString('utf8');
  const out = fieldPolicy(body);
  const problems = checkRedacted(body, out);
  if (problems.length > 0) throw new Error(`the field policy did not apply the bench rules: ${problems.join('; ')}`);
  const iterations = size.bytes > 4096 ? 60 : 500;
  // Each step is also timed alone on the previous step's (precomputed) output, so the parts add up to the whole.
  const step = fieldPolicySteps(body);
  const times = measure(
    {
      baseline: () => { sink += JSON.stringify(JSON.parse(text)).length; },
      full: () => { sink += fieldPolicy(body).length; },
      parsePayload: () => { sink += payload.parsePayload(body, 'application/json').fields.length; },
      classifyPayload: () => { sink += classifyPayload(step.parsed).length; },
      evaluate: () => { sink += policy.evaluate(step.flow, compiled).fields.length; },
      planEdits: () => { sink += policy.planEdits(step.decision, step.fields, pseudonymizer).length; },
      rewritePayload: () => { sink += payload.rewritePayload(body, step.parsed.format, step.edits).length; },
    },
    iterations,
    21,
  );
  const fields = step.parsed.fields.length;
  const result = {
    size: size.label,
    bytes: body.length,
    fields,
    baselineUs: times.baseline,
    policyUs: times.full,
    ratio: times.full / times.baseline,
    stepsUs: {
      parsePayload: times.parsePayload,
      classifyPayload: times.classifyPayload,
      evaluate: times.evaluate,
      planEdits: times.planEdits,
      rewritePayload: times.rewritePayload,
    },
  };
  results.push(result);
  const steps = Object.entries(result.stepsUs).map(([name, us]) => `${name} ${us.toFixed(1)}`).join(', ');
  console.error(
    `${size.label} (${body.length} B, ${fields} fields): JSON.parse+stringify ${times.baseline.toFixed(1)} µs, ` +
      `field policy ${times.full.toFixed(1)} µs = ${result.ratio.toFixed(2)}x  [${steps} µs]`,
  );
}
if (sink === 0) console.error('');
process.stdout.write(`MICRO_RESULT ${JSON.stringify(results)}\n`);
