/**
 * Real local upstream servers for proxy tests: plain HTTP or HTTPS on 127.0.0.1 (port 0). Each answers
 * with a JSON echo of what it received, so a test can see exactly what the gateway forwarded.
 *
 * HTTPS servers get a fresh test CA per call (so two upstreams never trust each other); the certificate
 * names `localhost`, `vendor.test`, `*.vendor.test` and 127.0.0.1 unless `hostnames` says otherwise.
 */
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
// The polyfill must load before @peculiar/x509 (see the module's comment).
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';

x509.cryptoProvider.set(globalThis.crypto);

export interface ReceivedRequest {
  readonly method: string;
  /** Origin-form path with query string, as the upstream saw it. */
  readonly path: string;
  readonly headers: http.IncomingHttpHeaders;
  /** The request body, base64-encoded (bodies may be binary). */
  readonly body: string;
}

export interface UpstreamOptions {
  readonly tls?: boolean;
  /** DNS names in the certificate (TLS only); 127.0.0.1 is always included. */
  readonly hostnames?: readonly string[];
  /** Replaces the JSON echo (still recorded in `received`), e.g. to answer slowly or with gzip. */
  readonly respond?: (request: ReceivedRequest, res: http.ServerResponse) => void;
  /** Handles Upgrade requests (a WebSocket server's handleUpgrade); without it Node refuses them. */
  readonly upgrade?: (req: http.IncomingMessage, socket: Duplex, head: Buffer) => void;
}

export interface Upstream {
  /** `http://127.0.0.1:<port>` or `https://127.0.0.1:<port>`. */
  readonly url: string;
  readonly port: number;
  readonly host: '127.0.0.1';
  /** PEM of the CA that issued the server certificate ('' for plain HTTP). */
  readonly caPem: string;
  readonly received: ReceivedRequest[];
  close(): Promise<void>;
}

const DEFAULT_NAMES = ['localhost', 'vendor.test', '*.vendor.test'];

export async function startUpstream(options: UpstreamOptions = {}): Promise<Upstream> {
  const received: ReceivedRequest[] = [];
  const listener = (req: http.IncomingMessage, res: http.ServerResponse): void => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const request: ReceivedRequest = {
        method: req.method ?? '',
        path: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('base64'),
      };
      received.push(request);
      if (options.respond) return options.respond(request, res);
      const json = JSON.stringify(request);
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(json) });
      res.end(json);
    });
  };

  let caPem = '';
  let server: http.Server;
  if (options.tls === true) {
    const material = await mintServerCertificate(options.hostnames ?? DEFAULT_NAMES);
    caPem = material.caPem;
    server = https.createServer({ key: material.keyPem, cert: material.certPem }, listener);
  } else {
    server = http.createServer(listener);
  }
  const { upgrade } = options;
  if (upgrade !== undefined) server.on('upgrade', upgrade);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const scheme = options.tls === true ? 'https' : 'http';

  return {
    url: `${scheme}://127.0.0.1:${port}`,
    port,
    host: '127.0.0.1',
    caPem,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Decodes a ReceivedRequest body (or an echoed one) back to text. */
export function bodyText(request: { readonly body: string }): string {
  return Buffer.from(request.body, 'base64').toString('utf8');
}

const EC = { name: 'ECDSA', namedCurve: 'P-256' } as const;
const SIGNING = { name: 'ECDSA', hash: 'SHA-256' } as const;

export async function mintServerCertificate(
  hostnames: readonly string[],
): Promise<{ caPem: string; certPem: string; keyPem: string }> {
  const subtle = globalThis.crypto.subtle;
  const day = 24 * 60 * 60 * 1000;
  const caKeys = await subtle.generateKey(EC, true, ['sign', 'verify']);
  const ca = await x509.X509CertificateGenerator.createSelfSigned({
    name: 'CN=Upstream Test CA',
    keys: caKeys,
    notBefore: new Date(Date.now() - day),
    notAfter: new Date(Date.now() + 30 * day),
    signingAlgorithm: SIGNING,
    extensions: [
      new x509.BasicConstraintsExtension(true, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
    ],
  });
  const leafKeys = await subtle.generateKey(EC, true, ['sign', 'verify']);
  const leaf = await x509.X509CertificateGenerator.create({
    subject: 'CN=upstream.test',
    issuer: ca.subject,
    publicKey: leafKeys.publicKey,
    signingKey: caKeys.privateKey,
    notBefore: new Date(Date.now() - day),
    notAfter: new Date(Date.now() + 30 * day),
    signingAlgorithm: SIGNING,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      new x509.SubjectAlternativeNameExtension([
        ...hostnames.map((value) => ({ type: 'dns' as const, value })),
        { type: 'ip', value: '127.0.0.1' },
      ]),
    ],
  });
  const pkcs8 = await subtle.exportKey('pkcs8', leafKeys.privateKey);
  return {
    caPem: ca.toString('pem'),
    certPem: leaf.toString('pem'),
    keyPem: x509.PemConverter.encode(pkcs8, 'PRIVATE KEY'),
  };
}
