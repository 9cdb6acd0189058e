import { createServer, request, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { holdLastByte } from '../../src/proxy/pipeline/last-byte.js';

interface Seen {
  /** Body bytes the client had when the server's hook ran. */
  readonly clientBytesAtHold: number;
  readonly bodyBytes: number;
}

/** A server whose `answer` writes the response; the hook waits 100 ms before releasing the last byte. */
async function serve(answer: (res: ServerResponse) => void, seen: Seen[], clientBytes: () => number): Promise<Server> {
  const server = createServer((_req, res) => {
    holdLastByte(res, (bodyBytes, release) => {
      setTimeout(() => {
        seen.push({ clientBytesAtHold: clientBytes(), bodyBytes });
        release();
      }, 100);
    });
    answer(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

function fetchBody(server: Server, method = 'GET', onData: (n: number) => void = () => undefined): Promise<string> {
  const { port } = server.address() as AddressInfo;
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, agent: false }, (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => {
        text += chunk.toString();
        onData(chunk.length);
      });
      res.on('end', () => resolve(text));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('holdLastByte', () => {
  let server: Server | undefined;
  afterEach(async () => {
    await new Promise((resolve) => server?.close(resolve));
    server = undefined;
  });

  it.each([
    ['a content-length body in one end()', (res: ServerResponse) => {
      res.writeHead(200, { 'content-length': '5' });
      res.end('hello');
    }, 'hello', 5],
    ['a content-length body whose last write completes it', (res: ServerResponse) => {
      res.writeHead(200, { 'Content-Length': 10 });
      res.write('hello');
      res.write('world');
      setTimeout(() => res.end(), 20);
    }, 'helloworld', 10],
    ['a chunked body', (res: ServerResponse) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.write('he');
      res.end('llo');
    }, 'hello', 5],
    ['a content-length set with setHeader', (res: ServerResponse) => {
      res.setHeader('content-length', '3');
      res.write('abc');
      res.end();
    }, 'abc', 3],
  ])('holds the last byte of %s until released', async (_name, answer, body, bytes) => {
    let clientBytes = 0;
    const seen: Seen[] = [];
    let completeBytes = 0;
    server = await serve(answer, seen, () => clientBytes);
    const text = await fetchBody(server, 'GET', (n) => {
      clientBytes += n;
      if (clientBytes >= bytes) completeBytes = clientBytes;
    });
    expect(text).toBe(body);
    expect(seen).toHaveLength(1);
    expect(seen[0]?.bodyBytes).toBe(bytes);
    // When the hook ran, the client did not yet have the whole answer.
    expect(seen[0]?.clientBytesAtHold).toBeLessThan(bytes);
    expect(completeBytes).toBe(bytes);
  });

  it('streams what comes before the last byte without waiting', async () => {
    let clientBytes = 0;
    const seen: Seen[] = [];
    server = await serve((res) => {
      res.writeHead(200);
      res.write('first part;');
      setTimeout(() => res.end('last'), 150);
    }, seen, () => clientBytes);
    await fetchBody(server, 'GET', (n) => (clientBytes += n));
    expect(seen[0]?.clientBytesAtHold).toBe('first part;'.length);
  });

  it('holds a bodiless answer (HEAD) and sends it on release', async () => {
    const seen: Seen[] = [];
    server = await serve((res) => {
      res.writeHead(204);
      res.end();
    }, seen, () => 0);
    expect(await fetchBody(server, 'HEAD')).toBe('');
    expect(seen).toEqual([{ clientBytesAtHold: 0, bodyBytes: 0 }]);
  });
});
