// The vendor's side of the simulated home, run inside the vendor network namespace:
//   node vendor-host.mjs CERT_FILE KEY_FILE ZONE_JSON
// serves HTTPS on :443 under the vendor's names and, standing in for the ISP's resolver, DNS on :53
// (UDP and TCP) answering A records from ZONE_JSON ({"name": "10.x.y.z"}), NXDOMAIN otherwise.
// Every HTTPS request is printed on stdout as one JSON line, so the test sees what the vendor received.
import dgram from 'node:dgram';
import { readFileSync } from 'node:fs';
import https from 'node:https';
import net from 'node:net';
import * as packet from 'dns-packet';

const [certFile, keyFile, zoneJson] = process.argv.slice(2);
const zone = JSON.parse(zoneJson ?? '{}');

const server = https.createServer({ cert: readFileSync(certFile), key: readFileSync(keyFile) }, (req, res) => {
  const chunks = [];
  req.on('data', (chunk) => chunks.push(chunk));
  req.on('end', () => {
    const body = Buffer.concat(chunks).toString('utf8');
    console.log(JSON.stringify({ event: 'request', host: req.headers.host, method: req.method, path: req.url, body }));
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ ok: true, served: req.headers.host }));
  });
});

function answer(message) {
  const query = packet.decode(message);
  const question = query.questions?.[0];
  const name = (question?.name ?? '').toLowerCase();
  const address = zone[name];
  const answers = address && question?.type === 'A' ? [{ type: 'A', name: question.name, ttl: 300, class: 'IN', data: address }] : [];
  const rcode = address ? 0 : 3;
  return packet.encode({ type: 'response', id: query.id, flags: packet.RECURSION_AVAILABLE | rcode, questions: query.questions, answers });
}

const udp = dgram.createSocket('udp4');
udp.on('message', (message, remote) => {
  try {
    udp.send(answer(message), remote.port, remote.address);
  } catch {
    // Not DNS: a real resolver drops it too.
  }
});
const tcp = net.createServer((socket) => {
  let buffered = Buffer.alloc(0);
  socket.on('error', () => socket.destroy());
  socket.on('data', (chunk) => {
    buffered = Buffer.concat([buffered, chunk]);
    while (buffered.length >= 2 && buffered.length >= 2 + buffered.readUInt16BE(0)) {
      const length = buffered.readUInt16BE(0);
      const reply = answer(buffered.subarray(2, 2 + length));
      buffered = buffered.subarray(2 + length);
      const prefix = Buffer.alloc(2);
      prefix.writeUInt16BE(reply.length);
      socket.write(Buffer.concat([prefix, reply]));
    }
  });
});

await new Promise((resolve) => server.listen(443, '0.0.0.0', resolve));
await new Promise((resolve) => udp.bind(53, '0.0.0.0', resolve));
await new Promise((resolve) => tcp.listen(53, '0.0.0.0', resolve));
console.log(JSON.stringify({ event: 'ready' }));
process.on('SIGTERM', () => process.exit(0));
