// Micro-benchmark of the payload step: scan + rewrite of a 1 KB and a 10 KB JSON body with ~5 edits,
// against a bare JSON.stringify(JSON.parse(text)) of the same body. Median of many timed batches.
// Usage: npm run build && node bench/payload-micro.mjs   (PAYLOAD_MODULE=path/to/payload/index.js to override)
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';

const modulePath = process.env.PAYLOAD_MODULE ?? resolve(import.meta.dirname, '../dist/payload/index.js');
const { parsePayload, rewritePayload } = await import(pathToFileURL(modulePath).href);

/** A telemetry document like a camera or plug sends: device info, location, Wi-Fi scan, readings. */
function telemetry(targetBytes) {
  const doc = {
    device: { id: 'cam-7f3a91', model: 'XJ-200', firmware: '4.2.17', mac: 'a4:cf:12:9e:77:01', serial: '1234567890123' },
    coords: { latitude: 52.370216, longitude: 4.895168, accuracy: 12.5 },
    owner: { email: 'someone@example.org', name: 'Jürgen Example' },
    ap_list: [],
    readings: [],
  };
  let i = 0;
  while (JSON.stringify(doc).length < targetBytes) {
    doc.ap_list.push({ ssid: `net-${i}`, bssid: `00:11:22:33:44:${(i % 256).toString(16).padStart(2, '0')}`, rssi: -40 - (i % 50), secure: i % 3 !== 0 });
    doc.readings.push({ t: 1700000000 + i * 60, temp: 21.5 + (i % 7) / 10, motion: i % 5 === 0, note: i % 4 === 0 ? 'door \"front\"' : null });
    i++;
  }
  return Buffer.from(JSON.stringify(doc));
}

const EDITED = new Map([
  ['$.device.mac', 'hash'],
  ['$.device.serial', 'hash'],
  ['$.coords.latitude', 'drop'],
  ['$.coords.longitude', 'drop'],
  ['$.owner.email', 'redact'],
]);

function fieldStep(body) {
  const parsed = parsePayload(body, 'application/json');
  const edits = [];
  for (const field of parsed.fields) {
    // What a policy does per field: look at key, segments and value; paths only for the edited few.
    if (field.key === 'latitude' || field.key === 'longitude' || field.key === 'mac' || field.key === 'serial' || field.key === 'email') {
      const action = EDITED.get(field.path);
      if (action !== undefined) edits.push({ field, action, replacement: action === 'drop' ? undefined : 'h:0000' });
    }
  }
  return rewritePayload(body, parsed.format, edits);
}

function medianMicros(fn, iterations, batches = 31) {
  for (let i = 0; i < iterations; i++) fn(); // warm-up
  const samples = [];
  for (let b = 0; b < batches; b++) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < iterations; i++) fn();
    samples.push(Number(process.hrtime.bigint() - start) / 1000 / iterations);
  }
  samples.sort((a, c) => a - c);
  return samples[Math.floor(samples.length / 2)];
}

let sink = 0;
for (const size of [1024, 10 * 1024]) {
  const body = telemetry(size);
  const text = body.toString('utf8');
  const out = fieldStep(body);
  JSON.parse(out.toString()); // the result must stay valid JSON
  const fields = parsePayload(body, 'application/json').fields.length;
  const iterations = size > 2048 ? 2_000 : 10_000;
  const baseline = medianMicros(() => { sink += JSON.stringify(JSON.parse(text)).length; }, iterations);
  const scan = medianMicros(() => { sink += parsePayload(body, 'application/json').fields.length; }, iterations);
  const step = medianMicros(() => { sink += fieldStep(body).length; }, iterations);
  const allPaths = medianMicros(() => {
    for (const field of parsePayload(body, 'application/json').fields) sink += field.path.length;
  }, iterations);
  console.log(
    `${(body.length / 1024).toFixed(1)} KB, ${fields} fields: JSON.parse+stringify ${baseline.toFixed(1)} µs | ` +
      `scan ${scan.toFixed(1)} µs | scan+5 edits+rewrite ${step.toFixed(1)} µs (${(step / baseline).toFixed(2)}x) | ` +
      `scan+every path ${allPaths.toFixed(1)} µs`,
  );
}
if (sink === 0) console.log('');
