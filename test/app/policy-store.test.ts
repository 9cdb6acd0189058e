import { mkdtemp, readFile, rm, stat, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GatewayError } from '../../src/errors.js';
import { PolicyStore, parsePolicyText, type PolicyStatus } from '../../src/policy-store.js';
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
