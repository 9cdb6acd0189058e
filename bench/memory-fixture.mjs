// Prepares the gateway data directory of the memory scenario: a policy with 200 device profiles and a day
// of ledger rows written through the real Ledger API from dist/ (200 devices × 20 destinations × 30 fields,
// each (device, destination) seen 3 times that day with changing values). Every record is a real Decision:
// the body is parsed, classified and evaluated against the same 200-device policy.
// device-000 is 127.0.0.1, so the load that follows is judged under a real device profile (household
// rules = the six bench rules; its own rules are scoped to its vendors and do not touch the bench body).
// Prints `FIXTURE_RESULT {json}` on stdout.
// Usage: node bench/memory-fixture.mjs DATA_DIR
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

export const DEVICES = 200;
export const DESTINATIONS_PER_DEVICE = 20;
export const FIELDS_PER_BODY = 30;
const SIGHTINGS_PER_DAY = 3;

const dataDir = process.argv[2];
if (!dataDir) {
  console.error('usage: node bench/memory-fixture.mjs DATA_DIR');
  process.exit(2);
}
const dist = resolve(import.meta.dirname, '../dist');
const load = (path) => import(pathToFileURL(`${dist}/${path}`).href);
const { Ledger } = await load('ledger/index.js');
const policyApi = await load('policy/index.js');
const { parsePayload } = await load('payload/index.js');
const { dataDirLayout, loadOrCreateHashKey, prepareDataDir } = await load('data-dir.js');
const classifyPayload = policyApi.classifyPayload ?? (await load('policy/classifier/index.js')).classifyPayload;

const pad = (n) => String(n).padStart(3, '0');
const deviceAddress = (i) => (i === 0 ? '127.0.0.1' : `10.20.${Math.floor(i / 250)}.${(i % 250) + 1}`);
const vendorOf = (device) => `vendor${device % 50}`;
const hostOf = (device, k) => `svc${k}.${vendorOf(device)}.example`;

function memoryPolicy() {
  const bench = JSON.parse(readFileSync(resolve(import.meta.dirname, 'policy.json'), 'utf8'));
  const devices = [];
  for (let i = 0; i < DEVICES; i++) {
    const vendorHosts = [`*.${vendorOf(i)}.example`];
    devices.push({
      id: `device-${pad(i)}`,
      name: `Device ${i}`,
      addresses: [deviceAddress(i)],
      macs: [`02:00:00:00:${pad(Math.floor(i / 100)).slice(1)}:${String(i % 100).padStart(2, '0')}`],
      destinations: [
        { id: 'cloud', vendor: `Vendor ${i % 50}`, hosts: vendorHosts },
        { id: 'ads', vendor: 'Ad network', hosts: ['*.ads.example'], access: 'block' },
      ],
      rules: [
        { id: 'location', category: 'location', action: 'redact', destinations: vendorHosts },
        { id: 'serials', path: '$..serial', action: 'hash', destinations: vendorHosts },
        { id: 'wifi', path: '$..ssid', action: 'drop', destinations: vendorHosts },
      ],
    });
  }
  return { ...bench, devices };
}

const KEYS = [
  ['device', 'serial'], ['device', 'mac'], ['device', 'firmware'], ['device', 'model'], ['device', 'uptime'],
  ['location', 'lat'], ['location', 'lon'], ['location', 'accuracy'], ['location', 'postal_code'],
  ['wifi', 'ssid'], ['wifi', 'bssid'], ['wifi', 'rssi'], ['wifi', 'ip'], ['user', 'email'], ['user', 'account_id'],
  ['user', 'name'], ['user', 'phone'], ['metrics', 'temperature'], ['metrics', 'humidity'], ['metrics', 'battery'],
  ['metrics', 'heart_rate'], ['metrics', 'weight'], ['metrics', 'steps'], ['events', 'motion'], ['events', 'door'],
  ['events', 'viewing'], ['events', 'presence'], ['session', 'token'], ['session', 'locale'], ['session', 'app_version'],
  ['nearby', 'bt_devices'], ['config', 'volume'], ['config', 'brightness'], ['config', 'schedule'], ['config', 'timezone'],
];

function valueFor(key, seed) {
  switch (key) {
    case 'serial': return `SN-${1000 + seed}-${seed % 97}`;
    case 'mac': case 'bssid': return `a4:cf:12:${(seed % 256).toString(16).padStart(2, '0')}:77:01`;
    case 'lat': return 52.37 + (seed % 100) / 1e4;
    case 'lon': return 4.89 + (seed % 100) / 1e4;
    case 'email': return `user${seed}@example.org`;
    case 'ssid': return `home-net-${seed % 13}`;
    case 'ip': return `192.168.1.${seed % 250}`;
    case 'token': return `tok-${seed}-abc`;
    case 'motion': case 'door': case 'presence': return seed % 2 === 0;
    default: return typeof seed === 'number' && key.length % 2 === 0 ? seed % 1000 : `${key}-${seed % 50}`;
  }
}

/** A 30-field body; which 30 of the keys depends on the destination, so paths differ per destination. */
function bodyFor(destination, seed) {
  const doc = {};
  for (let f = 0; f < FIELDS_PER_BODY; f++) {
    const [group, key] = KEYS[(destination + f) % KEYS.length];
    doc[group] ??= {};
    doc[group][key] = valueFor(key, seed + f);
  }
  return Buffer.from(JSON.stringify(doc));
}

const started = Date.now();
const layout = dataDirLayout(dataDir);
await prepareDataDir(dataDir);
const hashKey = await loadOrCreateHashKey(layout.hashKeyFile);
const policyInput = memoryPolicy();
writeFileSync(layout.policyFile, `${JSON.stringify(policyInput, null, 2)}\n`, { mode: 0o600 });
const compiled = policyApi.compilePolicy(policyApi.parsePolicy(policyInput));
const pseudonymizer = new policyApi.Pseudonymizer(hashKey);

const ledger = new Ledger({ file: layout.ledgerFile, retentionDays: 30, log: (level, message) => level !== 'debug' && console.error(message) });
ledger.start();
const now = Date.now();
const dayStart = new Date(now).setHours(0, 0, 0, 0);
let records = 0;
for (let d = 0; d < DEVICES; d++) {
  for (let k = 0; k < DESTINATIONS_PER_DEVICE; k++) {
    for (let s = 0; s < SIGHTINGS_PER_DAY; s++) {
      const at = dayStart + Math.floor(((now - dayStart) * (s + 1)) / (SIGHTINGS_PER_DAY + 1));
      const body = bodyFor(k, d * 31 + s);
      const parsed = parsePayload(body, 'application/json');
      const fields = classifyPayload(parsed);
      const target = { clientAddress: deviceAddress(d), scheme: 'https', host: hostOf(d, k), port: 443 };
      const flow = { target, method: 'POST', path: '/v1/events', payload: { format: parsed.format, fields, opaque: undefined } };
      const decision = policyApi.evaluate(flow, compiled);
      const fingerprints = new Map();
      for (const { field, categories } of fields) if (categories.length > 0) fingerprints.set(field.path, pseudonymizer.fingerprint(field.value));
      ledger.record({
        at, connection: decision.connection, decision, inspectable: true, method: 'POST', path: '/v1/events',
        fingerprints, bytesUp: body.length, bytesDown: 32, durationMs: 40 + (s * 7) % 30, clientAddress: deviceAddress(d), error: undefined,
      });
      records++;
    }
  }
  ledger.flush(); // one transaction per device, as the gateway's timer would do over the day
}
ledger.stop();
const result = {
  devices: DEVICES,
  destinationsPerDevice: DESTINATIONS_PER_DEVICE,
  fieldsPerBody: FIELDS_PER_BODY,
  records,
  ledgerBytes: statSync(layout.ledgerFile).size + (statSync(`${layout.ledgerFile}-wal`, { throwIfNoEntry: false })?.size ?? 0),
  ms: Date.now() - started,
  rows: undefined,
};
try {
  const { default: Database } = await import(pathToFileURL(resolve(import.meta.dirname, '../node_modules/better-sqlite3/lib/index.js')).href);
  const db = new Database(layout.ledgerFile, { readonly: true });
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all().map((row) => row.name);
  result.rows = Object.fromEntries(tables.map((name) => [name, db.prepare(`SELECT count(*) AS n FROM "${name}"`).get().n]));
  db.close();
} catch (error) {
  result.rows = `could not count rows: ${error.message}`;
}
process.stdout.write(`FIXTURE_RESULT ${JSON.stringify(result)}\n`);
