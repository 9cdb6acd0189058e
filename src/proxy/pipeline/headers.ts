import type { IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http';

/** RFC 9110 §7.6.1 hop-by-hop headers, plus the proxy's own credentials, which are not the vendor's business. */
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

function connectionTokens(headers: IncomingHttpHeaders): Set<string> {
  const value = headers.connection;
  if (value === undefined) return new Set();
  return new Set(value.split(',').map((token) => token.trim().toLowerCase()));
}

/** The client's headers minus hop-by-hop ones, ready for the upstream request. */
export function upstreamHeaders(headers: IncomingHttpHeaders): OutgoingHttpHeaders {
  const listed = connectionTokens(headers);
  const out: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || HOP_BY_HOP.has(name) || listed.has(name)) continue;
    out[name] = value;
  }
  return out;
}

/** Headers for a body the pipeline buffered (and perhaps rewrote): a fixed length, never chunked. */
export function withFixedLength(headers: OutgoingHttpHeaders, length: number, hadBody: boolean): OutgoingHttpHeaders {
  const out: OutgoingHttpHeaders = { ...headers };
  delete out['content-length'];
  if (hadBody || length > 0) out['content-length'] = String(length);
  return out;
}
