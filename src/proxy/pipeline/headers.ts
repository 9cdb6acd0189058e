import type { IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http';
import { withoutHopByHop } from '../transport/hop-by-hop.js';

/** The client's headers minus hop-by-hop ones (Node has already de-chunked the body). */
export function upstreamHeaders(headers: IncomingHttpHeaders): OutgoingHttpHeaders {
  return withoutHopByHop(headers);
}

/** Whether the client framed a body at all (even an empty one), which the vendor should see too. */
export function declaresBody(headers: IncomingHttpHeaders): boolean {
  return headers['content-length'] !== undefined || headers['transfer-encoding'] !== undefined;
}

/** The client's headers for a buffered body: no hop-by-hop ones, a fixed length (never chunked); one copy. */
export function bufferedBodyHeaders(headers: IncomingHttpHeaders, length: number | undefined): OutgoingHttpHeaders {
  const out = withoutHopByHop(headers);
  delete out['content-length'];
  if (length !== undefined) out['content-length'] = String(length);
  return out;
}
