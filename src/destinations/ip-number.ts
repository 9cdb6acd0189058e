import { isIPv4, isIPv6 } from 'node:net';

export type IpNumber =
  | { readonly family: 4; readonly value: number }
  | { readonly family: 6; readonly value: bigint };

function ipv4Number(address: string): number {
  return address.split('.').reduce((sum, octet) => sum * 256 + Number(octet), 0);
}

function ipv6Number(address: string): bigint {
  const [head = '', tail] = address.split('::');
  const groups = (part: string | undefined): string[] => (part === undefined || part === '' ? [] : part.split(':'));
  const left = groups(head);
  const right = groups(tail);
  const missing = 8 - left.length - right.length;
  const all = tail === undefined ? left : [...left, ...Array<string>(missing).fill('0'), ...right];
  return all.reduce((sum, group) => (sum << 16n) | BigInt(Number.parseInt(group, 16)), 0n);
}

/**
 * An address as the number the country table is keyed by. IPv4-mapped IPv6 (`::ffff:1.2.3.4`, what a
 * dual-stack socket reports) is the IPv4 address it carries. undefined for anything that is not an IP.
 */
export function ipNumber(address: string): IpNumber | undefined {
  const bare = address.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  if (isIPv4(bare)) return { family: 4, value: ipv4Number(bare) };
  if (!isIPv6(bare)) return undefined;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(bare);
  if (mapped?.[1] !== undefined) return { family: 4, value: ipv4Number(mapped[1]) };
  const dotted = /^(.*:)(\d+\.\d+\.\d+\.\d+)$/.exec(bare);
  if (dotted?.[1] !== undefined && dotted[2] !== undefined) {
    const v4 = ipv4Number(dotted[2]);
    return { family: 6, value: ipv6Number(`${dotted[1]}${(v4 >>> 16).toString(16)}:${(v4 & 0xffff).toString(16)}`) };
  }
  return { family: 6, value: ipv6Number(bare) };
}
