// Micro-benchmark of the payload step: scan + rewrite of a 1 KB and a 10 KB JSON body with ~5 edits,
// against a bare JSON.stringify(JSON.parse(text)) of the same body. Median of interleaved timed batches.
// bench/micro.mjs times the whole field-policy step (payload + policy); this one isolates payload.
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

/**
 * Runs the candidates in interleaved batches (the machine is shared, so load shifts during a run) and
 * returns each one's median microseconds per call.
 */
function medianMicros(candidates, iterations, batches = 41) {
  for (const fn of Object.values(candidates)) for (let i = 0; i < iterations; i++) fn(); // warm-up
  const samples = Object.fromEntries(Object.keys(candidates).map((name) => [name, []]));
  for (let b = 0; b < batches; b++) {
    for (const [name, fn] of Object.entries(candidates)) {
      const start = process.hrtime.bigint();
      for (let i = 0; i < iterations; i++) fn();
      samples[name].push(Number(process.hrtime.bigint() - start) / 1000 / iterations);
    }
  }
  const median = (values) => values.sort((a, c) => a - c)[Math.floor(values.length / 2)];
  return Object.fromEntries(Object.entries(samples).map(([name, values]) => [name, median(values)]));
}

let sink = 0;
for (const size of [1024, 10 * 1024]) {
  const body = telemetry(size);
  const text = body.toString('utf8');
  JSON.parse(fieldStep(body).toString()); // the result must stay valid JSON
  const fields = parsePayload(body, 'application/json').fields.length;
  const m = medianMicros(
    {
      baseline: () => { sink += JSON.stringify(JSON.parse(text)).length; },
      scan: () => { sink += parsePayload(body, 'application/json').fields.length; },
      step: () => { sink += fieldStep(body).length; },
      allPaths: () => { for (const field of parsePayload(body, 'application/json').fields) sink += field.path.length; },
    },
    size > 2048 ? 200 : 2_000,
  );
  console.log(
    `${(body.length / 1024).toFixed(1)} KB, ${fields} fields: JSON.parse+stringify ${m.baseline.toFixed(1)} µs | ` +
      `scan ${m.scan.toFixed(1)} µs (${(m.scan / m.baseline).toFixed(2)}x) | ` +
      `scan+5 edits+rewrite ${m.step.toFixed(1)} µs (${(m.step / m.baseline).toFixed(2)}x) | ` +
      `scan+every path ${m.allPaths.toFixed(1)} µs (${(m.allPaths / m.baseline).toFixed(2)}x)`,
  );
}
if (sink === 0) console.log('');
