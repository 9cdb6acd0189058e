/**
 * IPv4/IPv6 addresses and CIDR prefixes as (family, bigint) pairs, so one prefix test serves both
 * families. Hand-written rather than node:net because the policy folder stays free of Node I/O modules
 * and needs the numeric value for longest-prefix matching anyway.
 */
export interface IpAddress {
  readonly family: 4 | 6;
  readonly value: bigint;
}

export interface CidrMatcher {
  readonly family: 4 | 6;
  readonly prefix: number;
  readonly mask: bigint;
  /** The network address: the input with its host bits cleared. */
  readonly network: bigint;
  readonly source: string;
}

const IPV4_PART = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;
const IPV6_GROUP = /^[0-9a-f]{1,4}$/i;

function parseIpv4(text: string): bigint | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0n;
  for (const part of parts) {
    if (!IPV4_PART.test(part)) return undefined;
    value = (value << 8n) | BigInt(Number(part));
  }
  return value;
}

function parseGroups(text: string): bigint[] | undefined {
  if (text === '') return [];
  const groups: bigint[] = [];
  const parts = text.split(':');
  for (let i = 0; i < parts.length; i += 1) {
    const part = parts[i] ?? '';
    if (i === parts.length - 1 && part.includes('.')) {
      const v4 = parseIpv4(part);
      if (v4 === undefined) return undefined;
      groups.push(v4 >> 16n, v4 & 0xffffn);
    } else if (IPV6_GROUP.test(part)) {
      groups.push(BigInt(parseInt(part, 16)));
    } else {
      return undefined;
    }
  }
  return groups;
}

function parseIpv6(text: string): bigint | undefined {
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const head = parseGroups(halves[0] ?? '');
  const tail = halves.length === 2 ? parseGroups(halves[1] ?? '') : [];
  if (head === undefined || tail === undefined) return undefined;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return undefined;
  let value = 0n;
  for (const group of [...head, ...new Array<bigint>(missing).fill(0n), ...tail]) value = (value << 16n) | group;
  return value;
}

/** Parses an address as written in a policy: no zone id, no brackets. */
export function parseIp(text: string): IpAddress | undefined {
  if (text.includes(':')) {
    const value = parseIpv6(text);
    return value === undefined ? undefined : { family: 6, value };
  }
  const value = parseIpv4(text);
  return value === undefined ? undefined : { family: 4, value };
}

/**
 * Parses a client address as a socket reports it: strips brackets and a zone id, and folds
 * IPv4-mapped IPv6 (`::ffff:192.168.1.20`, what dual-stack listeners report) to plain IPv4.
 */
export function parseClientIp(text: string): IpAddress | undefined {
  let bare = text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text;
  const zone = bare.indexOf('%');
  if (zone >= 0) bare = bare.slice(0, zone);
  const ip = parseIp(bare);
  if (ip?.family === 6 && ip.value >> 32n === 0xffffn) {
    return { family: 4, value: ip.value & 0xffffffffn };
  }
  return ip;
}

/** `192.168.1.20`, `192.168.1.0/24`, `fd00::/8`. A bare address is a full-length prefix. */
export function parseCidr(text: string): CidrMatcher | undefined {
  const slash = text.indexOf('/');
  const ip = parseIp(slash < 0 ? text : text.slice(0, slash));
  if (ip === undefined) return undefined;
  const bits = ip.family === 4 ? 32 : 128;
  let prefix = bits;
  if (slash >= 0) {
    const prefixText = text.slice(slash + 1);
    if (!/^\d{1,3}$/.test(prefixText)) return undefined;
    prefix = Number(prefixText);
    if (prefix > bits) return undefined;
  }
  const all = (1n << BigInt(bits)) - 1n;
  const mask = all ^ ((1n << BigInt(bits - prefix)) - 1n);
  return { family: ip.family, prefix, mask, network: ip.value & mask, source: text };
}

export function cidrContains(cidr: CidrMatcher, ip: IpAddress): boolean {
  return cidr.family === ip.family && (ip.value & cidr.mask) === cidr.network;
}

/**
 * Where an address points, for the no-relay rule: anything but `public` reaches this machine or the home
 * network (or is not a unicast destination at all), so the gateway relays to it only when the policy
 * names the destination.
 */
export type AddressScope =
  | 'public'
  | 'loopback'
  | 'unspecified'
  | 'link-local'
  | 'private'
  | 'shared'
  | 'multicast'
  | 'reserved';

const V4_SCOPES: readonly (readonly [string, AddressScope])[] = [
  ['0.0.0.0/8', 'unspecified'],
  ['127.0.0.0/8', 'loopback'],
  ['169.254.0.0/16', 'link-local'],
  ['10.0.0.0/8', 'private'],
  ['172.16.0.0/12', 'private'],
  ['192.168.0.0/16', 'private'],
  ['100.64.0.0/10', 'shared'],
  ['192.0.0.0/24', 'reserved'],
  ['198.18.0.0/15', 'reserved'],
  ['224.0.0.0/4', 'multicast'],
  ['240.0.0.0/4', 'reserved'],
];
const V6_SCOPES: readonly (readonly [string, AddressScope])[] = [
  ['::/128', 'unspecified'],
  ['::1/128', 'loopback'],
  // IPv4-compatible and other ::/8 forms, including mapped ones that reach here unfolded.
  ['::/8', 'reserved'],
  ['fe80::/10', 'link-local'],
  ['fec0::/10', 'private'],
  ['fc00::/7', 'private'],
  ['ff00::/8', 'multicast'],
];
const COMPILED_V4 = V4_SCOPES.map(([cidr, scope]) => [parseCidr(cidr), scope] as const);
const COMPILED_V6 = V6_SCOPES.map(([cidr, scope]) => [parseCidr(cidr), scope] as const);
const NAT64 = parseCidr('64:ff9b::/96');

export function addressScope(ip: IpAddress): AddressScope {
  if (ip.family === 6 && ip.value >> 32n === 0xffffn) return addressScope({ family: 4, value: ip.value & 0xffffffffn });
  // NAT64 (RFC 6052) carries an IPv4 address in its last 32 bits: judge that one.
  if (ip.family === 6 && NAT64 !== undefined && cidrContains(NAT64, ip)) {
    return addressScope({ family: 4, value: ip.value & 0xffffffffn });
  }
  for (const [cidr, scope] of ip.family === 4 ? COMPILED_V4 : COMPILED_V6) {
    if (cidr !== undefined && cidrContains(cidr, ip)) return scope;
  }
  return 'public';
}

/** Dotted-quad text of an IPv4 value. */
export function formatIpv4(value: bigint): string {
  return [24n, 16n, 8n, 0n].map((shift) => String((value >> shift) & 0xffn)).join('.');
}
