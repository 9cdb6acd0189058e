import { chmod, mkdir, mkdtemp, readFile, rm, stat, symlink, writeFile, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HASH_KEY_BYTES, loadOrCreateHashKey, loadOrCreatePageToken, prepareDataDir } from '../../src/data-dir.js';

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

  it('tightens every file and folder an older version left readable (ledger, -wal, CA, policy)', async () => {
    const root = join(parent, 'data');
    await mkdir(join(root, 'ca'), { recursive: true, mode: 0o755 });
    const loose = ['ledger.sqlite', 'ledger.sqlite-wal', 'ledger.sqlite-shm', 'policy.json', 'ca/ca.pem', 'ca/ca-key.pem'];
    for (const name of loose) await writeFile(join(root, name), 'x', { mode: 0o644 });
    await writeFile(join(root, 'read-only'), 'x', { mode: 0o400 });
    const outside = join(parent, 'outside.txt');
    await writeFile(outside, 'x', { mode: 0o644 });
    await symlink(outside, join(root, 'link'));
    await prepareDataDir(root);
    for (const name of loose) expect((await stat(join(root, name))).mode & 0o777).toBe(0o600);
    expect((await stat(join(root, 'ca'))).mode & 0o777).toBe(0o700);
    expect((await stat(join(root, 'read-only'))).mode & 0o777).toBe(0o400);
    // A link is not followed: what it points at outside the data directory keeps its mode.
    expect((await stat(outside)).mode & 0o777).toBe(0o644);
  });

  it('creates the page token once, 0600, and reads the same token on the next start', async () => {
    const file = join(parent, 'page-token');
    const first = await loadOrCreatePageToken(file, () => 'a'.repeat(43));
    const second = await loadOrCreatePageToken(file, () => 'b'.repeat(43));
    expect(first).toBe('a'.repeat(43));
    expect(second).toBe(first);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    await writeFile(file, 'short\n');
    await expect(loadOrCreatePageToken(file, () => 'c'.repeat(43))).rejects.toMatchObject({ code: 'CONFIG_INVALID' });
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
