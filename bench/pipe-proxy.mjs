// The baseline proxy: the least a Node proxy can do. No inspection, no buffering: req -> upstream -> res
// through keep-alive agents.
// - HTTP: an absolute-form forward proxy (`POST http://127.0.0.1:UP/path HTTP/1.1`).
// - TLS: the terminating equivalent of the gateway's transparent TLS listener: it answers TLS with a
//   certificate for localhost and forwards each request over a verified keep-alive TLS pool to the upstream.
// Prints {"http":PORT,"https":PORT} on stdout when ready.
// Usage: node bench/pipe-proxy.mjs CERT.pem KEY.pem CA.pem TLS_UPSTREAM_PORT
import { readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';

const [certFile, keyFile, caFile, tlsUpstreamPort] = process.argv.slice(2);
if (!certFile || !keyFile || !caFile || !tlsUpstreamPort) {
  console.error('usage: node bench/pipe-proxy.mjs CERT.pem KEY.pem CA.pem TLS_UPSTREAM_PORT');
  process.exit(2);
}

const HOP_BY_HOP = ['connection', 'keep-alive', 'proxy-connection', 'proxy-authorization', 'te', 'trailer', 'upgrade'];
const withoutHopByHop = (headers) => {
  const copy = { ...headers };
  for (const name of HOP_BY_HOP) delete copy[name];
  return copy;
};

const httpAgent = new http.Agent({ keepAlive: true, maxSockets: 64 });
const httpsAgent = new https.Agent({ keepAlive: true, maxSockets: 64, ca: readFileSync(caFile) });

function pipeTo(client, options, req, res) {
  const upstream = client.request({ ...options, method: req.method, headers: withoutHopByHop(req.headers) }, (answer) => {
    res.writeHead(answer.statusCode ?? 502, withoutHopByHop(answer.headers));
    answer.pipe(res);
  });
  upstream.on('error', () => {
    if (!res.headersSent) res.writeHead(502);
    res.end();
  });
  req.pipe(upstream);
}

const serverOptions = { keepAliveTimeout: 120_000, headersTimeout: 130_000, requestTimeout: 0 };

const forward = http.createServer(serverOptions, (req, res) => {
  let url;
  try {
    url = new URL(req.url ?? '');
  } catch {
    res.writeHead(400).end();
    return;
  }
  pipeTo(http, { host: url.hostname, port: Number(url.port || 80), path: url.pathname + url.search, agent: httpAgent }, req, res);
});

const terminating = https.createServer(
  { ...serverOptions, cert: readFileSync(certFile), key: readFileSync(keyFile) },
  (req, res) => {
    const options = { host: '127.0.0.1', port: Number(tlsUpstreamPort), servername: 'localhost', path: req.url, agent: httpsAgent };
    pipeTo(https, options, req, res);
  },
);

const listen = (server) => new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server.address().port)));
const ports = { http: await listen(forward), https: await listen(terminating) };
process.stdout.write(`${JSON.stringify(ports)}\n`);
const stop = () => process.exit(0);
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
