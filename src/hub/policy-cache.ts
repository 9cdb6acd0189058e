import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import { asGatewayError, type GatewayError } from '../errors.js';
import { safeParsePolicy, type Policy } from '../policy/index.js';
import type { HubSettings } from './protocol.js';

/**
 * The last good policy Home Assistant pushed, on disk (e.g. data/hub-policy.json), so that after a
 * restart the sidecar enforces it at once, before (or without) Home Assistant answering.
 */
export interface CachedPolicy {
  readonly etag: string;
  readonly policy: Policy;
  readonly settings: HubSettings | undefined;
  readonly savedAt: number;
}

const CacheFileSchema = z.object({
  etag: z.string().min(1),
  policy: z.unknown(),
  settings: z.object({ retention_days: z.number().int().optional() }).loose().optional(),
  savedAt: z.number(),
});

export type CacheLoad =
  | { readonly kind: 'missing' }
  | { readonly kind: 'loaded'; readonly cached: CachedPolicy }
  | { readonly kind: 'invalid'; readonly error: GatewayError };

export class PolicyCache {
  constructor(private readonly file: string) {}

  load(): CacheLoad {
    let text: string;
    try {
      text = readFileSync(this.file, 'utf8');
    } catch (error) {
      if (error instanceof Error && 'code' in error && error.code === 'ENOENT') return { kind: 'missing' };
      return { kind: 'invalid', error: asGatewayError(error, 'POLICY_INVALID', `Cannot read ${this.file}`) };
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      return { kind: 'invalid', error: asGatewayError(error, 'POLICY_INVALID', `${this.file} is not JSON`) };
    }
    const file = CacheFileSchema.safeParse(json);
    if (!file.success) {
      return { kind: 'invalid', error: asGatewayError(file.error, 'POLICY_INVALID', `${this.file} is not a cached policy`) };
    }
    const policy = safeParsePolicy(file.data.policy);
    if (!policy.success) return { kind: 'invalid', error: policy.error };
    const { etag, settings, savedAt } = file.data;
    return { kind: 'loaded', cached: { etag, policy: policy.policy, settings, savedAt } };
  }

  /** Atomic: a crash mid-write leaves the previous file, never half a policy. */
  save(entry: { etag: string; policy: unknown; settings: HubSettings | undefined }, now = Date.now()): void {
    mkdirSync(dirname(this.file), { recursive: true });
    const temporary = `${this.file}.${process.pid}.tmp`;
    writeFileSync(temporary, `${JSON.stringify({ ...entry, savedAt: now }, null, 2)}\n`, { mode: 0o600 });
    renameSync(temporary, this.file);
  }
}
