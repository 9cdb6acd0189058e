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
  const connection = headers.connection;
  const listed = new Set(
    (Array.isArray(connection) ? connection.join(',') : String(connection ?? ''))
      .split(',')
      .map((token) => token.trim().toLowerCase())
      .filter((token) => token !== ''),
  );
  const out: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) {
    const lower = name.toLowerCase();
    if (value === undefined || HOP_BY_HOP.has(lower) || listed.has(lower)) continue;
    out[lower] = value;
  }
  return out;
}

/** Appends our Via token to whatever Via the message already carries. */
export function withVia(headers: OutgoingHttpHeaders): OutgoingHttpHeaders {
  const existing = headers.via;
  const previous = Array.isArray(existing) ? existing.join(', ') : existing === undefined ? '' : String(existing);
  return { ...headers, via: previous === '' ? VIA_TOKEN : `${previous}, ${VIA_TOKEN}` };
}

export function hasOurVia(headers: IncomingHttpHeaders): boolean {
  return (headers.via ?? '').toLowerCase().includes(VIA_TOKEN);
}
