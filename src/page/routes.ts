import { GatewayError } from '../errors.js';
import {
  CA_DER_PATH,
  CA_PEM_PATH,
  type DeviceSummaryView,
  type DevicesView,
  type StatusView,
} from './api-types.js';

/**
 * The page's view of the ledger: main.ts adapts the Ledger to this port, so the page imports no I/O.
 * An unknown device is `undefined` or a thrown GatewayError('NOT_FOUND').
 */
export interface DeviceQueries {
  devices(): DevicesView['devices'];
  deviceSummary(deviceId: string): DeviceSummaryView | undefined;
  reportJson(deviceId: string): unknown;
  /** The same report as Markdown. */
  reportMarkdown(deviceId: string): string | undefined;
}

export interface CaFiles {
  readonly pem: string;
  readonly der: Buffer;
}

export interface PageDeps {
  readonly status: () => StatusView;
  readonly ca: CaFiles;
  readonly devices: DeviceQueries;
}

export type PageResponse =
  | { readonly kind: 'json'; readonly status: number; readonly body: unknown }
  | {
      readonly kind: 'bytes';
      readonly contentType: string;
      readonly body: Buffer | string;
      readonly downloadName: string | undefined;
    }
  | { readonly kind: 'static'; readonly file: string; readonly contentType: string };

/**
 * The static files the page may serve, by exact URL path. Nothing else under www/ (or anywhere) is
 * reachable: there is no path joining, so `..`, encoded dots and absolute paths all end in a 404.
 */
export const STATIC_FILES: ReadonlyMap<string, { readonly file: string; readonly contentType: string }> = new Map([
  ['/', { file: 'index.html', contentType: 'text/html; charset=utf-8' }],
  ['/index.html', { file: 'index.html', contentType: 'text/html; charset=utf-8' }],
  ['/style.css', { file: 'style.css', contentType: 'text/css; charset=utf-8' }],
  ['/build/page.js', { file: 'build/page.js', contentType: 'text/javascript; charset=utf-8' }],
  ['/build/page.js.map', { file: 'build/page.js.map', contentType: 'application/json; charset=utf-8' }],
  ['/build/privacy-gateway-card.js', { file: 'build/privacy-gateway-card.js', contentType: 'text/javascript; charset=utf-8' }],
  ['/build/privacy-gateway-card.js.map', { file: 'build/privacy-gateway-card.js.map', contentType: 'application/json; charset=utf-8' }],
]);

/**
 * What needs a login when the page requires one: the API (devices, reports, status). The page's own
 * files hold no data, and the CA certificate is public on purpose: a phone installing it has no session.
 */
export function needsLogin(path: string): boolean {
  return path === '/api' || path.startsWith('/api/');
}

/** Answers one GET; throws GatewayError (NOT_FOUND, REQUEST_INVALID, …) that the server turns into JSON. */
export function route(url: URL, deps: PageDeps): PageResponse {
  const path = url.pathname;
  const staticFile = STATIC_FILES.get(path);
  if (staticFile) return { kind: 'static', ...staticFile };
  if (path === CA_PEM_PATH) {
    return { kind: 'bytes', contentType: 'application/x-pem-file', body: deps.ca.pem, downloadName: 'privacy-gateway-ca.pem' };
  }
  if (path === CA_DER_PATH) {
    // The type Android and iOS offer to install as a CA certificate.
    return { kind: 'bytes', contentType: 'application/x-x509-ca-cert', body: deps.ca.der, downloadName: 'privacy-gateway-ca.crt' };
  }
  if (path === '/api/status') return json(deps.status());
  if (path === '/api/devices') return json({ devices: deps.devices.devices() } satisfies DevicesView);
  const segments = path.split('/');
  if (segments[1] === 'api' && segments[2] === 'devices' && segments[3] !== undefined) {
    const deviceId = decodeSegment(segments[3]);
    if (segments.length === 4) return json(found(deps.devices.deviceSummary(deviceId), deviceId));
    if (segments.length === 5 && segments[4] === 'report') return report(deviceId, url.searchParams.get('format'), deps);
  }
  throw new GatewayError('NOT_FOUND', `Nothing here: ${path}`);
}

function report(deviceId: string, format: string | null, deps: PageDeps): PageResponse {
  if (format === null || format === 'json') return json(found(deps.devices.reportJson(deviceId), deviceId));
  if (format === 'md') {
    return {
      kind: 'bytes',
      contentType: 'text/markdown; charset=utf-8',
      body: found(deps.devices.reportMarkdown(deviceId), deviceId),
      downloadName: `privacy-report-${safeFileName(deviceId)}.md`,
    };
  }
  throw new GatewayError('REQUEST_INVALID', `Unknown report format "${format}"; use format=json or format=md`, [
    'format: expected json or md',
  ]);
}

function found<T>(value: T | undefined, deviceId: string): T {
  if (value === undefined) throw new GatewayError('NOT_FOUND', `No device "${deviceId}" in the ledger`);
  return value;
}

function json(body: unknown): PageResponse {
  return { kind: 'json', status: 200, body };
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new GatewayError('REQUEST_INVALID', 'The device id in the URL is not valid percent-encoding');
  }
}

/** Device ids are IPs, MACs or owner-chosen names: keep a header-safe, file-safe subset. */
export function safeFileName(value: string): string {
  const safe = value.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^[._]+/, '');
  return safe.slice(0, 64) || 'device';
}

/** HTTP status for an error code: the page's errors are the same GatewayErrors the rest of the gateway uses. */
export function httpStatus(code: GatewayError['code']): number {
  switch (code) {
    case 'NOT_FOUND':
      return 404;
    case 'PAGE_UNAUTHORIZED':
      return 401;
    case 'PAGE_FORBIDDEN':
      return 403;
    case 'POLICY_MANAGED_BY_HUB':
      return 409;
    case 'POLICY_INVALID':
      return 422;
    case 'REQUEST_INVALID':
    case 'PAYLOAD_INVALID':
      return 400;
    case 'PAYLOAD_TOO_LARGE':
      return 413;
    case 'LEDGER_UNAVAILABLE':
    case 'CA_UNAVAILABLE':
    case 'POLICY_WRITE_FAILED':
      return 503;
    default:
      return 500;
  }
}
