import type { IncomingHttpHeaders } from 'node:http';

/** Whether the client framed a body at all (even an empty one), which the vendor should see too. */
export function declaresBody(headers: IncomingHttpHeaders): boolean {
  return headers['content-length'] !== undefined || headers['transfer-encoding'] !== undefined;
}
