// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import type { StatusView } from '../../src/page/api-types.js';
import { renderStatus } from '../../src/page/browser/render.js';

const HOSTILE = '<img src=x onerror="globalThis.pwned=1"><script>globalThis.pwned=2</script>';

function expectInert(element: HTMLElement): void {
  expect(element.querySelector('img, script')).toBeNull();
  expect(element.textContent).toContain(HOSTILE);
  expect((globalThis as { pwned?: number }).pwned).toBeUndefined();
}

describe('renderStatus', () => {
  const status: StatusView = {
    version: '0.1.0',
    startedAt: 0,
    uptimeSeconds: 3_700,
    proxy: { http: '127.0.0.1:8080', transparentHttp: null, transparentTls: '0.0.0.0:8443' },
    policy: { file: '/data/policy.json', mode: 'enforce', loadedAt: 0, lastError: null },
    ca: { fingerprintSha256: 'AA', pemPath: '/ca.pem', derPath: '/ca.der' },
    hub: null,
  };

  it('shows listeners, mode and uptime', () => {
    const text = renderStatus(status).textContent ?? '';
    expect(text).toContain('127.0.0.1:8080');
    expect(text).toContain('0.0.0.0:8443');
    expect(text).toContain('enforce mode');
    expect(text).toContain('1 h 1 min');
  });

  it('names Home Assistant as the policy source and shows its connection when a hub is configured', () => {
    const hub = { url: 'http://ha.local:8123', state: 'unavailable', outbox: 12, lastError: 'connection refused' };
    const text = renderStatus({ ...status, hub }).textContent ?? '';
    expect(text).toContain('from Home Assistant');
    expect(text).not.toContain('/data/policy.json');
    expect(text).toContain('http://ha.local:8123: unavailable, 12 reports waiting; last error: connection refused');
  });

  it('shows a rejected policy edit with each problem, as text', () => {
    const element = renderStatus({
      ...status,
      policy: { ...status.policy, lastError: { at: 0, code: 'POLICY_INVALID', message: 'policy.json: invalid', details: [`mode: ${HOSTILE}`] } },
    });
    expect(element.querySelector('[role="alert"]')?.textContent).toContain('still in force');
    expectInert(element);
  });
});
