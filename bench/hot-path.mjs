// Hot-path micro-benchmark: the field-policy step as src/proxy/pipeline/inspect.ts runs it per request
// (parsePayload + classifyPayload + evaluate + planEdits + rewritePayload, then the ledger fingerprints),
// evaluate() alone on a wide body under a 31-rule profile, and the ledger's record path, each against a
// bare JSON.stringify(JSON.parse(text)) of the same bytes. Several builds can be compared in ONE run
// (the machine is shared and noisy: only ratios inside one run mean anything); batches of every timed
// function alternate and each figure is the median µs per call.
// Usage: npm run build && node bench/hot-path.mjs
//        HOT_PATH_DISTS=before=/tmp/old-dist,after=dist node bench/hot-path.mjs
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BODY_SIZES, checkRedacted, telemetryBody } from './lib/payloads.mjs';

const REPO = resolve(import.meta.dirname, '..');
const distSpecs = (process.env.HOT_PATH_DISTS ?? 'dist=dist').split(',').map((spec) => {
  const [label, dir] = spec.includes('=') ? spec.split('=') : [spec, spec];
  return { label, dir: resolve(REPO, dir) };
});
const BATCHES = Number(process.env.HOT_PATH_BATCHES ?? 21);

async function loadBuild({ label, dir }) {
  const load = (path) => import(pathToFileURL(`${dir}/${path}`).href);
  const payload = await load('payload/index.js');
  const policy = await load('policy/index.js');
  const { Aggregator } = await load('ledger/aggregate.js');
  return { label, payload, policy, Aggregator };
}
const builds = await Promise.all(distSpecs.map(loadBuild));

const benchPolicy = JSON.parse(readFileSync(resolve(import.meta.dirname, 'policy.json'), 'utf8'));
const key = randomBytes(32);
const target = { clientAddress: '127.0.0.1', scheme: 'http', host: '127.0.0.1', port: 8081 };

/** What inspect.ts does for one parsed JSON body (no query string): the request's whole field-policy work. */
function pipelineStep(b, compiled, pseudonymizer, body, withFingerprints) {
  const parsed = b.payload.parsePayload(body, 'application/json', { maxDepth: 64 });
  const fields = b.policy.classifyPayload(parsed);
  const flow = { target, method: 'POST', path: '/ingest', payload: { format: parsed.format, fields, opaque: undefined } };
  const decision = b.policy.evaluate(flow, compiled);
  let fingerprints = 0;
  if (withFingerprints) {
    const map = new Map();
    for (const { field, categories } of fields) if (categories.length > 0) map.set(field.path, pseudonymizer.fingerprint(field.value));
    fingerprints = map.size;
  }
  const edits = b.policy.planEdits(decision, fields, pseudonymizer);
  const bodyEdits = edits.filter((edit) => edit.field.source === 'body');
  const out = bodyEdits.length === 0 ? body : b.payload.rewritePayload(body, parsed.format, bodyEdits);
  return { parsed, fields, flow, decision, edits, out, fingerprints };
}

function timeBatch(fn, iterations) {
  const start = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) fn();
  return Number(process.hrtime.bigint() - start) / 1000 / iterations;
}
const median = (list) => [...list].sort((a, c) => a - c)[Math.floor(list.length / 2)];
function measure(fns, iterations) {
  const samples = Object.fromEntries(Object.keys(fns).map((name) => [name, []]));
  for (const fn of Object.values(fns)) timeBatch(fn, iterations * 3);
  for (let i = 0; i < BATCHES; i++) for (const [name, fn] of Object.entries(fns)) samples[name].push(timeBatch(fn, iterations));
  return Object.fromEntries(Object.entries(samples).map(([name, list]) => [name, median(list)]));
}

let sink = 0;
const fmt = (us) => us.toFixed(1).padStart(7);

// 1. The whole step at 1 KB and 10 KB.
for (const size of BODY_SIZES) {
  const body = telemetryBody(size.bytes);
  const text = body.toString('utf8');
  const fns = { baseline: () => { sink += JSON.stringify(JSON.parse(text)).length; } };
  const parts = [];
  for (const b of builds) {
    const compiled = b.policy.compilePolicy(b.policy.parsePolicy(benchPolicy));
    const pseudonymizer = new b.policy.Pseudonymizer(key);
    const step = pipelineStep(b, compiled, pseudonymizer, body, true);
    const problems = checkRedacted(body, step.out);
    if (problems.length > 0) throw new Error(`${b.label}: ${problems.join('; ')}`);
    parts.push({ b, fields: step.parsed.fields.length, categorised: step.fingerprints });
    fns[`${b.label}:step`] = () => { sink += pipelineStep(b, compiled, pseudonymizer, body, false).out.length; };
    fns[`${b.label}:step+fp`] = () => { sink += pipelineStep(b, compiled, pseudonymizer, body, true).out.length; };
    fns[`${b.label}:parse`] = () => { sink += b.payload.parsePayload(body, 'application/json').fields.length; };
    fns[`${b.label}:classify`] = () => { sink += b.policy.classifyPayload(step.parsed).length; };
    fns[`${b.label}:evaluate`] = () => { sink += b.policy.evaluate(step.flow, compiled).fields.length; };
    fns[`${b.label}:plan+rewrite`] = () => {
      const edits = b.policy.planEdits(step.decision, step.fields, pseudonymizer);
      sink += b.payload.rewritePayload(body, step.parsed.format, edits).length;
    };
  }
  const t = measure(fns, size.bytes > 4096 ? 40 : 300);
  console.log(`\n${size.label} (${body.length} B): JSON.parse+stringify ${fmt(t.baseline)} µs`);
  for (const { b, fields, categorised } of parts) {
    const r = (name) => `${fmt(t[`${b.label}:${name}`])} µs ${(t[`${b.label}:${name}`] / t.baseline).toFixed(2)}x`;
    console.log(
      `  [${b.label}] ${fields} fields (${categorised} categorised)\n` +
        `    step ${r('step')} | step+fingerprints ${r('step+fp')}\n` +
        `    parse ${r('parse')} | classify ${r('classify')} | evaluate ${r('evaluate')} | plan+rewrite ${r('plan+rewrite')}`,
    );
  }
}

// 2. evaluate() on a 200-field body under a device profile with 26 own + 5 household rules.
function widePolicy() {
  const hosts = ['*.vendor.example'];
  const rules = [];
  const categories = ['location', 'network', 'device', 'personal', 'credentials', 'health', 'media', 'behaviour', 'third_party'];
  categories.forEach((category, i) => rules.push({ id: `cat-${category}`, category, action: i % 2 ? 'redact' : 'hash', destinations: hosts }));
  categories.slice(0, 5).forEach((category) => rules.push({ id: `cat-x-${category}`, category, action: 'drop', except: ['*.other.example'] }));
  ['$..ssid', '$..bssid', '$.ap_list[*].rssi', '$..serial', '$.device.*', '$.readings[*].note', '$..email', '$.owner.name',
    '$query.imei', '$.coords.accuracy', '$..mac', '$.extra[*].v'].forEach((path, i) => rules.push({ id: `path-${i}`, path, action: ['hash', 'redact', 'drop'][i % 3] }));
  return { ...benchPolicy, devices: [{ id: 'cam', name: 'Camera', addresses: ['127.0.0.1'], rules }] };
}
function wideBody(fields) {
  const doc = { device: { id: 'cam-7f3a91', serial: 'SN-4417-2291-08', mac: 'a4:cf:12:9e:77:01' }, ap_list: [], readings: [] };
  for (let i = 0; doc.ap_list.length * 4 + doc.readings.length * 2 + 3 < fields; i++) {
    doc.ap_list.push({ ssid: `net-${i}`, bssid: `00:11:22:33:44:${(i % 256).toString(16).padStart(2, '0')}`, rssi: -40 - (i % 50), secure: i % 2 === 0 });
    doc.readings.push({ t: 1700000000 + i, temp: 21.5 });
  }
  return Buffer.from(JSON.stringify(doc));
}
{
  const body = wideBody(200);
  const text = body.toString('utf8');
  const wideTarget = { clientAddress: '127.0.0.1', scheme: 'https', host: 'api.vendor.example', port: 443 };
  const fns = { baseline: () => { sink += JSON.stringify(JSON.parse(text)).length; } };
  const info = [];
  for (const b of builds) {
    const compiled = b.policy.compilePolicy(b.policy.parsePolicy(widePolicy()));
    const fields = b.policy.classifyPayload(b.payload.parsePayload(body, 'application/json'));
    const flow = { target: wideTarget, method: 'POST', path: '/', payload: { format: 'json', fields, opaque: undefined } };
    info.push({ b, fields: fields.length, rules: compiled.devices.get('cam').rules.length });
    fns[`${b.label}:evaluate`] = () => { sink += b.policy.evaluate(flow, compiled).fields.length; };
  }
  const t = measure(fns, 100);
  console.log(`\nevaluate, wide body (${body.length} B): JSON.parse+stringify ${fmt(t.baseline)} µs`);
  for (const { b, fields, rules } of info) console.log(`  [${b.label}] ${fields} fields, ${rules} rules: evaluate ${fmt(t[`${b.label}:evaluate`])} µs`);
}

// 3. The ledger's record path: Aggregator.add (what Ledger.record does besides timer bookkeeping),
// 20-field requests from 200 devices to 20 hosts each, values changing.
{
  const records = new Map();
  const fns = {};
  for (const b of builds) {
    const compiled = b.policy.compilePolicy(b.policy.parsePolicy(benchPolicy));
    const pseudonymizer = new b.policy.Pseudonymizer(key);
    const list = [];
    for (let d = 0; d < 200; d++) {
      const doc = { device: { serial: `SN-${d}`, mac: 'a4:cf:12:9e:77:01', fw: '1.0' }, coords: { latitude: 52.1, longitude: 4.2 },
        owner: { email: `u${d}@example.org`, name: 'Someone' }, wifi: { ssid: 'home', rssi: -50, ip: '192.168.1.7' },
        m: { temperature: 21, humidity: 40, battery: 80, steps: d, uptime: 100 + d, a: 1, b: 'x', c: true, e: null } };
      const fields = b.policy.classifyPayload(b.payload.parsePayload(Buffer.from(JSON.stringify(doc)), 'application/json'));
      const t = { clientAddress: '127.0.0.1', scheme: 'https', host: `svc${d % 20}.vendor.example`, port: 443 };
      const decision = b.policy.evaluate({ target: t, method: 'POST', path: '/', payload: { format: 'json', fields, opaque: undefined } }, compiled);
      const fingerprints = new Map();
      for (const { field, categories } of fields) if (categories.length > 0) fingerprints.set(field.path, pseudonymizer.fingerprint(field.value));
      list.push({ at: Date.now(), connection: { ...decision.connection, device: { id: `device-${d}`, name: `D${d}`, isDefault: false } },
        decision, inspectable: true, method: 'POST', path: '/v1/events', fingerprints, bytesUp: 900, bytesDown: 30, durationMs: 3, error: undefined });
    }
    records.set(b.label, list[0].decision.fields.length);
    const aggregator = new b.Aggregator({ maxKeys: 50_000 * 25, maxDecisions: 10_000 });
    let i = 0;
    fns[`${b.label}:record`] = () => {
      const record = list[i++ % list.length];
      aggregator.add({ ...record, at: record.at + i });
      if (aggregator.size >= 2000) aggregator.clear(); // what a flush does
    };
  }
  const t = measure(fns, 2000);
  console.log('\nledger record (Aggregator.add; a fresh aggregator at 2000 pending keys, as a flush leaves it), 200 devices x 20 hosts:');
  for (const b of builds) console.log(`  [${b.label}] ${records.get(b.label)}-field request: ${fmt(t[`${b.label}:record`])} µs`);
}
if (sink === 0) console.log('');
