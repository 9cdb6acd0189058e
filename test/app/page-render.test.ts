// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import type { DeviceOverviewView, DeviceSummaryView, StatusView } from '../../src/page/api-types.js';
import { renderDeviceList, renderDeviceSummary, renderStatus } from '../../src/page/browser/render.js';

const HOSTILE = '<img src=x onerror="globalThis.pwned=1"><script>globalThis.pwned=2</script>';

const overview: DeviceOverviewView = {
  id: `id-${HOSTILE}`,
  name: HOSTILE,
  isDefault: false,
  firstSeen: 0,
  lastSeen: 0,
  destinations: 1,
  fields: 2,
  categories: ['location', HOSTILE],
  violationsToday: 3,
  bytesUp: 2048,
  bytesDown: 10,
};

const summary: DeviceSummaryView = {
  device: { id: 'a/b?c', name: HOSTILE, isDefault: false, firstSeen: 0, lastSeen: 0 },
  since: 0,
  destinations: [
    { vendor: HOSTILE, host: `${HOSTILE}.test`, port: 443, scheme: 'https', inspectable: false, forwarded: 1, blocked: 0, errors: 0, firstSeen: 0, lastSeen: 0 },
  ],
  categories: [
    {
      category: 'location',
      label: 'Location',
      fields: [{ host: 'api.test', path: `$.${HOSTILE}`, action: 'redact', applied: false, opaque: true, count: 4, firstSeen: 0, lastSeen: 0 }],
    },
  ],
  decisions: [
    { at: 0, host: 'api.test', method: 'POST', path: `/${HOSTILE}`, mode: 'monitor', verdict: 'forward', violation: true, ruleId: 'location-redact', reason: HOSTILE },
    { at: 0, host: 'api.test', method: 'GET', path: '/ok', mode: 'monitor', verdict: 'forward', violation: false, ruleId: null, reason: 'allowed' },
  ],
};

function expectInert(element: HTMLElement): void {
  expect(element.querySelector('img, script')).toBeNull();
  expect(element.textContent).toContain(HOSTILE);
  expect((globalThis as { pwned?: number }).pwned).toBeUndefined();
}

describe('renderDeviceList', () => {
  it('renders hostile device names and categories as text', () => {
    expectInert(renderDeviceList([overview], () => undefined));
  });

  it('reports the id of the device the owner opens', () => {
    const opened: string[] = [];
    const list = renderDeviceList([overview], (id) => opened.push(id));
    list.querySelector('button')?.click();
    expect(opened).toEqual([overview.id]);
  });

  it('says so when no device was seen', () => {
    expect(renderDeviceList([], () => undefined).textContent).toContain('No device');
  });
});

describe('renderDeviceSummary', () => {
  it('renders hostile hosts, paths, vendors and reasons as text', () => {
    expectInert(renderDeviceSummary(summary));
  });

  it('lists only violations under recent violations', () => {
    const rows = renderDeviceSummary(summary).querySelectorAll('table.violations tbody tr');
    expect(rows).toHaveLength(1);
  });

  it('marks pinned destinations uninspectable and unapplied actions as monitor-only', () => {
    const text = renderDeviceSummary(summary).textContent ?? '';
    expect(text).toContain('uninspectable');
    expect(text).toContain('redact (not applied: monitor mode)');
  });

  it('links the reports with the device id percent-encoded', () => {
    const links = [...renderDeviceSummary(summary).querySelectorAll('a')].map((a) => a.getAttribute('href'));
    expect(links).toEqual(['/api/devices/a%2Fb%3Fc/report?format=md', '/api/devices/a%2Fb%3Fc/report?format=json']);
  });
});

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
