import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { ipNumber } from './ip-number.js';

/**
 * Country of an address from the offline `@ip-location-db/geo-whois-asn-country` table (package CC0-1.0;
 * data CC BY 4.0 by the NRO, attribution required). The CSV is read on the first lookup of each family,
 * never at start-up, into two typed arrays: range starts (sorted) and a two-letter code packed in 16 bits,
 * with 0 for the gaps between ranges. A lookup is a binary search for the last start at or below.
 */
const PACKAGE = '@ip-location-db/geo-whois-asn-country';
export const COUNTRY_DATA = { package: PACKAGE, licence: 'CC0-1.0 (package); data CC BY 4.0, Number Resource Organization (nro.net)' };


interface V4Table { readonly starts: Uint32Array; readonly codes: Uint16Array }
/** IPv6 starts are 128 bits: two 64-bit halves side by side. */
interface V6Table { readonly high: BigUint64Array; readonly low: BigUint64Array; readonly codes: Uint16Array }

let v4: V4Table | undefined;
let v6: V6Table | undefined;

function dataFile(name: string): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve(`${PACKAGE}/package.json`)), name);
}

const pack = (code: string): number => ((code.charCodeAt(0) & 0xff) << 8) | (code.charCodeAt(1) & 0xff);
const unpack = (packed: number): string => String.fromCharCode(packed >> 8, packed & 0xff);

/**
 * Walks `start,end,CC` lines (sorted by start) with indexOf over one string: splitting it would make a
 * million small strings. The data nests more specific ranges inside wider ones (a /29 in NL inside a
 * GB block), so open ranges are kept on a stack and the wider one resumes after the nested one ends
 * (where ranges overlap, the later line wins);
 * uncovered space gets code 0. `add` with the start of the previous entry replaces its code.
 */
function readRanges<T extends number | bigint>(
  file: string, parse: (text: string) => T, next: (end: T) => T, add: (start: T, code: number) => void,
): void {
  const text = readFileSync(dataFile(file), 'latin1');
  const open: { end: T; code: number }[] = [];
  const closeBefore = (limit: T | undefined): void => {
    for (let top = open.at(-1); top !== undefined && (limit === undefined || top.end < limit); top = open.at(-1)) {
      open.pop();
      const outer = open.at(-1);
      add(next(top.end), outer !== undefined && outer.end > top.end ? outer.code : 0);
    }
  };
  for (let at = 0; at < text.length; ) {
    const lineEnd = text.indexOf('\n', at);
    const stop = lineEnd === -1 ? text.length : lineEnd;
    const first = text.indexOf(',', at);
    const second = text.indexOf(',', first + 1);
    if (first > at && second > first && second + 2 < stop + 1) {
      const start = parse(text.slice(at, first));
      const end = parse(text.slice(first + 1, second));
      closeBefore(start);
      const code = pack(text.slice(second + 1, second + 3));
      add(start, code);
      // Ranges that end inside this one are hidden by it from here on (partial overlaps exist too);
      // dropping them keeps the stack's ends strictly rising towards the bottom, so resumes come in order.
      for (let top = open.at(-1); top !== undefined && top.end <= end; top = open.at(-1)) open.pop();
      open.push({ end, code });
    }
    at = stop + 1;
  }
  closeBefore(undefined);
}

function growable<A extends Uint32Array | BigUint64Array | Uint16Array>(make: (size: number) => A) {
  let array = make(1 << 16);
  let length = 0;
  return {
    last: (): A[number] | undefined => (length === 0 ? undefined : array[length - 1]),
    replaceLast(value: A[number]): void {
      array[length - 1] = value;
    },
    push(value: A[number]): void {
      if (length === array.length) {
        const bigger = make(array.length * 2);
        bigger.set(array as never);
        array = bigger;
      }
      array[length] = value;
      length += 1;
    },
    done: (): A => array.slice(0, length) as A,
  };
}

function loadV4(): V4Table {
  const starts = growable((n) => new Uint32Array(n));
  const codes = growable((n) => new Uint16Array(n));
  readRanges('geo-whois-asn-country-ipv4-num.csv', Number, (end) => end + 1, (start, code) => {
    if (start > 0xffffffff) return;
    if (starts.last() === start) return codes.replaceLast(code);
    starts.push(start);
    codes.push(code);
  });
  return { starts: starts.done(), codes: codes.done() };
}

const MASK64 = (1n << 64n) - 1n;

function loadV6(): V6Table {
  const high = growable((n) => new BigUint64Array(n));
  const low = growable((n) => new BigUint64Array(n));
  const codes = growable((n) => new Uint16Array(n));
  readRanges('geo-whois-asn-country-ipv6-num.csv', BigInt, (end) => end + 1n, (start, code) => {
    if (start > (1n << 128n) - 1n) return;
    if (high.last() === start >> 64n && low.last() === (start & MASK64)) return codes.replaceLast(code);
    high.push(start >> 64n);
    low.push(start & MASK64);
    codes.push(code);
  });
  return { high: high.done(), low: low.done(), codes: codes.done() };
}

/** Index of the last entry whose start is at or below the value, or -1. */
function lastAtOrBelow(length: number, isAtOrBelow: (index: number) => boolean): number {
  let low = 0;
  let high = length - 1;
  let found = -1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    if (isAtOrBelow(middle)) {
      found = middle;
      low = middle + 1;
    } else {
      high = middle - 1;
    }
  }
  return found;
}

// Addresses no country owns, whatever a published geofeed claims (the data lists 192.168.0.0/16 as AU).
const PRIVATE_V4: readonly (readonly [number, number])[] = [
  [0x00000000, 8], [0x0a000000, 8], [0x64400000, 10], [0x7f000000, 8], [0xa9fe0000, 16], [0xac100000, 12],
  [0xc0000000, 24], [0xc0000200, 24], [0xc0a80000, 16], [0xc6120000, 15], [0xc6336400, 24], [0xcb007100, 24],
  [0xe0000000, 3],
];
const PRIVATE_V6: readonly (readonly [bigint, number])[] = [
  [0n, 96], [0xfc00n << 112n, 7], [0xfe80n << 112n, 10], [0xff00n << 112n, 8], [0x20010db8n << 96n, 32],
];

function isPrivate(ip: NonNullable<ReturnType<typeof ipNumber>>): boolean {
  if (ip.family === 4) {
    return PRIVATE_V4.some(([base, bits]) => Math.floor(ip.value / 2 ** (32 - bits)) === Math.floor(base / 2 ** (32 - bits)));
  }
  return PRIVATE_V6.some(([base, bits]) => ip.value >> BigInt(128 - bits) === base >> BigInt(128 - bits));
}

/** ISO 3166 alpha-2 code for a public address, or undefined (private, reserved, unlisted, not an IP). */
export function countryOf(address: string): string | undefined {
  const ip = ipNumber(address);
  if (ip === undefined || isPrivate(ip)) return undefined;
  let code: number | undefined;
  if (ip.family === 4) {
    v4 ??= loadV4();
    const { starts, codes } = v4;
    const index = lastAtOrBelow(starts.length, (i) => (starts[i] ?? Infinity) <= ip.value);
    code = codes[index];
  } else {
    v6 ??= loadV6();
    const { high, low, codes } = v6;
    const wantHigh = ip.value >> 64n;
    const wantLow = ip.value & MASK64;
    const index = lastAtOrBelow(codes.length, (i) => {
      const h = high[i] ?? 0n;
      return h < wantHigh || (h === wantHigh && (low[i] ?? 0n) <= wantLow);
    });
    code = codes[index];
  }
  return code === undefined || code === 0 ? undefined : unpack(code);
}

/** Bytes held by the loaded tables (for the README's memory figure and the tests). */
export function countryTableBytes(): number {
  const v4Bytes = v4 === undefined ? 0 : v4.starts.byteLength + v4.codes.byteLength;
  const v6Bytes = v6 === undefined ? 0 : v6.high.byteLength + v6.low.byteLength + v6.codes.byteLength;
  return v4Bytes + v6Bytes;
}
