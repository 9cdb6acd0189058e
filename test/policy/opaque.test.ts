import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { deflateSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { MIN_BASE64_LENGTH, MIN_HEX_LENGTH, detectOpaque, detectOpaqueBody } from '../../src/policy/opaque.js';

/** A string value from a corpus fixture, by its path segments. */
function corpusValue(file: string, ...segments: (string | number)[]): string {
  let node: unknown = JSON.parse(readFileSync(new URL(`../fixtures/corpus/${file}`, import.meta.url), 'utf8'));
  for (const segment of segments) node = (node as Record<string | number, unknown>)[segment];
  if (typeof node !== 'string') throw new Error(`${file} ${segments.join('.')} is not a string`);
  return node;
}

function wav(bytes: number): Buffer {
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(36 + bytes, 4);
  header.write('WAVEfmt ', 8, 'ascii');
  return Buffer.concat([header, randomBytes(bytes)]);
}

const json = JSON.stringify({ lat: 52.5, lon: 13.4, tid: 'aa', tst: 1709037003, batt: 100, conn: 'w', SSID: 'home' });

describe('detectOpaque on corpus blobs', () => {
  it('flags the OwnTracks face as a base64 PNG image', () => {
    const finding = detectOpaque(corpusValue('owntracks-card-face.json', 'face'));
    expect(finding?.kind).toBe('binary');
    expect(finding?.reason).toContain('PNG image');
  });

  it('flags the Netatmo cipher_id (`enc:16:` prefix) as encrypted', () => {
    const finding = detectOpaque(corpusValue('netatmo-getstationsdata.json', 'body', 'devices', 0, 'cipher_id'));
    expect(finding?.kind).toBe('encrypted');
    expect(finding?.reason).toContain('enc:16:');
  });

  it('flags the Susi audio sample: 90 characters of base64 (the doc sample decodes to text)', () => {
    const finding = detectOpaque(corpusValue('susi-asr-audio-captured.json', 'audio'));
    expect(finding?.kind).toBe('base64');
    expect(finding?.reason).toContain('text');
  });

  it.each([
    ['Tapo ssid (short base64 text)', 'tplink-tapo-p110-device-info.json', ['get_device_info', 'ssid']],
    ['Tapo nickname (short base64 text)', 'tplink-tapo-p110-device-info.json', ['get_device_info', 'nickname']],
    ['iRobot batInfo.mData (42 hex, below the hex threshold)', 'irobot-roomba-state-reported.json', ['state', 'reported', 'batInfo', 'mData']],
    ['iRobot batInfo.mLife (64 hex, below the hex threshold)', 'irobot-roomba-state-reported.json', ['state', 'reported', 'batInfo', 'mLife']],
    ['iRobot wlcfg.ssid (short hex text)', 'irobot-roomba-wifistat.json', ['state', 'reported', 'wlcfg', 'ssid']],
    ['OwnTracks encrypted placeholder `TestCipherText`', 'owntracks-encrypted.json', ['data']],
    ['Tuya schema (JSON in a string)', 'tuya-device-active-response.json', ['result', 'schema']],
    ['Ring sip_token (45 hex)', 'ring-ding-active.json', [0, 'sip_token']],
    ['Tuya app deviceId (44 hex)', 'tuya-app-request-params.json', ['deviceId']],
  ])('does not flag the %s', (_name, file, segments) => {
    expect(detectOpaque(corpusValue(file, ...segments))).toBeUndefined();
  });
});

/**
 * Near-random bytes that are the same on every run: truly random ones start with a compressed format's
 * magic number now and then (a valid zlib header is 2 bytes with a checksum), which made this flaky.
 */
function fixedNoise(length: number, seed: string): Buffer {
  const blocks: Buffer[] = [];
  for (let i = 0; blocks.length * 32 < length; i += 1) blocks.push(createHash('sha256').update(`${seed}:${i}`).digest());
  return Buffer.concat(blocks).subarray(0, length);
}

describe('detectOpaque on generated blobs', () => {
  it.each([
    ['base64', fixedNoise(48, 'a').toString('base64')],
    ['base64url', fixedNoise(200, 'b').toString('base64url')],
    ['hex', fixedNoise(64, 'c').toString('hex')],
    ['large base64', fixedNoise(4096, 'd').toString('base64')],
  ])('calls random bytes as %s encrypted', (_encoding, value) => {
    const finding = detectOpaque(value);
    expect(finding?.kind).toBe('encrypted');
    expect(finding?.length).toBe(value.length);
  });

  it('gives the entropy in bits per decoded byte', () => {
    const finding = detectOpaque(fixedNoise(4096, 'e').toString('base64'));
    expect(finding?.entropy).toBeGreaterThan(7.9);
    expect(finding?.entropy).toBeLessThanOrEqual(8);
  });

  it.each([
    ['gzip', gzipSync(json).toString('base64'), 'gzip'],
    ['zlib', deflateSync(json).toString('base64'), 'zlib'],
  ])('calls %s of JSON compressed', (_name, value, reason) => {
    const finding = detectOpaque(value);
    expect(finding?.kind).toBe('compressed');
    expect(finding?.reason).toContain(reason);
  });

  it('calls base64 WAV audio binary', () => {
    const finding = detectOpaque(wav(200).toString('base64'));
    expect(finding?.kind).toBe('binary');
    expect(finding?.reason).toContain('WAV audio');
  });

  it('reads through a data: URI prefix', () => {
    const png = Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), randomBytes(80)]);
    expect(detectOpaque(`data:image/png;base64,${png.toString('base64')}`)?.kind).toBe('binary');
  });

  it('calls a low-entropy binary structure in hex `hex`', () => {
    const struct = Buffer.alloc(60);
    struct.writeUInt32BE(0xdeadbeef, 0);
    struct.writeUInt16LE(1234, 20);
    expect(detectOpaque(struct.toString('hex'))?.kind).toBe('hex');
  });

  it.each([
    ['enc:16:', `enc:16:${randomBytes(24).toString('base64')}`],
    ['aes:', `aes:${randomBytes(12).toString('hex')}`],
    // Random base64 with no digit in it (about one value in 230 of this length): the prefix still says ciphertext.
    ['enc:16: (no digit)', 'enc:16:NFDpR/YbBCnEZZwHDnwWLPPv/+TPQRiO'],
    ['aes: (hex of digits only)', 'aes:279792637556310171363500'],
  ])('calls a %s-prefixed value encrypted although it is short', (_prefix, value) => {
    expect(detectOpaque(value)?.kind).toBe('encrypted');
  });

  it(`flags base64 from ${MIN_BASE64_LENGTH} characters and hex from ${MIN_HEX_LENGTH}`, () => {
    expect(detectOpaque(randomBytes(45).toString('base64').slice(0, MIN_BASE64_LENGTH - 4))).toBeUndefined();
    expect(detectOpaque(randomBytes(48).toString('base64'))).toBeDefined();
    expect(detectOpaque(randomBytes(MIN_HEX_LENGTH / 2 - 1).toString('hex'))).toBeUndefined();
    expect(detectOpaque(randomBytes(MIN_HEX_LENGTH / 2).toString('hex'))).toBeDefined();
  });
});

describe('detectOpaque on ordinary strings', () => {
  it.each([
    ['a sentence', 'The quick brown fox jumps over the lazy dog while the kettle boils on the stove in the kitchen.'],
    ['a URL', 'https://shelly-api-docs.shelly.cloud/gen2/General/Notifications?example=1&verbose=true&lang=en'],
    ['a UUID', '0e24799a-aa63-4205-9808-74ee92f2436b'],
    ['a JWT', 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c'],
    ['a 12-hex MAC', 'C45BBE78A8A4'],
    ['a 32-hex BLID', '9894F1D88B6D4973B8070A8C49BF9A6E'],
    ['a 40-hex device id', 'e742886e7bca1f0b6b99d8483ac0003fca13a18b'],
    ['a SHA-256 digest', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
    ['short base64 of text', 'I01BU0tFRF9TU0lEIw=='],
    ['a long number', '874254554153589123344310513025518144178118874254554153589123344310513025518144178118'],
    ['an ISO timestamp', '2024-02-24T22:20:38.123456789+01:00'],
    ['JSON in a string', json],
    ['a long lower-case word run', 'abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz'],
    ['a file path', '/var/lib/privacy-gateway/ledger/2024/02/24/flows-and-decisions-for-device-kitchen-plug.sqlite'],
    ['an empty string', ''],
  ])('does not flag %s', (_name, value) => {
    expect(detectOpaque(value)).toBeUndefined();
  });
});

describe('detectOpaqueBody', () => {
  it.each([
    ['random application/octet-stream', randomBytes(2048), 'application/octet-stream', 'encrypted'],
    ['random bytes without a type', randomBytes(2048), undefined, 'encrypted'],
    ['a zero-heavy protobuf', Buffer.concat([Buffer.from([0x08, 0x96, 0x01, 0x12, 0x04]), Buffer.alloc(300)]), 'application/x-protobuf', 'binary'],
    ['a PNG labelled image/png', Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), randomBytes(500)]), 'image/png', 'binary'],
    ['a WAV without a type', wav(1000), undefined, 'binary'],
    ['gzip declared as JSON', gzipSync(json), 'application/json; charset=utf-8', 'compressed'],
    ['gzip as octet-stream', gzipSync(json), 'application/octet-stream', 'compressed'],
  ])('flags %s', (_name, body, contentType, kind) => {
    const finding = detectOpaqueBody(body, contentType);
    expect(finding?.kind).toBe(kind);
    expect(finding?.length).toBe(body.length);
  });

  it.each([
    ['JSON', Buffer.from(json), 'application/json'],
    ['JSON without a type', Buffer.from(json), undefined],
    ['a form', Buffer.from('a=1&b=two'), 'application/x-www-form-urlencoded'],
    ['NMEA text without a type', Buffer.from('$PGID,123456789012345*0F\r\n$GPRMC,225446,A,4916.45,N\r\n'), undefined],
    ['an empty body', Buffer.alloc(0), 'application/octet-stream'],
  ])('does not flag %s', (_name, body, contentType) => {
    expect(detectOpaqueBody(body, contentType)).toBeUndefined();
  });
});
