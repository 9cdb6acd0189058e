import { chmod, mkdtemp, readFile, rm, stat, writeFile, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HASH_KEY_BYTES, loadOrCreateHashKey, prepareDataDir } from '../../src/data-dir.js';

describe('data directory', () => {
  let parent: string;

  beforeEach(async () => {
    parent = await mkdtemp(join(tmpdir(), 'pg-data-dir-'));
  });

  afterEach(async () => {
    await rm(parent, { recursive: true, force: true });
  });

  it('creates the directory readable by the owner only', async () => {
    const layout = await prepareDataDir(join(parent, 'nested', 'data'));
    expect((await stat(layout.root)).mode & 0o777).toBe(0o700);
    expect(layout.policyFile).toBe(join(layout.root, 'policy.json'));
  });

  it('tightens an existing directory that others can read', async () => {
    const root = join(parent, 'data');
    await prepareDataDir(root);
    await chmod(root, 0o755);
    await prepareDataDir(root);
    expect((await stat(root)).mode & 0o777).toBe(0o700);
  });

  it('refuses a data path that is a file', async () => {
    const file = join(parent, 'file');
    await writeFile(file, 'x');
    await expect(prepareDataDir(file)).rejects.toMatchObject({ code: 'CONFIG_INVALID' });
  });
});

describe('loadOrCreateHashKey', () => {
  let dir: string;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pg-hash-key-'));
  });

  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('creates 32 random bytes with mode 0600 and returns the same key later', async () => {
    const file = join(dir, 'secret.key');
    const key = await loadOrCreateHashKey(file);
    expect(key).toHaveLength(HASH_KEY_BYTES);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(await loadOrCreateHashKey(file)).toEqual(key);
    expect(await readFile(file)).toEqual(key);
  });

  it('gives concurrent first starts one and the same key, leaving no temporary files', async () => {
    const file = join(dir, 'secret.key');
    const keys = await Promise.all(Array.from({ length: 8 }, () => loadOrCreateHashKey(file)));
    for (const key of keys) expect(key).toEqual(keys[0]);
    expect(await readdir(dir)).toEqual(['secret.key']);
  });

  it('refuses a key of the wrong length rather than replacing it', async () => {
    const file = join(dir, 'secret.key');
    await writeFile(file, Buffer.alloc(5));
    await expect(loadOrCreateHashKey(file)).rejects.toMatchObject({ code: 'CONFIG_INVALID' });
    expect(await readFile(file)).toHaveLength(5);
  });
});
