import net from 'node:net';
import type { Scheme } from '../../policy/index.js';

/** The client as the policy knows it: IPv4-mapped IPv6 (`::ffff:192.168.1.20`) becomes plain IPv4. */
export function clientAddressOf(socket: { readonly remoteAddress?: string | undefined }): string {
  const address = socket.remoteAddress ?? '';
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address);
  return mapped?.[1] ?? address;
}

export interface Authority {
  readonly host: string;
  readonly port: number;
}

/**
 * Parses `host:port`, `[v6]:port` or a bare host (with `defaultPort`), as found in CONNECT
 * request-targets and Host headers. undefined for anything else.
 */
export function parseAuthority(value: string | undefined, defaultPort: number | undefined): Authority | undefined {
  if (value === undefined) return undefined;
  const match = /^(?:\[([0-9a-f:.]+)\]|([^\s:[\]/@]+))(?::(\d{1,5}))?$/i.exec(value.trim());
  if (match === null) return undefined;
  const host = (match[1] ?? match[2] ?? '').toLowerCase().replace(/\.$/, '');
  if (match[1] !== undefined && net.isIPv6(host) === false) return undefined;
  const port = match[3] === undefined ? defaultPort : Number(match[3]);
  if (host === '' || port === undefined || port < 1 || port > 65535) return undefined;
  return { host, port };
}

/** The Host header value for a target (brackets IPv6, omits the scheme's default port). */
export function hostHeaderFor(host: string, port: number, scheme: Scheme): string {
  const name = net.isIPv6(host) ? `[${host}]` : host;
  const defaultPort = scheme === 'https' ? 443 : 80;
  return port === defaultPort ? name : `${name}:${port}`;
}
