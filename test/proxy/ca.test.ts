import { X509Certificate } from 'node:crypto';
import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import tls from 'node:tls';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GatewayError } from '../../src/errors.js';
import { CertificateAuthority } from '../../src/proxy/index.js';

let dir: string;

beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'pg-ca-'));
});

afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

const DAY_MS = 24 * 60 * 60 * 1000;

/** Serves `context` on a real TLS socket and returns the certificate a verifying client saw. */
async function presentedLeaf(context: tls.SecureContext, servername: string | undefined, caPem: string): Promise<X509Certificate> {
  const server = net.createServer((socket) => {
    const tlsSocket = new tls.TLSSocket(socket, { isServer: true, secureContext: context });
    tlsSocket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  try {
    // Without a servername the client checks the certificate against the IP it dialled.
    const client = tls.connect({ host: '127.0.0.1', port, ca: [caPem], ...(servername !== undefined && { servername }) });
    await new Promise<void>((resolve, reject) => {
      client.once('secureConnect', resolve);
      client.once('error', reject);
    });
    const leaf = client.getPeerX509Certificate();
    client.destroy();
    if (leaf === undefined) throw new Error('no peer certificate');
    return leaf;
  } finally {
    server.close();
  }
}

/** @peculiar/x509, an ASN.1 reader independent of the gateway's own DER code (it needs Reflect metadata first). */
async function independentX509(): Promise<typeof import('@peculiar/x509')> {
  await import('reflect-metadata');
  const x509 = await import('@peculiar/x509');
  x509.cryptoProvider.set(globalThis.crypto);
  return x509;
}

async function expectCaUnavailable(promise: Promise<unknown>, message: RegExp): Promise<void> {
  const error = await promise.then(
    () => undefined,
    (failure: unknown) => failure,
  );
  expect(error).toBeInstanceOf(GatewayError);
  expect(error).toMatchObject({ code: 'CA_UNAVAILABLE' });
  expect((error as GatewayError).message).toMatch(message);
}

describe('CertificateAuthority.loadOrCreate', () => {
  it('creates an ECDSA P-256 root CA with ca.pem and ca-key.pem both 0600', async () => {
    const ca = await CertificateAuthority.loadOrCreate(dir);
    const certStat = await fs.stat(path.join(dir, 'ca.pem'));
    const keyStat = await fs.stat(path.join(dir, 'ca-key.pem'));
    expect(certStat.mode & 0o777).toBe(0o600);
    expect(keyStat.mode & 0o777).toBe(0o600);
    expect(await fs.readFile(path.join(dir, 'ca-key.pem'), 'utf8')).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    expect((await fs.readdir(dir)).sort()).toEqual(['ca-key.pem', 'ca.pem']);

    const root = new X509Certificate(ca.caPem);
    expect(root.ca).toBe(true);
    expect(root.subject).toMatch(/CN=Privacy Gateway CA [0-9a-f]{8}/);
    expect(root.publicKey.asymmetricKeyDetails?.namedCurve).toBe('prime256v1');
    const years = (Date.parse(root.validTo) - Date.now()) / (365 * DAY_MS);
    expect(years).toBeGreaterThan(9.9);
    expect(root.verify(root.publicKey)).toBe(true);
  });

  it('marks basicConstraints critical and limits key usage to certificate and CRL signing', async () => {
    const ca = await CertificateAuthority.loadOrCreate(dir);
    const x509 = await independentX509();
    const root = new x509.X509Certificate(ca.caPem);
    const constraints = root.getExtension(x509.BasicConstraintsExtension);
    const usages = root.getExtension(x509.KeyUsagesExtension);
    expect(constraints).toMatchObject({ ca: true, critical: true });
    expect(usages?.critical).toBe(true);
    expect(usages?.usages).toBe(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign);
  });

  it('reloads the same CA on the next start', async () => {
    const first = await CertificateAuthority.loadOrCreate(dir);
    const second = await CertificateAuthority.loadOrCreate(dir);
    expect(second.caPem).toBe(first.caPem);
    expect(second.fingerprint256).toBe(first.fingerprint256);
    expect(second.caDer().equals(new X509Certificate(first.caPem).raw)).toBe(true);
  });

  it('refuses a key file readable by group or others', async () => {
    await CertificateAuthority.loadOrCreate(dir);
    await fs.chmod(path.join(dir, 'ca-key.pem'), 0o640);
    await expectCaUnavailable(CertificateAuthority.loadOrCreate(dir), /chmod 600/);
  });

  it.each([
    ['a corrupt key', 'ca-key.pem', '-----BEGIN PRIVATE KEY-----\nnot a key\n-----END PRIVATE KEY-----\n'],
    ['a corrupt certificate', 'ca.pem', 'garbage'],
  ])('refuses %s', async (_name, file, content) => {
    await CertificateAuthority.loadOrCreate(dir);
    await fs.writeFile(path.join(dir, file), content, { mode: 0o600 });
    await expectCaUnavailable(CertificateAuthority.loadOrCreate(dir), /cannot be used/);
  });

  it('refuses a key that does not belong to the certificate', async () => {
    const other = await fs.mkdtemp(path.join(os.tmpdir(), 'pg-ca-other-'));
    await CertificateAuthority.loadOrCreate(dir);
    await CertificateAuthority.loadOrCreate(other);
    await fs.copyFile(path.join(other, 'ca-key.pem'), path.join(dir, 'ca-key.pem'));
    await fs.rm(other, { recursive: true, force: true });
    await expectCaUnavailable(CertificateAuthority.loadOrCreate(dir), /does not match/);
  });

  it('refuses to replace a CA whose key file went missing', async () => {
    await CertificateAuthority.loadOrCreate(dir);
    await fs.rm(path.join(dir, 'ca-key.pem'));
    await expectCaUnavailable(CertificateAuthority.loadOrCreate(dir), /incomplete/);
  });
});

describe('CertificateAuthority.leafFor', () => {
  it.each([
    ['vendor.test', 'DNS:vendor.test'],
    ['Vendor.Test.', 'DNS:vendor.test'],
    ['127.0.0.1', 'IP Address:127.0.0.1'],
  ])('issues a leaf for %s with SAN %s that verifies against the CA', async (name, san) => {
    const ca = await CertificateAuthority.loadOrCreate(dir);
    const servername = net.isIP(name) === 0 ? name.toLowerCase().replace(/\.$/, '') : undefined;
    const leaf = await presentedLeaf(await ca.leafFor(name), servername, ca.caPem);
    expect(leaf.subjectAltName).toBe(san);
    expect(leaf.checkIssued(new X509Certificate(ca.caPem))).toBe(true);
    expect(leaf.ca).toBe(false);
    const days = (Date.parse(leaf.validTo) - Date.parse(leaf.validFrom)) / DAY_MS;
    expect(days).toBeLessThanOrEqual(397);
    expect(days).toBeGreaterThan(300);
  });

  it('mints leaves that verify against a root written by @peculiar/x509 (earlier versions)', async () => {
    const x509 = await independentX509();
    const keys = await globalThis.crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify']);
    const root = await x509.X509CertificateGenerator.createSelfSigned({
      serialNumber: '4a01',
      name: [{ CN: ['Privacy Gateway CA 0123abcd'] }, { O: ['Privacy Gateway'] }],
      keys,
      notBefore: new Date(Date.now() - DAY_MS),
      notAfter: new Date(Date.now() + 3652 * DAY_MS),
      signingAlgorithm: { name: 'ECDSA', hash: 'SHA-256' },
      extensions: [
        new x509.BasicConstraintsExtension(true, 0, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
        await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
      ],
    });
    const pkcs8 = await globalThis.crypto.subtle.exportKey('pkcs8', keys.privateKey);
    await fs.writeFile(path.join(dir, 'ca.pem'), root.toString('pem'), { mode: 0o600 });
    await fs.writeFile(path.join(dir, 'ca-key.pem'), x509.PemConverter.encode(pkcs8, 'PRIVATE KEY'), { mode: 0o600 });

    const ca = await CertificateAuthority.loadOrCreate(dir);
    expect(ca.subject).toBe('CN=Privacy Gateway CA 0123abcd, O=Privacy Gateway');
    const leaf = await presentedLeaf(await ca.leafFor('vendor.test'), 'vendor.test', ca.caPem);
    expect(leaf.checkIssued(new X509Certificate(ca.caPem))).toBe(true);
    const read = new x509.X509Certificate(leaf.raw);
    const rootKeyId = root.getExtension(x509.SubjectKeyIdentifierExtension)?.keyId;
    expect(rootKeyId).toMatch(/^[0-9a-f]{40}$/);
    expect(read.getExtension(x509.AuthorityKeyIdentifierExtension)?.keyId).toBe(rootKeyId);
    expect(read.issuer).toBe(root.subject);
  });

  it('gives a leaf a critical end-entity basicConstraints, digitalSignature, serverAuth and a v3 serial', async () => {
    const x509 = await independentX509();
    const ca = await CertificateAuthority.loadOrCreate(dir);
    const leaf = new x509.X509Certificate((await presentedLeaf(await ca.leafFor('vendor.test'), 'vendor.test', ca.caPem)).raw);
    expect(leaf.getExtension(x509.BasicConstraintsExtension)).toMatchObject({ ca: false, critical: true });
    const usages = leaf.getExtension(x509.KeyUsagesExtension);
    expect(usages).toMatchObject({ usages: x509.KeyUsageFlags.digitalSignature, critical: true });
    expect(leaf.getExtension(x509.ExtendedKeyUsageExtension)?.usages).toEqual([x509.ExtendedKeyUsage.serverAuth]);
    expect(leaf.serialNumber).toMatch(/^[4-7][0-9a-f]{31}$/);
    expect(leaf.subject).toBe('CN=vendor.test, O=Privacy Gateway');
  });

  it.each([
    ['::1', '::1'],
    ['2001:db8::8:800:200c:417a', '2001:db8::8:800:200c:417a'],
    ['::ffff:192.0.2.1', '::ffff:c000:201'],
  ])('puts the IPv6 literal %s in the SAN as %s', async (address, read) => {
    const x509 = await independentX509();
    const ca = await CertificateAuthority.loadOrCreate(dir);
    const { mintLeaf, importRoot } = await import('../../src/proxy/ca/certificates.js');
    const minted = await mintLeaf(importRoot(ca.caPem, await fs.readFile(path.join(dir, 'ca-key.pem'), 'utf8')), address);
    const san = new x509.X509Certificate(minted.certPem).getExtension(x509.SubjectAlternativeNameExtension);
    expect(san?.names.items.map((item) => [item.type, item.value])).toEqual([['ip', read]]);
    expect(new X509Certificate(minted.certPem).checkIP(address)).toBe(address);
  });

  it('caches a leaf per name and shares one minting between concurrent requests', async () => {
    const ca = await CertificateAuthority.loadOrCreate(dir);
    const [a, b] = await Promise.all([ca.leafFor('vendor.test'), ca.leafFor('vendor.test')]);
    expect(a).toBe(b);
    expect(await ca.leafFor('VENDOR.test')).toBe(a);
    expect(ca.cachedLeafCount).toBe(1);
  });

  it('evicts the least recently used leaf when the cache is full', async () => {
    const ca = await CertificateAuthority.loadOrCreate(dir, { leafCacheSize: 2 });
    const first = await ca.leafFor('a.test');
    await ca.leafFor('b.test');
    await ca.leafFor('a.test'); // a is now the most recent
    await ca.leafFor('c.test'); // evicts b
    expect(ca.cachedLeafCount).toBe(2);
    expect(await ca.leafFor('a.test')).toBe(first);
  });

  it.each(['', 'has space.test', 'a'.repeat(64) + '.test', 'under/score'])('refuses to mint for %j', async (name) => {
    const ca = await CertificateAuthority.loadOrCreate(dir);
    await expect(ca.leafFor(name)).rejects.toMatchObject({ code: 'REQUEST_INVALID' });
  });
});
