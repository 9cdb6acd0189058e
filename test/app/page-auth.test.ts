import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { PageAuth, PageServer, type DeviceQueries, type PageAuthOptions, type StatusView } from '../../src/page/index.js';

const TOKEN = 't'.repeat(43);
const status = { version: '0' } as unknown as StatusView;
const devices: DeviceQueries = {
  devices: () => [],
  deviceSummary: () => undefined,
  reportJson: () => undefined,
  reportMarkdown: () => undefined,
};

function get(port: number, path: string, headers: Record<string, string> = {}): Promise<{ status: number; cookie: string | undefined }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, cookie: res.headers['set-cookie']?.[0] }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('PageAuth on a PageServer', () => {
  let server: PageServer | undefined;
  afterEach(async () => {
    await server?.stop();
    server = undefined;
  });

  const start = async (options: PageAuthOptions): Promise<{ port: number; auth: PageAuth }> => {
    const auth = new PageAuth(options);
    server = new PageServer({ status: () => status, ca: { pem: 'PEM', der: Buffer.alloc(1) }, devices, auth });
    const { port } = await server.start('127.0.0.1', 0);
    return { port, auth };
  };

  it('lets everyone read the API without a token (a page on loopback)', async () => {
    const { port } = await start({ token: undefined });
    expect((await get(port, '/api/status')).status).toBe(200);
  });

  it('trusts a configured ingress peer without a token, and nobody else', async () => {
    const trusted = await start({ token: TOKEN, trustedAddresses: ['127.0.0.1'] });
    expect((await get(trusted.port, '/api/status')).status).toBe(200);
    await server?.stop();
    const untrusted = await start({ token: TOKEN, trustedAddresses: ['172.30.32.2'] });
    expect((await get(untrusted.port, '/api/status')).status).toBe(401);
  });

  it('accepts a peer written as IPv4-mapped IPv6 in the trusted list too', async () => {
    const { port } = await start({ token: TOKEN, trustedAddresses: ['::ffff:127.0.0.1'] });
    expect((await get(port, '/api/status')).status).toBe(200);
  });

  it('gives each one-time code one login, and no code works for another server', async () => {
    const { port, auth } = await start({ token: TOKEN });
    const [first, second] = [auth.issueLoginCode(), auth.issueLoginCode()];
    expect(first).not.toBe(second);
    const login = await get(port, `/login?code=${first}`);
    expect(login.status).toBe(303);
    expect(login.cookie).toContain(`pg_page=${TOKEN}`);
    expect((await get(port, `/login?code=${first}`)).status).toBe(401);
    expect((await get(port, `/login?code=${second}`)).status).toBe(303);
    expect((await get(port, '/api/status', { cookie: `pg_page=${TOKEN}` })).status).toBe(200);
  });
});
