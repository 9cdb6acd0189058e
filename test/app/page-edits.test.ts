/**
 * The page's policy edit API against a real running gateway (src/main.ts): a real policy file in a temp
 * data directory, real devices talking through the proxy with curl to a real local upstream, and the
 * page's answers over HTTP. Each edit is checked where it matters: in the file and at the upstream.
 */
import { mkdir, mkdtemp, readFile, rm, rmdir, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config.js';
import { Gateway } from '../../src/main.js';
import { silentLogger } from '../../src/logger.js';
import { EDIT_HEADER, POLICY_EDITS_PATH, type DeviceSummaryView } from '../../src/page/index.js';
import { policyTempFile } from '../../src/policy-store.js';
import { startUpstream, type Upstream } from '../helpers/upstream-servers.js';
import { curl } from '../helpers/proxy-clients.js';

const PLUG = '127.0.0.5';
const POLICY = {
  version: 1,
  mode: 'enforce',
  destinations: [
    { id: 'vendor', vendor: 'Plug Corp', hosts: ['vendor.test'] },
    { id: 'ads', vendor: 'Ad network', hosts: ['ads.test'] },
    { id: 'time', vendor: 'Time', hosts: ['time.test'] },
  ],
  devices: [{ id: 'plug', name: 'Plug', addresses: [PLUG] }],
};

interface Answer {
  readonly status: number;
  readonly body: Record<string, unknown>;
}

describe('POST /api/policy/edits on a running gateway', () => {
  let dir: string;
  let file: string;
  let upstream: Upstream;
  let gateway: Gateway;
  let page: string;
  let proxy: string;
  let token: string;

  /** A device request through the proxy, as the plug sends it. */
  const fromPlug = async (host: string): Promise<number> =>
    (await curl(['--interface', PLUG, '-x', proxy, `http://${host}:${upstream.port}/v1/report`])).status;

  const edit = async (body: unknown, headers: Record<string, string> = {}): Promise<Answer> => {
    const response = await fetch(`${page}${POLICY_EDITS_PATH}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', [EDIT_HEADER]: '1', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  const codeOf = (answer: Answer): unknown => (answer.body.error as { code?: unknown } | undefined)?.code;
  const onDisk = async (): Promise<{ devices: { id: string; mode?: string; quarantine?: boolean; destinations: { id?: string; hosts: string[]; access: string }[]; rules: { id: string }[] }[] }> =>
    JSON.parse(await readFile(file, 'utf8')) as Awaited<ReturnType<typeof onDisk>>;
  const plugOnDisk = async () => {
    const plug = (await onDisk()).devices.find((d) => d.id === 'plug');
    if (plug === undefined) throw new Error('the plug vanished from the policy file');
    return plug;
  };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pg-page-edits-'));
    file = join(dir, 'policy.json');
    await writeFile(file, JSON.stringify(POLICY), { mode: 0o600 });
    upstream = await startUpstream();
    gateway = new Gateway(parseConfig({ dataDir: dir, proxy: { port: 0 }, page: { port: 0 } }), {
      logger: silentLogger,
      resolveUpstream: (host, port) => (host.endsWith('.test') ? { host: '127.0.0.1', port } : { host, port }),
    });
    const addresses = await gateway.start();
    page = `http://127.0.0.1:${addresses.page.port}`;
    proxy = `http://127.0.0.1:${addresses.proxy.port}`;
    token = (await readFile(join(dir, 'page-token'), 'utf8')).trim();
  });

  afterAll(async () => {
    await gateway?.stop();
    await upstream?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('lets a loopback page be read without a login but changed only with the token', async () => {
    expect((await fetch(`${page}/api/devices`)).status).toBe(200);
    const anonymous = await fetch(`${page}${POLICY_EDITS_PATH}`).then((r) => r.json());
    expect(anonymous).toMatchObject({ allowed: false, code: 'PAGE_UNAUTHORIZED' });
    const loggedIn = await fetch(`${page}${POLICY_EDITS_PATH}`, { headers: { authorization: `Bearer ${token}` } }).then((r) => r.json());
    expect(loggedIn).toEqual({ allowed: true, code: null, message: null });

    const before = await readFile(file, 'utf8');
    const refused = await edit({ operation: 'quarantine', data: { device_id: 'plug' } }, { authorization: '' });
    expect([refused.status, codeOf(refused)]).toEqual([401, 'PAGE_UNAUTHORIZED']);
    expect(await readFile(file, 'utf8')).toBe(before);
  });

  it('blocks a destination with a real curl: the file changes (0600) and the next request there is refused', async () => {
    expect(await fromPlug('ads.test')).toBe(200);
    const sent = await curl([
      '-X', 'POST', '-H', `authorization: Bearer ${token}`, '-H', 'content-type: application/json', '-H', `${EDIT_HEADER}: 1`,
      '--data', JSON.stringify({ operation: 'block_destination', data: { device_id: 'plug', host: 'ADS.test.', vendor: 'Ad network' } }),
      `${page}${POLICY_EDITS_PATH}`,
    ]);
    expect(sent.status).toBe(200);
    expect(JSON.parse(sent.body)).toMatchObject({ operation: 'block_destination', policy: { mode: 'enforce' } });
    expect((await plugOnDisk()).destinations).toContainEqual(expect.objectContaining({ id: 'host:ads.test', hosts: ['ads.test'], access: 'block' }));
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    // No waiting for the file watcher: the answer came after the new policy was in force.
    expect(await fromPlug('ads.test')).toBe(403);
    expect(await fromPlug('vendor.test')).toBe(200);
  });

  it('replaces the earlier decision about a host instead of adding a second one (as Home Assistant does)', async () => {
    expect((await edit({ operation: 'allow_destination', data: { device_id: 'plug', host: 'ads.test' } })).status).toBe(200);
    const entries = (await plugOnDisk()).destinations.filter((d) => d.id === 'host:ads.test');
    expect(entries).toEqual([expect.objectContaining({ access: 'allow' })]);
    expect(await fromPlug('ads.test')).toBe(200);
  });

  it('keeps both of two edits sent at once', async () => {
    const [first, second] = await Promise.all([
      edit({ operation: 'set_field_action', data: { device_id: 'plug', category: 'location', action: 'redact' } }),
      edit({ operation: 'set_field_action', data: { device_id: 'plug', field_path: '$.serial', action: 'hash', destinations: 'vendor.test' } }),
    ]);
    expect([first.status, second.status]).toEqual([200, 200]);
    expect([first.body.result, second.body.result]).toEqual([{ rule_id: 'category:location' }, { rule_id: 'field:$.serial@vendor.test' }]);
    expect((await plugOnDisk()).rules.map((rule) => rule.id).sort()).toEqual(['category:location', 'field:$.serial@vendor.test']);
  });

  it.each([
    ['a body that is not JSON', '{"operation": ', 400, 'REQUEST_INVALID'],
    ['an unknown operation', { operation: 'delete_everything', data: {} }, 400, 'REQUEST_INVALID'],
    ['a device the policy does not have', { operation: 'quarantine', data: { device_id: 'toaster' } }, 404, 'NOT_FOUND'],
    ['a field action on both a path and a category', { operation: 'set_field_action', data: { device_id: 'plug', field_path: '$.a', category: 'location', action: 'drop' } }, 400, 'REQUEST_INVALID'],
    ['a host that is not a host', { operation: 'block_destination', data: { device_id: 'plug', host: 'http://ads.test/x' } }, 400, 'REQUEST_INVALID'],
    ['an unknown mode', { operation: 'set_mode', data: { device_id: 'plug', mode: 'off' } }, 400, 'REQUEST_INVALID'],
  ])('answers %s with a stable code and changes nothing', async (_name, body, status, code) => {
    const before = await readFile(file, 'utf8');
    const answer = await edit(body);
    expect([answer.status, codeOf(answer)]).toEqual([status, code]);
    expect(await readFile(file, 'utf8')).toBe(before);
  });

  it('keeps the old file and the old policy in force when the write fails', async () => {
    const before = await readFile(file, 'utf8');
    // A directory where the editor stages the new file: the write fails for real.
    const blocker = policyTempFile(file);
    await mkdir(blocker);
    try {
      const answer = await edit({ operation: 'block_destination', data: { device_id: 'plug', host: 'vendor.test' } });
      expect([answer.status, codeOf(answer)]).toEqual([503, 'POLICY_WRITE_FAILED']);
    } finally {
      await rmdir(blocker);
    }
    expect(await readFile(file, 'utf8')).toBe(before);
    expect(await fromPlug('vendor.test')).toBe(200);
    const status = (await fetch(`${page}/api/status`).then((r) => r.json())) as { policy: { lastError: unknown } };
    expect(status.policy.lastError).toBeNull();
  });

  it("refuses to edit over the owner's broken hand edit, which stays as written; the last good policy runs on", async () => {
    const good = await readFile(file, 'utf8');
    const broken = good.replace('"enforce"', '"enforcing"');
    await writeFile(file, broken);
    try {
      const answer = await edit({ operation: 'quarantine', data: { device_id: 'plug' } });
      expect([answer.status, codeOf(answer)]).toEqual([422, 'POLICY_INVALID']);
      expect(await readFile(file, 'utf8')).toBe(broken);
      expect(await fromPlug('vendor.test')).toBe(200);
    } finally {
      await writeFile(file, good);
    }
  });

  it('locks the plug down to the reviewed list: the device answer proposes it, listed hosts pass, the rest are refused', async () => {
    expect(await fromPlug('time.test')).toBe(200);
    const summary = await waitFor(async () => {
      const answer = (await fetch(`${page}/api/devices/plug`).then((r) => r.json())) as DeviceSummaryView;
      return answer.lockdownProposal?.destinations.some((d) => d.host === 'time.test') === true ? answer : undefined;
    });
    expect(summary.lockdownProposal).toMatchObject({ learningComplete: false });
    expect(summary.policy).toEqual({ mode: 'enforce', quarantined: false });
    // cloud.test is named nowhere yet: the gateway does not relay to it (its address is on loopback).
    const before = await curl(['--interface', PLUG, '-x', proxy, `http://cloud.test:${upstream.port}/v1/report`]);
    expect(before.body).not.toContain('learned:');

    const reviewed = [
      { host: 'cloud.test', access: 'allow', vendor: 'Plug Corp cloud' },
      { host: 'telemetry.test', access: 'block' },
    ];
    const answer = await edit({ operation: 'lock_down', data: { device_id: 'plug', destinations: reviewed } });
    expect(answer.status).toBe(200);
    const plug = await plugOnDisk();
    expect(plug.mode).toBe('lockdown');
    expect(plug.destinations.filter((d) => d.id?.startsWith('learned:')).map((d) => [d.hosts[0], d.access])).toEqual([
      ['cloud.test', 'allow'],
      ['telemetry.test', 'block'],
    ]);
    expect(await fromPlug('cloud.test')).toBe(200);
    const blocked = await curl(['--interface', PLUG, '-x', proxy, `http://telemetry.test:${upstream.port}/v1/report`]);
    expect([blocked.status, blocked.body.includes('learned:telemetry.test')]).toEqual([403, true]);
    const unlisted = await curl(['--interface', PLUG, '-x', proxy, `http://unlisted.test:${upstream.port}/v1/report`]);
    expect(unlisted.status).toBe(403);

    // The owner overrules the lockdown for one host: allowed, it passes (the learned block is gone).
    expect((await edit({ operation: 'allow_destination', data: { device_id: 'plug', host: 'telemetry.test' } })).status).toBe(200);
    expect(await fromPlug('telemetry.test')).toBe(200);

    // A second lockdown replaces the learned entries rather than piling them up.
    await edit({ operation: 'lock_down', data: { device_id: 'plug', destinations: [{ host: 'telemetry.test', access: 'allow' }] } });
    expect((await plugOnDisk()).destinations.filter((d) => d.id?.startsWith('learned:')).map((d) => d.hosts[0])).toEqual(['telemetry.test']);
    expect(await fromPlug('telemetry.test')).toBe(200);
    expect(await fromPlug('cloud.test')).not.toBe(200);
  });
});

async function waitFor<T>(probe: () => Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('waited in vain');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
