// The vendor stand-in: a minimal HTTP and HTTPS server on loopback that reads the whole request body and
// answers a small JSON reply. Runs in its own process so it never shares an event loop with a proxy.
// A request with `x-bench-echo: 1` gets back the exact body it sent (used once per cell to check that
// the proxy under test applied the six rules). Prints {"http":PORT,"https":PORT} on stdout when ready.
// Usage: node bench/upstream.mjs CERT.pem KEY.pem
import { readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';

const [certFile, keyFile] = process.argv.slice(2);
if (!certFile || !keyFile) {
  console.error('usage: node bench/upstream.mjs CERT.pem KEY.pem');
  process.exit(2);
}

function handle(req, res) {
  const chunks = [];
  let bytes = 0;
  req.on('data', (chunk) => {
    bytes += chunk.length;
    if (req.headers['x-bench-echo'] === '1') chunks.push(chunk);
  });
  req.on('end', () => {
    const body = req.headers['x-bench-echo'] === '1' ? Buffer.concat(chunks) : Buffer.from(`{"ok":true,"received":${bytes}}`);
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length });
    res.end(body);
  });
}

// Keep-alive sockets of the proxies' pools must outlive a cell.
const options = { keepAliveTimeout: 120_000, headersTimeout: 130_000, requestTimeout: 0 };
const plain = http.createServer(options, handle);
const secure = https.createServer({ ...options, cert: readFileSync(certFile), key: readFileSync(keyFile) }, handle);
const listen = (server) => new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server.address().port)));
const ports = { http: await listen(plain), https: await listen(secure) };
process.stdout.write(`${JSON.stringify(ports)}\n`);
const stop = () => process.exit(0);
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
