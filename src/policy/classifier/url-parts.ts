import { BoundedMemo } from '../../memo.js';
import type { ScalarValue } from '../../payload/index.js';
import type { DataCategory } from '../categories.js';
import { finding, type Detector, type Finding, type Signal } from './detector.js';
import { readKey } from './words.js';

/**
 * `url-parts`: what a URL carries in its parts, whatever key it is under (RFC 3986: scheme, userinfo,
 * host, query). A URL is read for what it holds, not only for where it points:
 * - a password in its userinfo (`rtsp://user:pass@host/…`) is a secret (credentials, certain: no key
 *   word makes it harmless);
 * - a query parameter named for a secret (`StmKey=…`, `access_token=…`, `sig=…`) with a value of 8 or
 *   more characters is one (credentials);
 * - a host written as an IP address (not loopback, not `0.0.0.0`) is the address of a host of the home
 *   or of whoever runs it (network);
 * - a streaming scheme (`rtsp`, `rtsps`, `rtmp`, `rtmps`, `srt`) or a query asking for a picture or
 *   video format (`format=mjpeg`) makes it a camera's stream or picture (media; certain for the scheme,
 *   which no vendor API uses).
 * - a HomeKit setup payload (`X-HM://…`) or a Matter onboarding payload (`MT:…`) encodes the pairing
 *   code of a device: whoever has it can pair it (credentials, certain).
 * - a relative path to a picture, clip or recording (`api/storage/…/0.jpg`, `../dreams/x.jpg`) is media:
 *   what a URL would say by its extension, without the scheme.
 * The findings quote which part spoke, never the URL.
 */
export const URL_PARTS = 'url-parts';

const AUTHORITY = /^([a-z][a-z0-9+.-]{1,15}):\/\/([^/?#\s]*)/i;
/** HomeKit Accessory Protocol setup URI and Matter's base-38 onboarding payload. */
const SETUP_PAYLOAD = /^(?:X-HM:\/\/[0-9A-Z]{9,}|MT:[0-9A-Z.-]{19,})$/;
/** A relative path (`a/b/c.jpg`, `../x.mp4`) ending in a picture, video or audio type. */
const RELATIVE_MEDIA_PATH = /^(?:\.{1,2}\/|[\w-]+\/)[^\s?#]{0,1024}\.(?:jpe?g|png|gif|webp|heic|bmp|tiff?|mp4|m4v|mov|mkv|avi|webm|h264|ts|m4a|mp3|wav|ogg|oga|flac|aac|opus|amr)$/i;
const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;
const STREAM_SCHEMES = new Set(['rtsp', 'rtsps', 'rtmp', 'rtmps', 'srt']);
const MEDIA_FORMATS = new Set(['mjpeg', 'mjpg', 'mxpeg', 'jpeg', 'jpg', 'png', 'mp4', 'h264', 'h265', 'hls', 'm3u8', 'flv', 'webm']);
const SECRET_HEADS = new Set(['key', 'token', 'sig', 'signature', 'password', 'pass', 'passwd', 'pwd', 'secret', 'auth', 'session']);
const MIN_SECRET = 8;

const findings = new Map<string, Finding>();
function urlFinding(signal: Signal, categories: readonly DataCategory[], part: string): Finding {
  const cacheKey = `${signal}\u0000${categories.join()}\u0000${part}`;
  let f = findings.get(cacheKey);
  if (f === undefined) findings.set(cacheKey, (f = finding(URL_PARTS, signal, categories, { of: 'value', part })));
  return f;
}

const secretNames = new BoundedMemo<boolean>(5_000, 256);
/** A query parameter's name read like a key: its last word names a secret (`StmKey`, `access_token`). */
function secretName(name: string): boolean {
  const secret = secretNames.get(name, () => {
    let secret: boolean;
    const words = readKey(name).words;
    const head = words[words.length - 1] ?? '';
    secret = SECRET_HEADS.has(head) && !words.includes('id') && !words.includes('type');
    return secret;
  });
  return secret;
}

function ipHost(host: string): boolean {
  if (host.startsWith('[')) return host.length > 3 && host !== '[::1]' && host !== '[::]';
  const m = IPV4.exec(host);
  if (m === null) return false;
  const octets = [m[1], m[2], m[3], m[4]].map(Number);
  return octets.every((o) => o <= 255) && octets[0] !== 127 && octets.some((o) => o !== 0);
}

/** The query's parameters, read only as far as needed: a secret name with a long value, a media format. */
function queryParts(url: string): { secret: boolean; media: boolean } {
  const at = url.indexOf('?');
  const result = { secret: false, media: false };
  if (at < 0) return result;
  for (const pair of url.slice(at + 1, at + 2049).split(/[&;]/)) {
    const eq = pair.indexOf('=');
    if (eq <= 0) continue;
    const value = pair.slice(eq + 1).replace(/^["']|["']$/g, '');
    if (!result.secret && value.length >= MIN_SECRET && secretName(pair.slice(0, eq))) result.secret = true;
    if (!result.media && MEDIA_FORMATS.has(value.toLowerCase())) result.media = true;
  }
  return result;
}

/**
 * One finding for a URL's parts (a value detector hands back one): the categories of every part that
 * spoke, certain when a password or a stream scheme is among them, the parts named in the facts.
 */
export function detectUrlParts(value: ScalarValue): Finding | undefined {
  if (typeof value !== 'string' || value.length < 9 || value.length > 8192) return undefined;
  if (SETUP_PAYLOAD.test(value)) return urlFinding('certain', ['credentials'], 'a HomeKit or Matter setup payload (a pairing code)');
  if (value.indexOf('://') < 0) {
    // Only a path that ends in a type and has a folder in it is read further.
    const dot = value.lastIndexOf('.');
    if (dot < 0 || value.length - dot > 5 || value.indexOf('/') < 0) return undefined;
    return RELATIVE_MEDIA_PATH.test(value) ? urlFinding('strong', ['media'], 'no scheme: a relative path to a picture, clip or recording') : undefined;
  }
  const first = value.charCodeAt(0) | 0x20;
  if (first < 0x61 || first > 0x7a) return undefined;
  const m = AUTHORITY.exec(value);
  if (m === null) return undefined;
  const scheme = (m[1] ?? '').toLowerCase();
  const authority = m[2] ?? '';
  const at = authority.lastIndexOf('@');
  const userinfo = at >= 0 ? authority.slice(0, at) : '';
  const hostPort = at >= 0 ? authority.slice(at + 1) : authority;
  const host = hostPort.startsWith('[') ? hostPort.slice(0, hostPort.indexOf(']') + 1) : (hostPort.split(':')[0] ?? '');
  const parts: string[] = [];
  const categories: DataCategory[] = [];
  let certain = false;
  const colon = userinfo.indexOf(':');
  if (colon >= 0 && colon < userinfo.length - 1) (parts.push('a password in its userinfo'), categories.push('credentials'), (certain = true));
  if (ipHost(host)) (parts.push('a host written as an IP address'), categories.push('network'));
  const stream = STREAM_SCHEMES.has(scheme);
  if (stream) (parts.push(`a ${scheme} stream`), categories.push('media'), (certain = true));
  const query = queryParts(value);
  if (query.secret) (parts.push('a query parameter named for a secret'), categories.push('credentials'));
  if (query.media && !stream) (parts.push('a query asking for a picture or video format'), categories.push('media'));
  return parts.length === 0 ? undefined : urlFinding(certain ? 'certain' : 'strong', categories, parts.join(', '));
}

export const urlPartsDetector: Detector<{ readonly value: ScalarValue }, unknown> = {
  name: URL_PARTS,
  detect: ({ value }) => detectUrlParts(value),
  explain: (f) => `value is a URL with ${f.facts.part ?? 'a telling part'} → ${f.categories.join(', ')}`,
};
