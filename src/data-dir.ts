import { randomBytes } from 'node:crypto';
import { chmod, link, lstat, mkdir, open, readdir, readFile, stat, unlink } from 'node:fs/promises';
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
  /** The records not yet committed to the ledger (src/ledger/journal.ts); 0600 like the ledger. */
  readonly ledgerJournalFile: string;
  readonly caDir: string;
  /** The local page's token (see src/page/auth.ts). */
  readonly pageTokenFile: string;
}

export function dataDirLayout(root: string): DataDirLayout {
  const absolute = resolve(root);
  return {
    root: absolute,
    hashKeyFile: join(absolute, 'secret.key'),
    policyFile: join(absolute, 'policy.json'),
    ledgerFile: join(absolute, 'ledger.sqlite'),
    ledgerJournalFile: join(absolute, 'ledger.journal'),
    caDir: join(absolute, 'ca'),
    pageTokenFile: join(absolute, 'page-token'),
  };
}

/** Owner-only modes for everything in the data directory. */
export const PRIVATE_FILE_MODE = 0o600;
export const PRIVATE_DIR_MODE = 0o700;
/** ca/ is the deepest folder the gateway makes; a little slack for what an owner puts there. */
const MAX_SECURE_DEPTH = 4;

/**
 * Creates the data directory readable by the owner only: it holds the CA private key, the hash key, the
 * ledger (what every device sent where), the policy and tokens. An existing directory, and everything in
 * it, with looser permissions is tightened (data dirs made by older versions had a 0644 ledger).
 */
export async function prepareDataDir(root: string): Promise<DataDirLayout> {
  const layout = dataDirLayout(root);
  try {
    await mkdir(layout.root, { recursive: true, mode: PRIVATE_DIR_MODE });
    const info = await stat(layout.root);
    if (!info.isDirectory()) {
      throw new GatewayError('CONFIG_INVALID', `Data directory ${layout.root} is not a directory`);
    }
    await securePermissions(layout.root);
  } catch (error) {
    throw asGatewayError(error, 'CONFIG_INVALID', `Cannot prepare data directory ${layout.root}`);
  }
  return layout;
}

/**
 * Tightens `path` and what lies under it to 0700 (directories) and 0600 (files). Symbolic links are
 * neither followed nor changed: the gateway makes none, and following one could chmod a file elsewhere.
 * Returns the paths it changed.
 */
export async function securePermissions(path: string, depth = 0): Promise<string[]> {
  const info = await lstat(path);
  const changed: string[] = [];
  if (info.isSymbolicLink()) return changed;
  const mode = info.isDirectory() ? PRIVATE_DIR_MODE : PRIVATE_FILE_MODE;
  // Only group/other bits matter: a file the owner made read-only stays so.
  if ((info.mode & 0o077) !== 0 && (info.isDirectory() || info.isFile())) {
    await chmod(path, mode);
    changed.push(path);
  }
  if (!info.isDirectory() || depth >= MAX_SECURE_DEPTH) return changed;
  for (const name of await readdir(path)) {
    changed.push(...(await securePermissions(join(path, name), depth + 1)));
  }
  return changed;
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
 * Reads the page token, creating it on first start with `create()` (mode 0600, never half-written). It
 * stays the same across restarts so a browser's cookie keeps working; delete the file to revoke it.
 */
export async function loadOrCreatePageToken(file: string, create: () => string): Promise<string> {
  try {
    await createFileOnce(file, `${create()}\n`, PRIVATE_FILE_MODE);
    const token = (await readFile(file, 'utf8')).trim();
    if (!/^[A-Za-z0-9_-]{32,256}$/.test(token)) {
      throw new GatewayError(
        'CONFIG_INVALID',
        `The page token in ${file} is not 32 to 256 letters, digits, - or _. Delete the file to get a new one.`,
      );
    }
    return token;
  } catch (error) {
    throw asGatewayError(error, 'CONFIG_INVALID', `Cannot read the page token ${file}`);
  }
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
