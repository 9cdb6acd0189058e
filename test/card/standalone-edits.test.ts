// Runs in Node: the card's standalone source against a real PageServer whose edits go through the real
// PolicyEditor and PolicyStore to a policy file in a temp directory.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StandaloneDataSource } from '../../src/card/data/standalone-data-source.js';
import type { PrivacyAction } from '../../src/card/model.js';
import { PageAuth, PageServer, type DeviceQueries, type StatusView } from '../../src/page/index.js';
import { editPort } from '../../src/page-ports.js';
import { PolicyEditor } from '../../src/policy-editor.js';
import { PolicyStore } from '../../src/policy-store.js';
import type { Policy } from '../../src/policy/index.js';

const TOKEN = 'k'.repeat(43);
const devices: DeviceQueries = { devices: () => [], deviceSummary: () => undefined, reportJson: () => undefined, reportMarkdown: () => undefined };
const POLICY = { version: 1, mode: 'enforce', devices: [{ id: 'cam', name: 'Camera', addresses: ['192.168.1.20'] }] };

describe('StandaloneDataSource over the page edit API', () => {
  let dir: string;
  let file: string;
  let store: PolicyStore;
  let server: PageServer | undefined;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pg-standalone-edits-'));
    file = join(dir, 'policy.json');
    await writeFile(file, JSON.stringify(POLICY), { mode: 0o600 });
    store = new PolicyStore({ file });
    await store.start();
  });
  afterEach(async () => {
    await server?.stop();
    server = undefined;
    store.stop();
    await rm(dir, { recursive: true, force: true });
  });

  const start = async (managedBy?: string): Promise<StandaloneDataSource> => {
    const editor = new PolicyEditor({ store, file, managedBy: () => managedBy });
    server = new PageServer({
      status: () => ({}) as StatusView,
      ca: { pem: 'PEM', der: Buffer.alloc(1) },
      devices,
      auth: new PageAuth({ token: TOKEN, openReads: true }),
      edits: editPort(editor),
    });
    const { port } = await server.start('127.0.0.1', 0);
    // What the login cookie does in a browser.
    const withToken = (input: string, init?: RequestInit) =>
      fetch(input, { ...init, headers: { ...Object.fromEntries(new Headers(init?.headers).entries()), authorization: `Bearer ${TOKEN}` } });
    return new StandaloneDataSource(`http://127.0.0.1:${port}`, withToken);
  };
  const cam = async (): Promise<Policy['devices'][number]> => {
    const policy = JSON.parse(await readFile(file, 'utf8')) as Policy;
    const device = policy.devices.find((d) => d.id === 'cam');
    if (device === undefined) throw new Error('no cam');
    return device;
  };

  it('may edit once the page said so, and applies every action kind to the file and the policy in force', async () => {
    const source = await start();
    expect(source.canEdit).toBe(false);
    await source.household();
    expect(source.canEdit).toBe(true);

    const actions: PrivacyAction[] = [
      { kind: 'field_action', deviceId: 'cam', fieldPath: '$.coords.lat', action: 'redact' },
      { kind: 'category_action', deviceId: 'cam', category: 'network', action: 'drop' },
      { kind: 'destination', deviceId: 'cam', host: 'ads.example', access: 'block', vendor: 'Ads' },
      { kind: 'destination', deviceId: 'cam', host: 'api.cam.example', access: 'allow', vendor: undefined },
      { kind: 'quarantine', deviceId: 'cam', quarantine: true },
      { kind: 'lockdown', deviceId: 'cam', destinations: [{ host: 'api.cam.example', vendor: 'Cam', access: 'allow' }] },
    ];
    for (const action of actions) await source.apply(action);

    const device = await cam();
    expect(device.rules.map((r) => [r.id, r.action])).toEqual([
      ['field:$.coords.lat', 'redact'],
      ['category:network', 'drop'],
    ]);
    expect(device.destinations.map((d) => [d.id, d.access])).toEqual([
      ['host:ads.example', 'block'],
      ['host:api.cam.example', 'allow'],
      ['learned:api.cam.example', 'allow'],
    ]);
    expect([device.quarantine, device.mode]).toEqual([true, 'lockdown']);
    expect(store.policy().devices[0]?.mode).toBe('lockdown');
  });

  it('says edits go through Home Assistant when it owns the policy, and changes nothing', async () => {
    const source = await start('ws://homeassistant.local:8123/api/websocket');
    await source.household();
    expect(source.canEdit).toBe(false);
    expect(source.editRefusal?.code).toBe('POLICY_MANAGED_BY_HUB');
    expect(source.editRefusal?.message).toContain('Home Assistant');
    const before = await readFile(file, 'utf8');
    await expect(source.apply({ kind: 'quarantine', deviceId: 'cam', quarantine: true })).rejects.toMatchObject({ code: 'POLICY_MANAGED_BY_HUB' });
    expect(await readFile(file, 'utf8')).toBe(before);
  });

  it('passes a refused edit on with the page\'s code and message', async () => {
    const source = await start();
    await expect(source.apply({ kind: 'quarantine', deviceId: 'toaster', quarantine: true })).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: expect.stringContaining('toaster') as unknown,
    });
  });
});
