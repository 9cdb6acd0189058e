/**
 * The CA's two files: ca.pem (the certificate devices install, served by the page from memory) and
 * ca-key.pem (PKCS#8). Both 0600 like everything in the data directory (issue 8); the certificate is public
 * through the page, not through the file system.
 * Writes are atomic (temp file + rename) so a crash never leaves half a key behind.
 */
import { randomBytes } from 'node:crypto';
import type { Stats } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { GatewayError, messageOf } from '../../errors.js';

export const CA_CERT_FILE = 'ca.pem';
export const CA_KEY_FILE = 'ca-key.pem';

export interface CaFiles {
  readonly certPem: string;
  readonly keyPem: string;
}

/** undefined when neither file exists (first start); throws CA_UNAVAILABLE for anything half there or unsafe. */
export async function readCaFiles(dir: string): Promise<CaFiles | undefined> {
  const certPath = path.join(dir, CA_CERT_FILE);
  const keyPath = path.join(dir, CA_KEY_FILE);
  const [certStat, keyStat] = await Promise.all([statOrUndefined(certPath), statOrUndefined(keyPath)]);
  if (certStat === undefined && keyStat === undefined) return undefined;
  if (certStat === undefined || keyStat === undefined) {
    const missing = certStat === undefined ? certPath : keyPath;
    // Regenerating would silently invalidate the CA every device already trusts.
    throw new GatewayError(
      'CA_UNAVAILABLE',
      `The gateway CA is incomplete: ${missing} is missing. Restore it, or remove both ${CA_CERT_FILE} and ` +
        `${CA_KEY_FILE} from ${dir} to create a new CA (devices must then trust the new one).`,
    );
  }
  if ((keyStat.mode & 0o077) !== 0) {
    const mode = (keyStat.mode & 0o777).toString(8).padStart(4, '0');
    throw new GatewayError(
      'CA_UNAVAILABLE',
      `The CA private key ${keyPath} is readable by other users (mode ${mode}). Run \`chmod 600 ${keyPath}\` ` +
        'and start again; if others may have read it, remove both CA files to create a new CA.',
    );
  }
  try {
    const [certPem, keyPem] = await Promise.all([fs.readFile(certPath, 'utf8'), fs.readFile(keyPath, 'utf8')]);
    return { certPem, keyPem };
  } catch (error) {
    throw new GatewayError('CA_UNAVAILABLE', `Cannot read the gateway CA in ${dir}: ${messageOf(error)}`, [], {
      cause: error,
    });
  }
}

export async function writeCaFiles(dir: string, files: CaFiles): Promise<void> {
  try {
    await fs.mkdir(dir, { recursive: true, mode: 0o700 });
    // Key first: a crash between the two renames leaves an incomplete CA that readCaFiles reports.
    await writeAtomic(path.join(dir, CA_KEY_FILE), files.keyPem, 0o600);
    await writeAtomic(path.join(dir, CA_CERT_FILE), files.certPem, 0o600);
  } catch (error) {
    throw new GatewayError('CA_UNAVAILABLE', `Cannot write the gateway CA to ${dir}: ${messageOf(error)}`, [], {
      cause: error,
    });
  }
}

async function writeAtomic(file: string, content: string, mode: number): Promise<void> {
  const temp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  // The mode is set at creation, so the key is never readable by others, not even briefly.
  const handle = await fs.open(temp, 'wx', mode);
  try {
    await handle.writeFile(content, 'utf8');
    await handle.chmod(mode); // the umask may have narrowed it
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await fs.rename(temp, file);
  } catch (error) {
    await fs.rm(temp, { force: true });
    throw error;
  }
}

async function statOrUndefined(file: string): Promise<Stats | undefined> {
  try {
    return await fs.stat(file);
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.code === 'ENOENT') return undefined;
    throw new GatewayError('CA_UNAVAILABLE', `Cannot read ${file}: ${messageOf(error)}`, [], { cause: error });
  }
}
