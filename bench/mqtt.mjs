// MQTT messages/s through the gateway against mosquitto direct (issue 9). One run, on this machine:
// a real mosquitto on loopback, the gateway started with the CLI (`dist/cli.js start --mqtt-port …
// --mqtt-upstream …`, enforce mode, three field rules), an MQTT.js publisher sending N Tasmota STATE
// messages (test/fixtures/corpus/tasmota-tele-state.json, 330 B) at QoS 0 and QoS 1, and an MQTT.js
// subscriber on the broker counting arrivals. Rate = N / (first publish → last arrival). The gateway's CPU
// time per message comes from /proc. Prints a Markdown section and, unless PG_BENCH_OUT=none, puts it into
// BENCHMARKS.md between the mqtt-bench markers (bench/run.mjs keeps that section when it rewrites the file).
// Usage: npx tsc -p tsconfig.build.json && node bench/mqtt.mjs [N]   (needs mosquitto: apt-get install mosquitto)
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { loadavg, tmpdir, userInfo } from 'node:os';
import { join, resolve } from 'node:path';
import mqtt from 'mqtt';
import { cpuTimeMs, freePort, startServer, stopAll } from './lib/procs.mjs';
import { MQTT_SECTION_START, MQTT_SECTION_END, replaceMqttSection } from './lib/mqtt-section.mjs';

const REPO = resolve(import.meta.dirname, '..');
const COUNT = Number(process.argv[2] ?? 10_000);
const PAYLOAD = readFileSync(join(REPO, 'test/fixtures/corpus/tasmota-tele-state.json'));
const log = (message) => process.stderr.write(`[bench:mqtt] ${message}\n`);

const POLICY = {
  version: 1,
  mode: 'enforce',
  destinations: [{ vendor: 'Local mosquitto', hosts: ['127.0.0.1'] }],
  rules: [
    { id: 'redact-ssid', path: '$.Wifi.SSId', action: 'redact' },
    { id: 'drop-bssid', path: '$.Wifi.BSSId', action: 'drop' },
    { id: 'hash-username', path: '$.mqtt.username', action: 'hash' },
  ],
};

async function startBroker(dir) {
  const port = await freePort();
  const config = join(dir, 'mosquitto.conf');
  // Unlimited queues: the default 1000 queued messages per subscriber would drop part of a burst.
  const lines = [`user ${userInfo().username}`, 'allow_anonymous true', 'persistence false', 'max_queued_messages 0', 'max_inflight_messages 0', `listener ${port} 127.0.0.1`];
  writeFileSync(config, `${lines.join('\n')}\n`);
  await startServer('mosquitto', 'mosquitto', ['-c', config], { logDir: dir, readyPort: port });
  return port;
}

async function startGateway(dir, brokerPort) {
  const data = join(dir, 'gateway');
  const port = await freePort();
  await import('node:fs').then((fs) => fs.mkdirSync(data, { recursive: true }));
  writeFileSync(join(data, 'policy.json'), JSON.stringify(POLICY), { mode: 0o600 });
  const args = [join(REPO, 'dist/cli.js'), 'start', '--data', data, '--port', '0', '--page-port', '0', '--mqtt-port', String(port), '--mqtt-upstream', `127.0.0.1:${brokerPort}`];
  const proc = await startServer('gateway', process.execPath, args, { logDir: dir, readyPort: port });
  return { port, pid: proc.pid };
}

/** Publishes COUNT messages through `port` and waits until the broker's subscriber has them all. */
async function measure(brokerPort, port, qos, pid) {
  const topic = `bench/tasmota_${qos}${port}/STATE`;
  const subscriber = await mqtt.connectAsync({ host: '127.0.0.1', port: brokerPort, reconnectPeriod: 0 });
  await subscriber.subscribeAsync(topic, { qos });
  let received = 0;
  let sample;
  const all = new Promise((done) => {
    subscriber.on('message', (_topic, payload) => {
      sample ??= payload.toString();
      received += 1;
      if (received === COUNT) done();
    });
  });
  const publisher = await mqtt.connectAsync({ host: '127.0.0.1', port, reconnectPeriod: 0, username: 'DVES_USER', protocolVersion: 4 });
  const cpuBefore = pid === undefined ? undefined : cpuTimeMs(pid);
  const started = process.hrtime.bigint();
  const acks = [];
  for (let i = 0; i < COUNT; i += 1) acks.push(publisher.publishAsync(topic, PAYLOAD, { qos }));
  const timeout = new Promise((done) => setTimeout(() => done('timeout'), 180_000));
  const outcome = await Promise.race([Promise.all([all, ...acks]), timeout]);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const cpuAfter = pid === undefined ? undefined : cpuTimeMs(pid);
  await publisher.endAsync();
  await subscriber.endAsync();
  const cpuPerMessage = cpuBefore === undefined || cpuAfter === undefined ? undefined : (cpuAfter - cpuBefore) / COUNT;
  return { qos, received, seconds, rate: received / seconds, complete: outcome !== 'timeout', cpuPerMessage, sample };
}

function render(rows, startedAt, loads) {
  const fmt = (value) => Math.round(value).toLocaleString('en-US');
  const lines = [
    MQTT_SECTION_START,
    '## MQTT: messages/s through the gateway against mosquitto direct',
    '',
    `Written by \`node bench/mqtt.mjs ${COUNT}\` on ${startedAt}; one run, ${COUNT.toLocaleString('en-US')} messages per cell, load average ${loads[0]} at start, ${loads[1]} at end.`,
    '',
    '| Path | QoS | messages/s | received | gateway CPU ms/msg | vs direct |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const qos of [0, 1]) {
    const direct = rows.find((row) => row.path === 'direct' && row.qos === qos);
    const gateway = rows.find((row) => row.path === 'gateway' && row.qos === qos);
    for (const row of [direct, gateway]) {
      if (row === undefined) continue;
      const label = row.path === 'direct' ? 'MQTT.js → mosquitto' : 'MQTT.js → gateway (enforce, 3 rules) → mosquitto';
      const cpu = row.cpuPerMessage === undefined ? '—' : row.cpuPerMessage.toFixed(3);
      const ratio = row.path === 'gateway' && direct ? `${Math.round((100 * row.rate) / direct.rate)}%` : '';
      lines.push(`| ${label} | ${qos} | ${fmt(row.rate)} | ${row.received}${row.complete ? '' : ' (timed out)'} | ${cpu} | ${ratio} |`);
    }
  }
  lines.push(
    '',
    '- Each message is the corpus\'s Tasmota STATE (330 B JSON); through the gateway every one is parsed, classified,',
    '  evaluated, re-encoded with its SSID redacted and BSSID dropped, and recorded in the ledger (one FlowRecord per',
    '  message). The subscriber connects to mosquitto directly and checks the redaction arrived.',
    '- The publisher, subscriber, broker and gateway share the same 2 cores, so the direct rate is bounded by',
    '  MQTT.js and mosquitto, and the gateway rate by its per-message inspection. A load average above 2 means',
    '  other work competed for those cores during the run: compare rows of the same run, and prefer CPU ms/msg.',
    MQTT_SECTION_END,
  );
  return lines.join('\n');
}

async function main() {
  const startedAt = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  const loadStart = loadavg()[0].toFixed(2);
  if (!existsSync(join(REPO, 'dist/cli.js'))) throw new Error('build first: npx tsc -p tsconfig.build.json');
  const dir = mkdtempSync(join(tmpdir(), 'pg-bench-mqtt-'));
  try {
    const brokerPort = await startBroker(dir);
    const gateway = await startGateway(dir, brokerPort);
    const rows = [];
    for (const qos of [0, 1]) {
      rows.push({ path: 'direct', ...(await measure(brokerPort, brokerPort, qos, undefined)) });
      log(`direct QoS ${qos}: ${Math.round(rows.at(-1).rate)} msg/s`);
      const through = { path: 'gateway', ...(await measure(brokerPort, gateway.port, qos, gateway.pid)) };
      if (!through.sample?.includes('[redacted')) throw new Error('the gateway did not redact the SSID: the policy was not applied');
      rows.push(through);
      log(`gateway QoS ${qos}: ${Math.round(through.rate)} msg/s`);
    }
    const section = render(rows, startedAt, [loadStart, loadavg()[0].toFixed(2)]);
    process.stdout.write(`${section}\n`);
    const out = process.env.PG_BENCH_OUT ?? join(REPO, 'BENCHMARKS.md');
    if (out !== 'none') {
      writeFileSync(out, replaceMqttSection(existsSync(out) ? readFileSync(out, 'utf8') : '', section));
      log(`wrote ${out}`);
    }
  } finally {
    await stopAll();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch(async (error) => {
  log(`failed: ${error instanceof Error ? error.stack : String(error)}`);
  await stopAll();
  process.exit(1);
});
