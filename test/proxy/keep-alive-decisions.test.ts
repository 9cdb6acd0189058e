import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PolicyInput } from '../../src/policy/index.js';
import { startUpstream, type Upstream } from '../helpers/upstream-servers.js';
import { startGateway, type Gateway } from './gateway-harness.js';

const destinations = (plainAccess: 'allow' | 'block'): PolicyInput => ({
  version: 1,
  mode: 'enforce',
  destinations: [
    { id: 'tracker', vendor: 'Tracker', hosts: ['tracker.test'], access: 'block' },
    { id: 'vendors', vendor: 'Test vendors', hosts: ['plain.test', 'other.test'], access: plainAccess },
  ],
});

let upstream: Upstream;
let gateway: Gateway;

beforeAll(async () => {
  upstream = await startUpstream();
  gateway = await startGateway({ policy: destinations('allow'), routes: { 'plain.test': upstream.port, 'other.test': upstream.port } });
});

afterAll(async () => {
  await gateway.close();
  await upstream.close();
});

/** One keep-alive connection to the forward proxy; each answer says whether it reused that connection. */
function keepAliveClient(): { send(url: string): Promise<{ status: number; reused: boolean; rule: string | undefined }>; close(): void } {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  return {
    send: (url) =>
      new Promise((resolve, reject) => {
        const req = http.request({ host: '127.0.0.1', port: gateway.port, path: url, agent, headers: { host: new URL(url).host } }, (res) => {
          res.resume();
          const rule = res.headers['x-privacy-gateway-rule'];
          res.on('end', () => resolve({ status: res.statusCode ?? 0, reused: req.reusedSocket, rule: typeof rule === 'string' ? rule : undefined }));
        });
        req.on('error', reject);
        req.end();
      }),
    close: () => agent.destroy(),
  };
}

describe('decisions on a keep-alive plain-HTTP connection', () => {
  it('are made per destination: one connection alternating between an allowed and a blocked host gets each its own', async () => {
    const client = keepAliveClient();
    try {
      const answers = [];
      for (const url of ['http://plain.test/a', 'http://tracker.test/b', 'http://plain.test/c', 'http://other.test/d', 'http://tracker.test/e']) {
        answers.push(await client.send(url));
      }
      expect(answers.map((a) => a.status)).toEqual([200, 403, 200, 200, 403]);
      expect(answers.slice(1).every((a) => a.reused)).toBe(true);
      expect(answers[1]?.rule).toBe('tracker');
    } finally {
      client.close();
    }
  });

  it('follow a policy reload at the next request of an open connection', async () => {
    const client = keepAliveClient();
    try {
      expect((await client.send('http://plain.test/before')).status).toBe(200);
      gateway.setPolicy(destinations('block'));
      const after = await client.send('http://plain.test/after');
      expect(after).toMatchObject({ status: 403, reused: true, rule: 'vendors' });
      gateway.setPolicy(destinations('allow'));
      expect(await client.send('http://plain.test/again')).toMatchObject({ status: 200, reused: true });
    } finally {
      client.close();
      gateway.setPolicy(destinations('allow'));
    }
  });
});
