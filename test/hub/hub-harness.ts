import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Hub, type HubOptions } from '../../src/hub/index.js';
import type { Policy } from '../../src/policy/index.js';

export interface Applied {
  readonly etag: string;
  readonly policy: Policy;
}

export interface HubHarness {
  readonly dir: string;
  readonly databaseFile: string;
  readonly policyCacheFile: string;
  readonly applied: Applied[];
  readonly logs: string[];
  create(url: string, overrides?: Partial<HubOptions>): Hub;
  cleanup(): Promise<void>;
}

/** Temp files, a log collector and fast timings; every hub made here is stopped by cleanup(). */
export function hubHarness(): HubHarness {
  const dir = mkdtempSync(join(tmpdir(), 'pg-hub-'));
  const applied: Applied[] = [];
  const logs: string[] = [];
  const hubs: Hub[] = [];
  const databaseFile = join(dir, 'ledger.db');
  const policyCacheFile = join(dir, 'hub-policy.json');
  return {
    dir,
    databaseFile,
    policyCacheFile,
    applied,
    logs,
    create(url, overrides = {}) {
      const hub = new Hub({
        url,
        token: 'good-token',
        databaseFile,
        policyCacheFile,
        applyPolicy: (policy, etag) => applied.push({ policy, etag }),
        sidecarId: 'test-sidecar',
        version: '0.1.0',
        log: (level, message) => logs.push(`${level} ${message}`),
        keepalive: { intervalMs: 200, timeoutMs: 200 },
        retry: { minMs: 50, maxMs: 200 },
        connectTimeoutMs: 1000,
        trafficWindowMs: 0,
        outboxRetryMs: 100,
        ...overrides,
      });
      hubs.push(hub);
      return hub;
    },
    async cleanup() {
      for (const hub of hubs) await hub.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Polls `check` until it holds or `timeoutMs` passes (then throws with `what`). */
export async function waitFor(what: string, check: () => boolean, timeoutMs = 5000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
