import net from 'node:net';
import { canonicalHost, type Scheme } from '../../policy/index.js';

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
 * request-targets and Host headers, into the canonical host the policy judges (see canonicalHost:
 * `127.1` and `[::ffff:127.0.0.1]` are 127.0.0.1, `BÜCHER.de.` is xn--bcher-kva.de). undefined for
 * anything else.
 */
export function parseAuthority(value: string | undefined, defaultPort: number | undefined): Authority | undefined {
  if (value === undefined) return undefined;
  const match = /^(?:\[([0-9a-f:.]+)\]|([^\s:[\]/@]+))(?::(\d{1,5}))?$/i.exec(utf8Of(value.trim()));
  if (match === null) return undefined;
  const host = canonicalHost(match[1] === undefined ? (match[2] ?? '') : `[${match[1]}]`);
  const port = match[3] === undefined ? defaultPort : Number(match[3]);
  if (host === undefined || port === undefined || port < 1 || port > 65535) return undefined;
  return { host, port };
}

/** The Host header value for a target (brackets IPv6, omits the scheme's default port). */
export function hostHeaderFor(host: string, port: number, scheme: Scheme): string {
  const name = net.isIPv6(host) ? `[${host}]` : host;
  const defaultPort = scheme === 'https' ? 443 : 80;
  return port === defaultPort ? name : `${name}:${port}`;
}

/**
 * Node hands header values and request-targets over as latin1; an IDN sent as raw UTF-8 bytes
 * (`Host: bücher.de`) is decoded back, so it canonicalises to its punycode rather than to mojibake.
 */
function utf8Of(text: string): string {
  if (!/[^\u0000-\u007f]/.test(text) || /[^\u0000-\u00ff]/.test(text)) return text;
  const decoded = Buffer.from(text, 'latin1').toString('utf8');
  return decoded.includes('\ufffd') ? text : decoded;
}
