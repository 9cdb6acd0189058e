/**
 * A second vendor for learn-then-lock: a plain HTTP echo on another loopback address (127.0.0.2), so
 * the device has two destinations with different hosts. test/helpers/upstream-servers.ts binds
 * 127.0.0.1 only.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { curl, type CurlResult } from '../../helpers/proxy-clients.js';

export interface LoopbackVendor {
  readonly url: string;
  readonly received: string[];
  close(): Promise<void>;
}

export async function startVendorAt(address: string): Promise<LoopbackVendor> {
  const received: string[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push(Buffer.concat(chunks).toString());
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"ok":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, address, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${address}:${port}`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A JSON POST through the gateway from the client address `from` (the device's address). */
export function postFrom(from: string, proxyPort: number, url: string, body: string): Promise<CurlResult> {
  return curl(['--interface', from, '-x', `http://127.0.0.1:${proxyPort}`, '-H', 'content-type: application/json', '--data', body, url]);
}
