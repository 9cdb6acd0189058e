/**
 * Minting the gateway's root CA and the leaf certificates it shows to devices, with Node's crypto and the
 * DER encodings in der.ts. Everything is ECDSA P-256 / SHA-256: small, fast, accepted by every TLS stack.
 * A root written by an earlier version (minted with @peculiar/x509) reads back the same way: its subject is
 * copied into each leaf's issuer byte for byte, and its subject key identifier becomes each leaf's authority
 * key identifier, which is what verifiers match.
 */
import { createHash, createPrivateKey, generateKeyPair, KeyObject, randomBytes, sign, X509Certificate } from 'node:crypto';
import net from 'node:net';
import { promisify } from 'node:util';
import { bitString, children, contextTag, element, octetString, oid, sequence, TAG, time, tlv, unsignedInteger, utf8String } from './der.js';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Leaves stay under the 398-day limit browsers and Apple clients enforce. */
export const LEAF_VALIDITY_DAYS = 365;
const ROOT_VALIDITY_DAYS = 3652;
/** Backdating tolerates devices whose clocks run a little behind. */
const BACKDATE_MS = DAY_MS;
const ORGANISATION = 'Privacy Gateway';

// Object identifiers, as their encoded content bytes.
const ECDSA_WITH_SHA256 = [0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, 0x02];
const COMMON_NAME = [0x55, 0x04, 0x03];
const ORGANISATION_NAME = [0x55, 0x04, 0x0a];
const SUBJECT_KEY_ID = [0x55, 0x1d, 0x0e];
const KEY_USAGE = [0x55, 0x1d, 0x0f];
const SUBJECT_ALT_NAME = [0x55, 0x1d, 0x11];
const BASIC_CONSTRAINTS = [0x55, 0x1d, 0x13];
const AUTHORITY_KEY_ID = [0x55, 0x1d, 0x23];
const EXTENDED_KEY_USAGE = [0x55, 0x1d, 0x25];
const SERVER_AUTH = [0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x03, 0x01];
const SIGNATURE_ALGORITHM = sequence(oid(ECDSA_WITH_SHA256));

const generateEcKeys = promisify(generateKeyPair);
const newKeys = (): Promise<{ publicKey: KeyObject; privateKey: KeyObject }> => generateEcKeys('ec', { namedCurve: 'prime256v1' });

export interface RootMaterial {
  readonly certPem: string;
  readonly der: Buffer;
  /** The encoded subject Name: each leaf's issuer, byte for byte. */
  readonly subjectDer: Buffer;
  /** The root's subject key identifier: each leaf's authority key identifier. */
  readonly keyId: Buffer;
  readonly privateKey: KeyObject;
  readonly notAfter: Date;
}

export interface LeafMaterial {
  readonly certPem: string;
  readonly keyPem: string;
  readonly notAfter: Date;
}

export async function mintRoot(now: Date = new Date()): Promise<{ root: RootMaterial; keyPem: string }> {
  const keys = await newKeys();
  const spki = keys.publicKey.export({ type: 'spki', format: 'der' });
  const keyId = keyIdentifier(spki);
  const subject = name(`Privacy Gateway CA ${randomBytes(4).toString('hex')}`);
  const notAfter = new Date(now.getTime() + ROOT_VALIDITY_DAYS * DAY_MS);
  const der = signed(keys.privateKey, subject, subject, spki, new Date(now.getTime() - BACKDATE_MS), notAfter, [
    // A CA that may sign leaves only (path length 0), for certificates and CRLs only.
    extension(BASIC_CONSTRAINTS, true, sequence(tlv(TAG.boolean, Buffer.from([0xff])), unsignedInteger(Buffer.from([0])))),
    extension(KEY_USAGE, true, bitString(Buffer.from([0x06]), 1)), // keyCertSign (bit 5) | cRLSign (bit 6)
    extension(SUBJECT_KEY_ID, false, octetString(keyId)),
  ]);
  const root = { certPem: pem(der), der, subjectDer: subject, keyId, privateKey: keys.privateKey, notAfter };
  return { root, keyPem: keyPemOf(keys.privateKey) };
}

/** Reads a PEM pair back; throws on anything unreadable so the caller can name the file. */
export function importRoot(certPem: string, keyPem: string): RootMaterial {
  const certificate = new X509Certificate(certPem);
  const privateKey = createPrivateKey(keyPem);
  if (privateKey.asymmetricKeyType !== 'ec' || privateKey.asymmetricKeyDetails?.namedCurve !== 'prime256v1') {
    throw new Error('the private key is not an ECDSA P-256 key');
  }
  // A key that does not belong to the certificate would mint leaves no device can verify.
  if (!certificate.checkPrivateKey(privateKey)) throw new Error('the private key does not match the certificate');
  if (!certificate.ca) throw new Error('the certificate is not a CA certificate');
  const { subjectDer, spki, keyId } = readCertificate(certificate.raw);
  return { certPem, der: certificate.raw, subjectDer, keyId: keyId ?? keyIdentifier(spki), privateKey, notAfter: new Date(certificate.validTo) };
}

export async function mintLeaf(root: RootMaterial, hostname: string, now: Date = new Date()): Promise<LeafMaterial> {
  const keys = await newKeys();
  const notAfter = new Date(now.getTime() + LEAF_VALIDITY_DAYS * DAY_MS);
  const isIp = net.isIP(hostname) !== 0;
  // CN is limited to 64 characters; the SAN is what clients check anyway.
  const subject = hostname.length <= 64 ? name(hostname) : sequence(rdn(ORGANISATION_NAME, ORGANISATION));
  const altName = isIp ? contextTag(7, false, ipBytes(hostname)) : contextTag(2, false, Buffer.from(hostname, 'ascii'));
  const der = signed(root.privateKey, root.subjectDer, subject, keys.publicKey.export({ type: 'spki', format: 'der' }),
    new Date(now.getTime() - BACKDATE_MS), notAfter, [
      extension(BASIC_CONSTRAINTS, true, sequence()),
      extension(KEY_USAGE, true, bitString(Buffer.from([0x80]), 7)), // digitalSignature (bit 0)
      extension(EXTENDED_KEY_USAGE, false, sequence(oid(SERVER_AUTH))),
      extension(SUBJECT_ALT_NAME, false, sequence(altName)),
      extension(AUTHORITY_KEY_ID, false, sequence(contextTag(0, false, root.keyId))),
    ]);
  return { certPem: pem(der), keyPem: keyPemOf(keys.privateKey), notAfter };
}

/** A TBSCertificate (v3) signed with `signingKey`, as the whole certificate's DER. */
function signed(signingKey: KeyObject, issuer: Buffer, subject: Buffer, spki: Buffer, notBefore: Date, notAfter: Date, extensions: Buffer[]): Buffer {
  const tbs = sequence(
    contextTag(0, true, unsignedInteger(Buffer.from([2]))),
    tlv(TAG.integer, serialNumber()),
    SIGNATURE_ALGORITHM,
    issuer,
    sequence(time(notBefore), time(notAfter)),
    subject,
    spki,
    contextTag(3, true, sequence(...extensions)),
  );
  return sequence(tbs, SIGNATURE_ALGORITHM, bitString(sign('sha256', tbs, { key: signingKey, dsaEncoding: 'der' })));
}

function extension(id: readonly number[], critical: boolean, value: Buffer): Buffer {
  return critical ? sequence(oid(id), tlv(TAG.boolean, Buffer.from([0xff])), octetString(value)) : sequence(oid(id), octetString(value));
}

const rdn = (type: readonly number[], value: string): Buffer => tlv(TAG.set, sequence(oid(type), utf8String(value)));
const name = (commonName: string): Buffer => sequence(rdn(COMMON_NAME, commonName), rdn(ORGANISATION_NAME, ORGANISATION));

/** RFC 5280 4.2.1.2 method 1: SHA-1 of the subjectPublicKey bits. */
function keyIdentifier(spki: Buffer): Buffer {
  const [, key] = children(element(spki).content);
  if (key === undefined || key.tag !== TAG.bitString) throw new Error('unreadable public key');
  return createHash('sha1').update(key.content.subarray(1)).digest();
}

/** Certificate → TBSCertificate → subject, subjectPublicKeyInfo and the subject key identifier if present. */
function readCertificate(der: Buffer): { subjectDer: Buffer; spki: Buffer; keyId: Buffer | undefined } {
  const [tbs] = children(element(der).content);
  if (tbs === undefined) throw new Error('unreadable certificate');
  const fields = children(tbs.content);
  const at = fields[0]?.tag === 0xa0 ? 1 : 0; // the optional [0] version
  const subject = fields[at + 4];
  const spki = fields[at + 5];
  if (subject === undefined || spki === undefined) throw new Error('unreadable certificate');
  const extensions = fields.find((field) => field.tag === 0xa3);
  let keyId: Buffer | undefined;
  for (const ext of extensions === undefined ? [] : children(element(extensions.content).content)) {
    const [id, ...rest] = children(ext.content);
    const value = rest.at(-1);
    if (id?.content.equals(Buffer.from(SUBJECT_KEY_ID)) && value !== undefined) keyId = element(value.content).content;
  }
  return { subjectDer: subject.raw, spki: spki.raw, keyId };
}

/** The 4 or 16 address bytes of an IP literal (net.isIP already said it is one). */
function ipBytes(address: string): Buffer {
  if (net.isIPv4(address)) return Buffer.from(address.split('.').map(Number));
  let text = address;
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(text)?.[1];
  if (v4 !== undefined) {
    const [a = 0, b = 0, c = 0, d = 0] = v4.split('.').map(Number);
    text = text.slice(0, -v4.length) + `${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const groups = (part: string): string[] => (part === '' ? [] : part.split(':'));
  const left = groups(head);
  const right = tail === undefined ? [] : groups(tail);
  const all = [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right];
  const bytes = Buffer.alloc(16);
  all.forEach((group, i) => bytes.writeUInt16BE(parseInt(group, 16), i * 2));
  return bytes;
}

function pem(der: Buffer): string {
  const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----\n`;
}

function keyPemOf(key: KeyObject): string {
  return String(key.export({ type: 'pkcs8', format: 'pem' }));
}

/** 16 random bytes, first byte in 0x40..0x7f: positive and minimally DER-encoded, unique in practice. */
function serialNumber(): Buffer {
  const bytes = randomBytes(16);
  bytes[0] = ((bytes[0] ?? 0) & 0x3f) | 0x40;
  return bytes;
}
