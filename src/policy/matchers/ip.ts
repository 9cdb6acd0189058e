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
