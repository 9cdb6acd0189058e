// An MQTT.js device in the simulated home, run inside the device network namespace:
//   node device-mqtt.mjs URL CA_FILE CLIENT_ID MESSAGES_JSON
// connects to URL (mqtt://name:1883 or mqtts://name:8883; the name resolves through the gateway's DNS, no
// proxy setting), trusting CA_FILE for TLS, and publishes each {topic, file} of MESSAGES_JSON (a corpus
// file's bytes) with MQTT 5 and QoS 1. Prints one JSON line per message: whether the PUBACK accepted it.
import { readFileSync } from 'node:fs';
import mqtt from 'mqtt';

const [url, caFile, clientId, messagesJson] = process.argv.slice(2);
const messages = JSON.parse(messagesJson ?? '[]');

const client = await mqtt.connectAsync(url, {
  clientId,
  protocolVersion: 5,
  reconnectPeriod: 0,
  connectTimeout: 10_000,
  ca: url.startsWith('mqtts:') ? readFileSync(caFile) : undefined,
});
for (const { topic, file } of messages) {
  try {
    const packet = await client.publishAsync(topic, readFileSync(file), { qos: 1 });
    console.log(JSON.stringify({ topic, accepted: true, reasonCode: packet?.reasonCode ?? 0 }));
  } catch (error) {
    // MQTT.js rejects a PUBACK whose reason code is an error (0x80 and up), e.g. 0x87 not authorized.
    console.log(JSON.stringify({ topic, accepted: false, reasonCode: error?.code ?? null, error: String(error?.message ?? error) }));
  }
}
await client.endAsync();
