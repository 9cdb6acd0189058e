/**
 * The gateway's error hierarchy. Every error has a stable code that the CLI, the local page,
 * the ledger and (later) Home Assistant show, and a message that tells a person what to do next.
 */
export const ERROR_CODES = [
  'POLICY_INVALID',
  'CONFIG_INVALID',
  'PAYLOAD_INVALID',
  'PAYLOAD_TOO_LARGE',
  'REQUEST_INVALID',
  'UPSTREAM_UNREACHABLE',
  'UPSTREAM_CERT_INVALID',
  'DESTINATION_REFUSED',
  'CA_UNAVAILABLE',
  'LEDGER_UNAVAILABLE',
  'NOT_FOUND',
  'HUB_AUTH_FAILED',
  'HUB_UNAVAILABLE',
  'HUB_PROTOCOL',
  'PAGE_UNAUTHORIZED',
  'MUD_INVALID',
  'PAGE_FORBIDDEN',
  'POLICY_MANAGED_BY_HUB',
  'POLICY_WRITE_FAILED',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export class GatewayError extends Error {
  readonly code: ErrorCode;
  readonly details: readonly string[];

  constructor(code: ErrorCode, message: string, details: readonly string[] = [], options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'GatewayError';
    this.code = code;
    this.details = details;
  }

  toJSON(): { code: ErrorCode; message: string; details: readonly string[] } {
    return { code: this.code, message: this.message, details: this.details };
  }
}

/** The message of anything thrown: an Error's message, anything else as a string. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Maps anything thrown by a foreign library into a GatewayError once, at the boundary. */
export function asGatewayError(error: unknown, code: ErrorCode, context: string): GatewayError {
  if (error instanceof GatewayError) return error;
  return new GatewayError(code, `${context}: ${messageOf(error)}`, [], { cause: error });
}
