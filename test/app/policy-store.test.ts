import { appendFile, mkdtemp, readFile, rename, rm, stat, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { GatewayError } from '../../src/errors.js';
import { PolicyStore, parsePolicyText, writePolicyText, type PolicyStatus } from '../../src/policy-store.js';
import { defaultPolicy } from '../../src/policy/index.js';

function nextReload(store: PolicyStore, timeoutMs = 5_000): Promise<PolicyStatus> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no reload within the timeout')), timeoutMs);
    const remove = store.onReload((status) => {
      clearTimeout(timer);
      remove();
      resolve(status);
    });
  });
}

const policyText = (mode: string): string => JSON.stringify({ ...defaultPolicy(), mode }, null, 2);

describe('PolicyStore', () => {
  let dir: string;
  let file: string;
  let store: PolicyStore | undefined;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pg-policy-store-'));
    file = join(dir, 'policy.json');
  });

  afterEach(async () => {
    store?.stop();
    store = undefined;
    await rm(dir, { recursive: true, force: true });
  });

  async function started(): Promise<PolicyStore> {
    store = new PolicyStore({ file, debounceMs: 20 });
    await store.start();
    return store;
  }

  it('writes the built-in default on first start, private and valid', async () => {
    const running = await started();
    const text = await readFile(file, 'utf8');
    expect(parsePolicyText(text, file).mode).toBe('monitor');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(running.status()).toMatchObject({ file, mode: 'monitor', lastError: undefined });
  });

  it('keeps an existing policy file as the owner wrote it', async () => {
    await writeFile(file, policyText('enforce'));
    const running = await started();
    expect(running.status().mode).toBe('enforce');
    expect(await readFile(file, 'utf8')).toBe(policyText('enforce'));
  });

  it('refuses to start on an invalid policy instead of running without one', async () => {
    await writeFile(file, JSON.stringify({ ...defaultPolicy(), mode: 'party' }));
    store = new PolicyStore({ file });
    const failure = await store.start().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(GatewayError);
    expect(failure).toMatchObject({ code: 'POLICY_INVALID' });
    expect((failure as GatewayError).message).toContain(file);
    expect((failure as GatewayError).details.join('\n')).toContain('mode');
  });

  it('applies a valid edit', async () => {
    const running = await started();
    const reloaded = nextReload(running);
    await writeFile(file, policyText('enforce'));
    expect((await reloaded).mode).toBe('enforce');
    expect(running.status().lastError).toBeUndefined();
  });

  it.each([
    ['broken JSON', '{ "version": 1, ', '(file)'],
    ['an unknown mode', JSON.stringify({ ...defaultPolicy(), mode: 'party' }), 'mode'],
    ['a bad rule action', JSON.stringify({ ...defaultPolicy(), rules: [{ id: 'x', category: 'location', action: 'shred' }] }), 'rules'],
  ])('keeps the last good policy after an edit with %s and reports it', async (_name, text, problemPath) => {
    await writeFile(file, policyText('enforce'));
    const running = await started();
    const before = running.current();
    const reloaded = nextReload(running);
    await writeFile(file, text);
    const status = await reloaded;
    expect(running.current()).toBe(before);
    expect(status.mode).toBe('enforce');
    expect(status.lastError?.code).toBe('POLICY_INVALID');
    expect(status.lastError?.message).toContain(file);
    expect(status.lastError?.details.some((line) => line.startsWith(problemPath))).toBe(true);
  });

  it('clears the reported problem once the file is fixed', async () => {
    const running = await started();
    let reloaded = nextReload(running);
    await writeFile(file, '{');
    expect((await reloaded).lastError).toBeDefined();
    reloaded = nextReload(running);
    await writeFile(file, policyText('lockdown'));
    const status = await reloaded;
    expect(status.lastError).toBeUndefined();
    expect(status.mode).toBe('lockdown');
  });

  it('follows atomic replaces, one after another (the watch moves to each new file)', async () => {
    const running = await started();
    for (const mode of ['enforce', 'lockdown', 'monitor', 'enforce']) {
      const reloaded = nextReload(running);
      await writePolicyText(file, policyText(mode));
      expect((await reloaded).mode).toBe(mode);
    }
    // And a plain edit of the file that replaced the original.
    const reloaded = nextReload(running);
    await writeFile(file, policyText('lockdown'));
    expect((await reloaded).mode).toBe('lockdown');
  });

  it("follows an editor's save: the old file renamed away, a new one written in its place", async () => {
    const running = await started();
    let reloaded = nextReload(running);
    await rename(file, `${file}~`);
    expect((await reloaded).lastError?.message).toContain('missing');
    reloaded = nextReload(running);
    await writeFile(file, policyText('enforce'));
    const status = await reloaded;
    expect(status.lastError).toBeUndefined();
    expect(status.mode).toBe('enforce');
    // The renamed-away file is not the policy any more.
    await writeFile(`${file}~`, policyText('lockdown'));
    reloaded = nextReload(running);
    await writeFile(file, policyText('monitor'));
    expect((await reloaded).mode).toBe('monitor');
  });

  it('follows a file deleted and written again', async () => {
    const running = await started();
    let reloaded = nextReload(running);
    await unlink(file);
    expect((await reloaded).lastError?.message).toContain('missing');
    reloaded = nextReload(running);
    await writeFile(file, policyText('lockdown'));
    expect((await reloaded).mode).toBe('lockdown');
    reloaded = nextReload(running);
    await writeFile(file, policyText('enforce'));
    expect((await reloaded).mode).toBe('enforce');
  });

  it('does not reload for the other files of its folder (the ledger writes there on every request)', async () => {
    const running = await started();
    const reload = vi.spyOn(running, 'reload');
    for (let i = 0; i < 20; i++) await appendFile(join(dir, 'ledger.journal'), `line ${i}\n`);
    await writeFile(join(dir, 'ledger.sqlite-wal'), 'x');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(reload).not.toHaveBeenCalled();
    const reloaded = nextReload(running);
    await writeFile(file, policyText('enforce'));
    expect((await reloaded).mode).toBe('enforce');
    expect(reload).toHaveBeenCalled();
  });

  it('keeps the last good policy when the file is deleted', async () => {
    const running = await started();
    const before = running.current();
    const reloaded = nextReload(running);
    await unlink(file);
    const status = await reloaded;
    expect(running.current()).toBe(before);
    expect(status.lastError?.message).toContain('missing');
  });
});
