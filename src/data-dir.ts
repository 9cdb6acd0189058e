import { randomBytes } from 'node:crypto';
import { chmod, link, mkdir, open, readFile, stat, unlink } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { GatewayError, asGatewayError } from './errors.js';

/** Length of the key behind every keyed hash (pseudonyms in payloads, fingerprints in the ledger). */
export const HASH_KEY_BYTES = 32;

/** Where each piece of the gateway's state lives inside its data directory. */
export interface DataDirLayout {
  readonly root: string;
  readonly hashKeyFile: string;
  readonly policyFile: string;
  readonly ledgerFile: string;
  readonly caDir: string;
}

export function dataDirLayout(root: string): DataDirLayout {
  const absolute = resolve(root);
  return {
    root: absolute,
    hashKeyFile: join(absolute, 'secret.key'),
    policyFile: join(absolute, 'policy.json'),
    ledgerFile: join(absolute, 'ledger.sqlite'),
    caDir: join(absolute, 'ca'),
  };
}

/**
 * Creates the data directory readable by the owner only: it holds the CA private key, the hash key
 * and the ledger. An existing directory with looser permissions is tightened.
 */
export async function prepareDataDir(root: string): Promise<DataDirLayout> {
  const layout = dataDirLayout(root);
  try {
    await mkdir(layout.root, { recursive: true, mode: 0o700 });
    const info = await stat(layout.root);
    if (!info.isDirectory()) {
      throw new GatewayError('CONFIG_INVALID', `Data directory ${layout.root} is not a directory`);
    }
    if ((info.mode & 0o077) !== 0) await chmod(layout.root, 0o700);
  } catch (error) {
    throw asGatewayError(error, 'CONFIG_INVALID', `Cannot prepare data directory ${layout.root}`);
  }
  return layout;
}

/** Reads the hash key, creating it on first start (32 random bytes, mode 0600, never half-written). */
export async function loadOrCreateHashKey(file: string): Promise<Buffer> {
  const existing = await readKey(file);
  if (existing) return existing;
  try {
    await createFileOnce(file, randomBytes(HASH_KEY_BYTES), 0o600);
  } catch (error) {
    throw asGatewayError(error, 'CONFIG_INVALID', `Cannot create hash key ${file}`);
  }
  const created = await readKey(file);
  if (!created) throw new GatewayError('CONFIG_INVALID', `Hash key ${file} vanished while it was created`);
  return created;
}

/**
 * Writes `content` to `file` unless it exists, atomically: a private temporary file is written, synced
 * and hard-linked into place, so a concurrent start or a crash never leaves a half-written file.
 * Resolves false when the file was already there (another process won the race, or the owner made it).
 */
export async function createFileOnce(file: string, content: string | Buffer, mode: number): Promise<boolean> {
  const temporary = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    const handle = await open(temporary, 'wx', mode);
    try {
      await handle.writeFile(content);
      await handle.sync();
    } finally {
      await handle.close();
    }
    return await link(temporary, file).then(
      () => true,
      (error: unknown) => {
        if (isErrno(error, 'EEXIST')) return false;
        throw error;
      },
    );
  } finally {
    await unlink(temporary).catch(() => undefined);
  }
}

async function readKey(file: string): Promise<Buffer | undefined> {
  let key: Buffer;
  try {
    key = await readFile(file);
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return undefined;
    throw asGatewayError(error, 'CONFIG_INVALID', `Cannot read hash key ${file}`);
  }
  if (key.length !== HASH_KEY_BYTES) {
    throw new GatewayError(
      'CONFIG_INVALID',
      `Hash key ${file} has ${key.length} bytes instead of ${HASH_KEY_BYTES}. Restore it from a backup, or delete it ` +
        'to create a new one (pseudonyms and fingerprints recorded so far will no longer match).',
    );
  }
  const info = await stat(file);
  if ((info.mode & 0o077) !== 0) await chmod(file, 0o600);
  return key;
}

export function isErrno(error: unknown, code: string): boolean {
  return error instanceof Error && 'code' in error && error.code === code;
}
