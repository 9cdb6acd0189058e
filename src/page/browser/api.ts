import type { ApiError, StatusView } from '../api-types.js';

/** A failed API call, carrying the gateway's error code and message for the page to show. */
export class PageApiError extends Error {
  readonly code: string;

  constructor(code: string, message: string) {
    super(message);
    this.name = 'PageApiError';
    this.code = code;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isApiError(value: unknown): value is ApiError {
  return isRecord(value) && isRecord(value.error) && typeof value.error.message === 'string';
}

/**
 * Fetches one endpoint of our own server. The shape check is shallow on purpose: the server is the same
 * program that defines these types; what matters is failing clearly on an error body or a proxy page.
 */
async function getJson<T>(path: string, looksRight: (body: Record<string, unknown>) => boolean): Promise<T> {
  const response = await fetch(path, { headers: { accept: 'application/json' }, cache: 'no-store' });
  const body: unknown = await response.json().catch(() => undefined);
  if (isApiError(body)) throw new PageApiError(String(body.error.code), body.error.message);
  if (!response.ok || !isRecord(body) || !looksRight(body)) {
    throw new PageApiError('REQUEST_INVALID', `Unexpected answer from ${path} (HTTP ${response.status})`);
  }
  return body as T;
}

/** Paths are relative to the page: behind Home Assistant's ingress it lives under /api/hassio_ingress/<token>/. */
export const fetchStatus = (): Promise<StatusView> =>
  getJson<StatusView>('api/status', (body) => isRecord(body.policy) && isRecord(body.proxy) && isRecord(body.ca));
