// @vitest-environment happy-dom
import { LitElement } from 'lit';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { bucketize } from '../../src/card/components/violations-timeline.js';
import type { LiveUpdate, PrivacyDataSource } from '../../src/card/data/data-source.js';
import '../../src/card/index.js';
import '../../src/card/standalone.js';
import { SubscriptionController } from '../../src/card/subscription-controller.js';
import { FakeConnection, deepQuery, deepQueryAll, deepText, fakeHass, fixture } from './fake-hass.js';

afterEach(() => document.body.replaceChildren());

describe('bucketize', () => {
  const now = new Date(2026, 10, 22, 14, 30).getTime();
  const hoursAgo = (hours: number) => now - hours * 3_600_000;

  it.each([
    ['24h' as const, [hoursAgo(0), hoursAgo(0.2), hoursAgo(5), hoursAgo(30)], 24, { 23: 2, 18: 1 }],
    ['7d' as const, [hoursAgo(1), hoursAgo(26), hoursAgo(24 * 8)], 7, { 6: 1, 5: 1 }],
  ])('%s: counts %j into %i buckets, newest last', (range, times, slots, expected) => {
    const buckets = bucketize(times, range, now);
    expect(buckets).toHaveLength(slots);
    const counted = Object.fromEntries(buckets.flatMap((bucket, index) => (bucket.count > 0 ? [[index, bucket.count]] : [])));
    expect(counted).toEqual(expected);
  });
});

class Host extends LitElement {}
customElements.define('test-subscription-host', Host);

function source(subscribe: PrivacyDataSource['subscribe']): PrivacyDataSource {
  return {
    canEdit: false,
    live: true,
    household: () => Promise.reject(new Error('unused')),
    device: () => Promise.reject(new Error('unused')),
    apply: () => Promise.resolve(),
    exportReport: () => Promise.reject(new Error('unused')),
    subscribe,
  };
}

describe('SubscriptionController', () => {
  it('closes a subscription that is only established after the host left', async () => {
    let resolve: (unsubscribe: () => void) => void = () => undefined;
    const unsubscribe = vi.fn();
    const host = new Host();
    const controller = new SubscriptionController(host, () => undefined, () => undefined);
    controller.setSource(source(() => new Promise((done) => (resolve = done))));
    document.body.append(host);
    host.remove();
    resolve(unsubscribe);
    await Promise.resolve();
    expect(unsubscribe).toHaveBeenCalledTimes(1);
    expect(controller.subscribed).toBe(false);
  });

  it('hands updates to the host and reports a failed subscription', async () => {
    const updates: LiveUpdate[] = [];
    const errors: unknown[] = [];
    const host = new Host();
    const controller = new SubscriptionController(host, (update) => updates.push(update), (error) => errors.push(error));
    controller.setSource(source(async (onUpdate) => {
      onUpdate({ kind: 'policy' });
      return () => undefined;
    }));
    document.body.append(host);
    await vi.waitFor(() => expect(controller.subscribed).toBe(true));
    expect(updates).toEqual([{ kind: 'policy' }]);
    controller.setSource(source(() => Promise.reject({ code: 'unknown_command', message: 'Unknown command.' })));
    await vi.waitFor(() => expect(errors).toHaveLength(1));
  });
});

describe('privacy-gateway-standalone', () => {
  it('shows the page\'s devices read-only, with a refresh button instead of live updates', async () => {
    const summary = fixture('page-summary.json');
    const fetchMock = vi.fn(async (url: string) =>
      new Response(JSON.stringify(url.endsWith('/api/devices') ? { devices: [{ ...(summary.device as object), destinations: 2, fields: 2, categories: [], violationsToday: 1, bytesUp: 5, bytesDown: 0 }] } : summary), {
        headers: { 'content-type': 'application/json' },
      }),
    );
    vi.stubGlobal('fetch', fetchMock);
    const page = document.createElement('privacy-gateway-standalone');
    document.body.append(page);
    await vi.waitFor(() => expect(deepQuery(page, 'button.device')).toBeDefined());
    (deepQuery(page, 'button.device') as HTMLButtonElement).click();
    await vi.waitFor(() => expect(deepQuery(page, 'tr[data-path="$.coords.lat"]')).toBeDefined());
    expect(deepText(page.shadowRoot as ShadowRoot)).toContain('not inspectable (pinned certificate)');
    // The card says which signal decided the field's category.
    expect(deepText(page.shadowRoot as ShadowRoot)).toContain('why this category: key "lat": word "latitude" → location');
    expect(deepQueryAll(page, 'button[data-action]')).toHaveLength(0);
    expect(deepQuery(page, 'button.refresh')).toBeDefined();
    // Relative to the page, so the same requests work under Home Assistant's ingress prefix.
    // Each load also asks whether this browser may edit (here the answer has no `allowed`: read-only).
    expect(fetchMock.mock.calls.map(([url]) => url)).toEqual([
      './api/devices',
      './api/policy/edits',
      './api/devices/192.168.1.20',
      './api/policy/edits',
    ]);
    vi.unstubAllGlobals();
  });

  it('shows that the gateway does not answer', async () => {
    vi.stubGlobal('fetch', () => Promise.reject(new TypeError('Failed to fetch')));
    const page = document.createElement('privacy-gateway-standalone');
    document.body.append(page);
    await vi.waitFor(() => expect(deepQuery(page, '.banner.error')?.textContent).toContain('The gateway does not answer'));
    vi.unstubAllGlobals();
  });
});

describe('privacy-gateway-panel', () => {
  it('shows the household full page under a title', async () => {
    const connection = new FakeConnection().answer('privacy_gateway/devices', () => fixture('ha-devices.json'));
    const panel = document.createElement('privacy-gateway-panel');
    panel.hass = fakeHass(connection);
    panel.narrow = true;
    document.body.append(panel);
    await vi.waitFor(() => expect(deepQueryAll(panel, 'button.device')).toHaveLength(3));
    expect(panel.shadowRoot?.querySelector('h1')?.textContent).toBe('Privacy');
    expect(connection.open).toBe(1);
  });
});
