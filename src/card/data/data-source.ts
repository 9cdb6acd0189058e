import type { DeviceDetail, HouseholdView, PrivacyAction } from '../model.js';

/** What changed, as a live subscription reports it; the view refetches or patches accordingly. */
export type LiveUpdate =
  | { readonly kind: 'sidecar'; readonly connected: boolean }
  | { readonly kind: 'device'; readonly deviceId: string }
  | { readonly kind: 'event'; readonly deviceId: string | undefined }
  | { readonly kind: 'policy' };

/** A report the owner downloads: the file name and its content. */
export interface ExportedReport {
  readonly fileName: string;
  readonly mimeType: string;
  readonly content: string;
}

/**
 * Where the card's data comes from. The Home Assistant source talks to the integration's websocket
 * commands; the standalone source reads the sidecar's local page (read-only: `canEdit` is false).
 */
export interface PrivacyDataSource {
  readonly canEdit: boolean;
  /** false when updates only arrive on request (the standalone page): the view offers a refresh button. */
  readonly live: boolean;
  household(): Promise<HouseholdView>;
  device(deviceId: string): Promise<DeviceDetail>;
  /** Resolves to the unsubscribe function once the subscription is in place. */
  subscribe(onUpdate: (update: LiveUpdate) => void): Promise<() => void>;
  /** Resolves when the gateway accepted the change (for HA: after the sidecar received it). */
  apply(action: PrivacyAction): Promise<void>;
  exportReport(deviceId: string): Promise<ExportedReport>;
}

/** A failed command, with the integration's or page's error code kept for the message shown. */
export class DataSourceError extends Error {
  readonly code: string;

  constructor(code: string, message: string) {
    super(message);
    this.name = 'DataSourceError';
    this.code = code;
  }
}

/** Home Assistant's and the page's errors arrive as `{code, message}` objects, not Error instances. */
export function asDataSourceError(error: unknown): DataSourceError {
  if (error instanceof DataSourceError) return error;
  if (error instanceof Error) return new DataSourceError('unknown_error', error.message);
  if (typeof error === 'object' && error !== null) {
    const record = error as { code?: unknown; message?: unknown };
    const code = typeof record.code === 'string' ? record.code : String(record.code ?? 'unknown_error');
    if (typeof record.message === 'string') return new DataSourceError(code, record.message);
  }
  return new DataSourceError('unknown_error', String(error));
}

/** Files named after a device: keep a portable subset of its name. */
export function reportFileName(name: string, extension: string): string {
  const safe = name.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^[._]+/, '').slice(0, 64);
  return `privacy-report-${safe || 'device'}.${extension}`;
}
