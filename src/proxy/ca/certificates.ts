/**
 * Minting the gateway's root CA and the leaf certificates it shows to devices, with @peculiar/x509
 * over Node's WebCrypto. Everything is ECDSA P-256 / SHA-256: small, fast, accepted by every TLS stack.
 */
import net from 'node:net';
// @peculiar/x509 (through tsyringe) needs the Reflect metadata API loaded first.
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';

x509.cryptoProvider.set(globalThis.crypto);

const EC_KEY = { name: 'ECDSA', namedCurve: 'P-256' } as const;
const SIGNING = { name: 'ECDSA', hash: 'SHA-256' } as const;
const DAY_MS = 24 * 60 * 60 * 1000;
/** Leaves stay under the 398-day limit browsers and Apple clients enforce. */
export const LEAF_VALIDITY_DAYS = 365;
const ROOT_VALIDITY_DAYS = 3652;
/** Backdating tolerates devices whose clocks run a little behind. */
const BACKDATE_MS = DAY_MS;

export interface RootMaterial {
  readonly certificate: x509.X509Certificate;
  readonly privateKey: CryptoKey;
}

export interface LeafMaterial {
  readonly certPem: string;
  readonly keyPem: string;
  readonly notAfter: Date;
}

export async function mintRoot(now: Date = new Date()): Promise<{ root: RootMaterial; keyPem: string }> {
  const keys = await globalThis.crypto.subtle.generateKey(EC_KEY, true, ['sign', 'verify']);
  const shortId = randomHex(4);
  const certificate = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serialNumber(),
    name: [{ CN: [`Privacy Gateway CA ${shortId}`] }, { O: ['Privacy Gateway'] }],
    keys,
    notBefore: new Date(now.getTime() - BACKDATE_MS),
    notAfter: new Date(now.getTime() + ROOT_VALIDITY_DAYS * DAY_MS),
    signingAlgorithm: SIGNING,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  return { root: { certificate, privateKey: keys.privateKey }, keyPem: await exportKeyPem(keys.privateKey) };
}

/** Reads a PEM pair back; throws on anything unreadable so the caller can name the file. */
export async function importRoot(certPem: string, keyPem: string): Promise<RootMaterial> {
  const certificate = new x509.X509Certificate(certPem);
  const pkcs8 = x509.PemConverter.decodeFirst(keyPem);
  const privateKey = await globalThis.crypto.subtle.importKey('pkcs8', pkcs8, EC_KEY, true, ['sign']);
  // A key that does not belong to the certificate would mint leaves no device can verify.
  const challenge = globalThis.crypto.getRandomValues(new Uint8Array(32));
  const signature = await globalThis.crypto.subtle.sign(SIGNING, privateKey, challenge);
  const publicKey = await certificate.publicKey.export(EC_KEY, ['verify']);
  if (!(await globalThis.crypto.subtle.verify(SIGNING, publicKey, signature, challenge))) {
    throw new Error('the private key does not match the certificate');
  }
  const constraints = certificate.getExtension(x509.BasicConstraintsExtension);
  if (constraints?.ca !== true) throw new Error('the certificate is not a CA certificate');
  return { certificate, privateKey };
}

export async function mintLeaf(root: RootMaterial, hostname: string, now: Date = new Date()): Promise<LeafMaterial> {
  const keys = await globalThis.crypto.subtle.generateKey(EC_KEY, true, ['sign', 'verify']);
  const notAfter = new Date(now.getTime() + LEAF_VALIDITY_DAYS * DAY_MS);
  const isIp = net.isIP(hostname) !== 0;
  const certificate = await x509.X509CertificateGenerator.create({
    serialNumber: serialNumber(),
    // CN is limited to 64 characters; the SAN is what clients check anyway.
    subject: hostname.length <= 64 ? [{ CN: [hostname] }, { O: ['Privacy Gateway'] }] : [{ O: ['Privacy Gateway'] }],
    issuer: root.certificate.subject,
    publicKey: keys.publicKey,
    signingKey: root.privateKey,
    notBefore: new Date(now.getTime() - BACKDATE_MS),
    notAfter,
    signingAlgorithm: SIGNING,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      new x509.SubjectAlternativeNameExtension([{ type: isIp ? 'ip' : 'dns', value: hostname }]),
      await x509.AuthorityKeyIdentifierExtension.create(root.certificate.publicKey),
    ],
  });
  return { certPem: certificate.toString('pem'), keyPem: await exportKeyPem(keys.privateKey), notAfter };
}

async function exportKeyPem(key: CryptoKey): Promise<string> {
  const pkcs8 = await globalThis.crypto.subtle.exportKey('pkcs8', key);
  return x509.PemConverter.encode(pkcs8, 'PRIVATE KEY');
}

/** 16 random bytes, first byte in 0x40..0x7f: positive and minimally DER-encoded, unique in practice. */
function serialNumber(): string {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(16));
  bytes[0] = ((bytes[0] ?? 0) & 0x3f) | 0x40;
  return Buffer.from(bytes).toString('hex');
}

function randomHex(bytes: number): string {
  return Buffer.from(globalThis.crypto.getRandomValues(new Uint8Array(bytes))).toString('hex');
}
