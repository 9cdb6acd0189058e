// The JSON bodies every cell sends: a telemetry document like a camera or a plug posts (device info,
// location, owner, a Wi-Fi scan, readings), grown to just past the target size. The six bench rules
// (bench/policy.json, bench/mitm_redact.py) hit fields that are always present.

/**
 * The fields the six rules touch, with what each rule does: the same list drives every proxy. The gateway
 * reaches the last one through a category rule (location → redact: the classifier reads `coords.accuracy` as
 * location), so the bench measures the category-rule path too; mitmproxy's addon names its path.
 */
export const BENCH_RULES = [
  { path: ['owner', 'email'], action: 'redact' },
  { path: ['device', 'serial'], action: 'hash' },
  { path: ['device', 'mac'], action: 'hash' },
  { path: ['coords', 'latitude'], action: 'drop' },
  { path: ['coords', 'longitude'], action: 'drop' },
  { path: ['coords', 'accuracy'], action: 'redact' },
];

/** A telemetry document of at least `targetBytes` bytes of compact JSON. */
export function telemetryDocument(targetBytes) {
  const doc = {
    device: { id: 'cam-7f3a91', model: 'XJ-200', firmware: '4.2.17', mac: 'a4:cf:12:9e:77:01', serial: 'SN-4417-2291-08' },
    coords: { latitude: 52.370216, longitude: 4.895168, accuracy: 12.5 },
    owner: { email: 'someone@example.org', name: 'Jürgen Example' },
    ap_list: [],
    readings: [],
  };
  let i = 0;
  while (Buffer.byteLength(JSON.stringify(doc)) < targetBytes) {
    const octet = (i % 256).toString(16).padStart(2, '0');
    doc.ap_list.push({ ssid: `net-${i}`, bssid: `00:11:22:33:44:${octet}`, rssi: -40 - (i % 50), secure: i % 3 !== 0 });
    doc.readings.push({ t: 1700000000 + i * 60, temp: 21.5 + (i % 7) / 10, motion: i % 5 === 0, note: i % 4 === 0 ? 'door "front"' : null });
    i++;
  }
  return doc;
}

export function telemetryBody(targetBytes) {
  return Buffer.from(JSON.stringify(telemetryDocument(targetBytes)));
}

export const BODY_SIZES = [
  { label: '1 KB', bytes: 1024 },
  { label: '10 KB', bytes: 10 * 1024 },
];

function valueAt(doc, path) {
  let node = doc;
  for (const key of path) {
    if (node === null || typeof node !== 'object' || !(key in node)) return { present: false, value: undefined };
    node = node[key];
  }
  return { present: true, value: node };
}

/**
 * Checks what the upstream received against the original body: redacted and hashed values changed,
 * dropped members gone, the rest intact. Returns the problems (empty when every rule was applied).
 */
export function checkRedacted(original, received) {
  const problems = [];
  let doc;
  try {
    doc = JSON.parse(received.toString('utf8'));
  } catch {
    return ['the upstream received a body that is not JSON'];
  }
  const before = JSON.parse(original.toString('utf8'));
  for (const rule of BENCH_RULES) {
    const was = valueAt(before, rule.path);
    const now = valueAt(doc, rule.path);
    const name = `$.${rule.path.join('.')}`;
    if (rule.action === 'drop' && now.present) problems.push(`${name} was not dropped`);
    if (rule.action !== 'drop' && (!now.present || now.value === was.value)) problems.push(`${name} was not ${rule.action}ed`);
  }
  if (JSON.stringify(doc.ap_list) !== JSON.stringify(before.ap_list)) problems.push('$.ap_list changed');
  return problems;
}
