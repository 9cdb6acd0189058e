import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PolicyIntake, type ApplyPolicy } from '../../src/hub/policy-intake.js';
import type { HubLogLevel } from '../../src/hub/index.js';

/** The policy half of the hub, on a real cache file: a bad frame or a refused policy never replaces the last good one. */
describe('PolicyIntake', () => {
  let dir: string;
  let cacheFile: string;
  let applied: string[];
  let logs: Array<[HubLogLevel, string]>;
  let malformed: number;

  const frame = (etag: string, mode = 'monitor') => ({
    etag,
    policy: { version: 1, mode, destinations: [], rules: [], devices: [] },
    settings: { retention_days: 30 },
  });
  const intake = (apply: ApplyPolicy = (_policy, etag) => void applied.push(etag)) =>
    new PolicyIntake(cacheFile, apply, (level, message) => void logs.push([level, message]), () => void malformed++);

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'pg-intake-'));
    cacheFile = join(dir, 'hub-policy.json');
    applied = [];
    logs = [];
    malformed = 0;
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('applies a new frame once, caches it, and ignores the same etag again', () => {
    const policy = intake();
    expect(policy.onFrame(frame('e1'))).toBe(true);
    expect(policy.onFrame(frame('e1'))).toBe(false);
    expect(applied).toEqual(['e1']);
    expect(policy.etag).toBe('e1');
    expect(JSON.parse(readFileSync(cacheFile, 'utf8'))).toMatchObject({ etag: 'e1' });
  });

  it('counts a malformed frame and keeps the policy in force and the cache as they were', () => {
    const policy = intake();
    policy.onFrame(frame('e1'));
    expect(policy.onFrame({ etag: 'e2', policy: { version: 1, mode: 'sometimes' } })).toBe(false);
    expect(policy.onFrame('not a frame')).toBe(false);
    expect(malformed).toBe(2);
    expect(policy.etag).toBe('e1');
    expect(JSON.parse(readFileSync(cacheFile, 'utf8'))).toMatchObject({ etag: 'e1' });
    expect(logs.filter(([level]) => level === 'warn')).toHaveLength(2);
  });

  it('caches nothing that the gateway refused to apply', () => {
    const policy = intake(() => {
      throw new Error('no such device');
    });
    expect(policy.onFrame(frame('e1'))).toBe(false);
    expect(policy.etag).toBeUndefined();
    expect(existsSync(cacheFile)).toBe(false);
    expect(logs).toContainEqual(['error', 'policy e1 could not be applied: no such device']);
  });

  it('enforces the cached policy at start, and says so when the cache is unreadable', () => {
    intake().onFrame(frame('e1', 'enforce'));
    applied = [];
    const restarted = intake();
    restarted.loadCached();
    expect(applied).toEqual(['e1']);
    expect(restarted.etag).toBe('e1');

    writeFileSync(cacheFile, '{"etag": 3');
    const broken = intake();
    broken.loadCached();
    expect(broken.etag).toBeUndefined();
    expect(logs.some(([level, message]) => level === 'warn' && message.startsWith('ignoring the cached Home Assistant policy'))).toBe(true);
  });
});
