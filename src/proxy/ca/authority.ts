import { X509Certificate } from 'node:crypto';
import net from 'node:net';
import tls from 'node:tls';
import { GatewayError, messageOf } from '../../errors.js';
import { readCaFiles, writeCaFiles } from './ca-files.js';
import { importRoot, mintLeaf, mintRoot, type RootMaterial } from './certificates.js';
import { LeafCache } from './leaf-cache.js';

/**
 * Each cached leaf is a TLS context. Estimated at ~45 KB of OpenSSL memory when this bound was set (1,000 leaves
 * were then ~45 MB); re-measured on 2026-12-06 (Node 20, OpenSSL 3, EC P-256 leaves, 100 contexts): ~1 KB of
 * malloc memory each when built, ~13 KB each after one TLS handshake apiece (the handshake's allocator slack
 * included), so 256 cost at most ~3.5 MB. 256 intercepted names cover a home's devices; a name evicted past
 * them is minted again on its next connection (~17 CPU ms on a quiet machine).
 */
const DEFAULT_LEAF_CACHE_SIZE = 256;
/** A cached leaf this close to expiry is minted again (a gateway can run for a year). */
const RENEW_BEFORE_MS = 30 * 24 * 60 * 60 * 1000;
const HOSTNAME = /^(?=.{1,253}$)(?:[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?\.)*[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?$/;

interface Leaf {
  readonly context: tls.SecureContext;
  readonly notAfter: Date;
}

export interface CertificateAuthorityOptions {
  /** How many leaf certificates stay in memory (least recently used go first). */
  readonly leafCacheSize?: number;
}

/** The gateway's own root CA: created on first start, reloaded after, and the minter of per-host leaves. */
export class CertificateAuthority {
  private readonly leaves: LeafCache<Leaf>;
  private readonly der: Buffer;

  private constructor(
    private readonly root: RootMaterial,
    /** The root certificate in PEM, for devices to install. */
    readonly caPem: string,
    options: CertificateAuthorityOptions,
  ) {
    this.leaves = new LeafCache(options.leafCacheSize ?? DEFAULT_LEAF_CACHE_SIZE);
    this.der = root.der;
  }

  /** Loads ca.pem + ca-key.pem from `dir`, or creates them on first start. Throws CA_UNAVAILABLE. */
  static async loadOrCreate(dir: string, options: CertificateAuthorityOptions = {}): Promise<CertificateAuthority> {
    const files = await readCaFiles(dir);
    if (files === undefined) {
      const { root, keyPem } = await mintRoot();
      await writeCaFiles(dir, { certPem: root.certPem, keyPem });
      return new CertificateAuthority(root, root.certPem, options);
    }
    try {
      const root = importRoot(files.certPem, files.keyPem);
      if (root.notAfter.getTime() < Date.now()) throw new Error('the CA certificate has expired');
      return new CertificateAuthority(root, files.certPem, options);
    } catch (error) {
      const reason = messageOf(error);
      throw new GatewayError(
        'CA_UNAVAILABLE',
        `The gateway CA in ${dir} cannot be used (${reason}). Restore ca.pem and ca-key.pem from a backup, ` +
          'or remove both to create a new CA (devices must then trust the new one).',
        [],
        { cause: error },
      );
    }
  }

  /** The root certificate in DER, for clients that import `.cer`/`.crt` files. */
  caDer(): Buffer {
    return Buffer.from(this.der);
  }

  /** SHA-256 fingerprint, colon-separated hex, for the owner to compare with what a device shows. */
  get fingerprint256(): string {
    return new X509Certificate(this.der).fingerprint256;
  }

  /** `CN=…, O=…`, as @peculiar/x509 wrote it before. */
  get subject(): string {
    return new X509Certificate(this.der).subject.split('\n').join(', ');
  }

  get cachedLeafCount(): number {
    return this.leaves.size;
  }

  /** A TLS context presenting a leaf for `hostname` (DNS name or IP literal), minted once and cached. */
  async leafFor(hostname: string): Promise<tls.SecureContext> {
    const name = normaliseHostname(hostname);
    const leaf = await this.leaves.getOrCreate(
      name,
      async () => {
        const minted = await mintLeaf(this.root, name);
        const context = tls.createSecureContext({ key: minted.keyPem, cert: minted.certPem });
        return { context, notAfter: minted.notAfter };
      },
      (cached) => cached.notAfter.getTime() - Date.now() > RENEW_BEFORE_MS,
    );
    return leaf.context;
  }
}

/** Lowercases, drops a trailing dot and IPv6 brackets; throws REQUEST_INVALID for anything else odd. */
export function normaliseHostname(hostname: string): string {
  let name = hostname.trim().toLowerCase();
  if (name.startsWith('[') && name.endsWith(']')) name = name.slice(1, -1);
  if (name.endsWith('.')) name = name.slice(0, -1);
  if (net.isIP(name) !== 0 || HOSTNAME.test(name)) return name;
  throw new GatewayError('REQUEST_INVALID', `Cannot issue a certificate for "${hostname.slice(0, 80)}": not a hostname.`);
}
