import type { ServerResponse } from 'node:http';
import type { GatewayError } from '../../errors.js';
import type { ConnectionDecision, Explanation } from '../../policy/index.js';
import { blockedBody, refusalHeaders, sendJson } from '../transport/responses.js';

const STATUS_BY_CODE: Readonly<Record<string, number>> = {
  PAYLOAD_TOO_LARGE: 413,
  PAYLOAD_INVALID: 400,
  REQUEST_INVALID: 400,
  UPSTREAM_UNREACHABLE: 502,
  UPSTREAM_CERT_INVALID: 502,
};

/**
 * Refuses a request the gateway could not read or check. The connection is closed afterwards so an
 * oversized upload is not drained into the gateway. `X-Privacy-Gateway-Reason` carries the error code
 * (PAYLOAD_INVALID, PAYLOAD_TOO_LARGE, …): no policy rule refused it, the gateway could not check it.
 */
export function sendRefusal(res: ServerResponse, error: GatewayError): void {
  const status = STATUS_BY_CODE[error.code] ?? 500;
  sendJson(res, status, { error: error.toJSON() }, {
    connection: 'close',
    'x-privacy-gateway-decision': 'refused',
    'x-privacy-gateway-reason': error.code,
  });
}

/** 403 naming the kind, rule and reason, so the owner can see why the device's request never left. */
export function sendBlocked(res: ServerResponse, connection: ConnectionDecision, block: Explanation): void {
  sendJson(res, 403, blockedBody(connection, block, 'request'), refusalHeaders(block));
}

/** 500 for a failure inside the gateway itself; the request is not forwarded (fail closed). */
export function sendInternalError(res: ServerResponse): void {
  const error = { code: 'INTERNAL_ERROR' as const, message: 'the gateway failed while processing this request; see its log' };
  sendJson(res, 500, { error }, { connection: 'close', 'x-privacy-gateway-decision': 'refused' });
}
