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
 * What a proxied message carries on: `withVia(withoutHopByHop(headers))` in one copy, since it runs
 * twice per forwarded request (the request to the vendor, the answer to the device).
 */
export function proxiedHeaders(headers: IncomingHttpHeaders | OutgoingHttpHeaders): OutgoingHttpHeaders {
  const out = withoutHopByHop(headers);
  out.via = viaAfter(out.via);
  return out;
}

/**
 * `proxiedHeaders` as the flat `[name, value, …]` list Node's http client takes as it is: given an object, it
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
