import type { IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http';

/** RFC 9110 §7.6.1 hop-by-hop headers, plus proxy credentials that are not the vendor's business. */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'proxy-authorization',
  'proxy-authenticate',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
]);

/** The gateway's Via token (RFC 9110 §7.6.3); also how a request looping through it is recognised. */
export const VIA_TOKEN = '1.1 privacy-gateway';

/** Copies `headers` without hop-by-hop ones, including those the Connection header names. */
export function withoutHopByHop(headers: IncomingHttpHeaders | OutgoingHttpHeaders): OutgoingHttpHeaders {
  const listed = connectionTokens(headers.connection);
  const out: OutgoingHttpHeaders = {};
  for (const name in headers) {
    const value = headers[name];
    const lower = name.toLowerCase();
    if (value === undefined || HOP_BY_HOP.has(lower) || listed?.has(lower) === true) continue;
    out[lower] = value;
  }
  return out;
}

/** Appends our Via token to whatever Via the message already carries. */
export function withVia(headers: OutgoingHttpHeaders): OutgoingHttpHeaders {
  return { ...headers, via: viaAfter(headers.via) };
}

/**
 * What a proxied request carries on to the vendor, `withVia(withoutHopByHop(headers))`, as the flat
 * `[name, value, …]` list Node's http client takes as it is: given an object, it
 * copies the headers one `setHeader` at a time (a validation, a lower-cased name and an entry each) before
 * writing the same header block. `set` replaces or adds headers (lower-case names) after the copy; a
 * multi-valued header becomes one line per value, as Node writes an array value.
 */
export function proxiedHeaderList(
  headers: IncomingHttpHeaders | OutgoingHttpHeaders,
  set: Readonly<Record<string, string | undefined>>,
): string[] {
  const listed = connectionTokens(headers.connection);
  const out: string[] = [];
  let via: OutgoingHttpHeaders[string];
  for (const name in headers) {
    const value = headers[name];
    const lower = name.toLowerCase();
    if (value === undefined || HOP_BY_HOP.has(lower) || listed?.has(lower) === true || Object.hasOwn(set, lower)) continue;
    if (lower === 'via') via = value;
    else if (Array.isArray(value)) for (const item of value) out.push(lower, item);
    else out.push(lower, String(value));
  }
  for (const name in set) {
    const value = set[name];
    if (value !== undefined) out.push(name, value);
  }
  out.push('via', viaAfter(via));
  return out;
}

/**
 * What a vendor's answer carries on to the device, `withVia(withoutHopByHop(headers))`, from the flat
 * `rawHeaders` list of the message Node's http client read, as Node's
 * writeHead takes it: reading the `headers` object instead has Node build it first (a known-field match per
 * header), only for it to be copied once more. Names keep the sender's case; repeated headers stay
 * repeated lines, as received. `added` (the gateway's own, `[name, value, …]`) goes after them, before Via.
 */
export function proxiedRawHeaders(raw: readonly string[], added: readonly string[] = NONE): string[] {
  let connection: string | undefined;
  let via: string | undefined;
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const lower = (raw[i] as string).toLowerCase();
    const value = raw[i + 1] as string;
    if (lower === 'connection') connection = connection === undefined ? value : `${connection}, ${value}`;
    else if (lower === 'via') via = via === undefined ? value : `${via}, ${value}`;
  }
  const listed = connectionTokens(connection);
  const out: string[] = [];
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i] as string;
    const lower = name.toLowerCase();
    if (lower === 'via' || HOP_BY_HOP.has(lower) || listed?.has(lower) === true) continue;
    out.push(name, raw[i + 1] as string);
  }
  for (const item of added) out.push(item);
  out.push('via', viaAfter(via));
  return out;
}

const NONE: readonly string[] = [];

function viaAfter(existing: OutgoingHttpHeaders[string]): string {
  const previous = Array.isArray(existing) ? existing.join(', ') : existing === undefined ? '' : String(existing);
  return previous === '' ? VIA_TOKEN : `${previous}, ${VIA_TOKEN}`;
}

/** The header names a Connection header lists; undefined (no allocation) for the usual none or keep-alive
 * (itself hop-by-hop). */
function connectionTokens(connection: OutgoingHttpHeaders[string]): Set<string> | undefined {
  if (connection === undefined) return undefined;
  const text = Array.isArray(connection) ? connection.join(',') : String(connection);
  if (/^\s*keep-alive\s*$/i.test(text)) return undefined;
  return new Set(
    text
      .split(',')
      .map((token) => token.trim().toLowerCase())
      .filter((token) => token !== ''),
  );
}

export function hasOurVia(headers: IncomingHttpHeaders): boolean {
  return (headers.via ?? '').toLowerCase().includes(VIA_TOKEN);
}
