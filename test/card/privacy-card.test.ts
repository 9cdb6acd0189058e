// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import '../../src/card/index.js';
import type { PrivacyGatewayCard } from '../../src/card/index.js';
import type { HomeAssistant } from '../../src/card/ha-types.js';
import { FakeConnection, deepQuery, deepQueryAll, deepText, fakeHass, fixture } from './fake-hass.js';

const TV = 'fedcba9876543210fedcba9876543210';

function integration(report = fixture('ha-device-report.json')): FakeConnection {
  return new FakeConnection()
    .answer('privacy_gateway/devices', () => fixture('ha-devices.json'))
    .answer('privacy_gateway/device_report', () => report)
    .answer('privacy_gateway/policy/edit', () => ({ etag: 'e2' }));
}

async function mount(config: Record<string, unknown>, hass: HomeAssistant): Promise<PrivacyGatewayCard> {
  const card = document.createElement('privacy-gateway-card');
  card.setConfig({ type: 'custom:privacy-gateway-card', ...config });
  card.hass = hass;
  document.body.append(card);
  await card.updateComplete;
  return card;
}

afterEach(() => {
  document.body.replaceChildren();
});

describe('privacy-gateway-card household overview', () => {
  it('ranks devices by exposure, lowest trust score first, with the reasons', async () => {
    const card = await mount({}, fakeHass(integration()));
    await vi.waitFor(() => expect(deepQueryAll(card, 'button.device')).toHaveLength(3));
    const names = deepQueryAll(card, 'button.device .name').map((element) => element.textContent);
    expect(names).toEqual(['Living room TV', 'Kitchen speaker', 'New doorbell']);
    const tv = deepText(deepQuery(card, 'button.device') as Element);
    expect(tv).toContain('50');
    expect(tv).toContain('3 violations today (−30)');
    expect(tv).toContain('1 opaque payloads today (−10)');
    expect(tv).toContain('Quarantined');
  });

  it('opens a device from the overview and goes back', async () => {
    const connection = integration();
    const card = await mount({}, fakeHass(connection));
    await vi.waitFor(() => expect(deepQuery(card, 'button.device')).toBeDefined());
    (deepQuery(card, `button[data-device-id="${TV}"]`) as HTMLButtonElement).click();
    await vi.waitFor(() => expect(deepQuery(card, 'pg-device-view header')).toBeDefined());
    expect(connection.sentOfType('privacy_gateway/device_report').at(-1)).toEqual({ type: 'privacy_gateway/device_report', device_id: TV });
    const view = deepQuery(card, 'privacy-gateway-view') as Element;
    await vi.waitFor(() => expect(view.shadowRoot?.activeElement?.classList.contains('back')).toBe(true));
    (deepQuery(card, 'button.back') as HTMLButtonElement).click();
    await vi.waitFor(() => expect(deepQueryAll(card, 'button.device')).toHaveLength(3));
  });

  it('warns when the sidecar is disconnected, and clears the warning when it reconnects', async () => {
    const connection = integration().answer('privacy_gateway/devices', () => ({ ...fixture('ha-devices.json'), connected: false }));
    const card = await mount({}, fakeHass(connection));
    await vi.waitFor(() => expect(deepText(card.shadowRoot as ShadowRoot)).toContain('sidecar is not connected'));
    connection.answer('privacy_gateway/devices', () => fixture('ha-devices.json'));
    connection.push({ type: 'sidecar', connected: true });
    await vi.waitFor(() => expect(deepText(card.shadowRoot as ShadowRoot)).not.toContain('sidecar is not connected'));
  });

  it('shows the integration not being loaded as an error with a retry', async () => {
    const connection = new FakeConnection().answer('privacy_gateway/devices', () => {
      throw { code: 'not_loaded', message: 'The Privacy Gateway entry is not loaded' };
    });
    const card = await mount({}, fakeHass(connection));
    await vi.waitFor(() => expect(deepQuery(card, '.banner.error')?.textContent).toContain('integration is not loaded'));
  });
});

describe('privacy-gateway-card device view', () => {
  it('shows destinations with access, fields by category with the action in force', async () => {
    const card = await mount({ device_id: TV }, fakeHass(integration()));
    await vi.waitFor(() => expect(deepQuery(card, 'tr[data-host="ads.tracker.example"]')).toBeDefined());
    expect(deepText(deepQuery(card, 'tr[data-host="ads.tracker.example"]') as Element)).toContain('blocked');
    expect(deepText(deepQuery(card, 'tr[data-host="ads.tracker.example"]') as Element)).toContain('Tracker Inc');
    expect(deepText(deepQuery(card, 'tr[data-host="telemetry.tv.example"]') as Element)).toContain('allowed (default)');
    const field = deepQuery(card, 'tr[data-path="$.coords.lat"]') as Element;
    expect(field.querySelector('button[aria-pressed="true"]')?.textContent?.trim()).toBe('hash');
    const location = deepQuery(card, '[data-category="location"]') as Element;
    expect(location.querySelector('.group-head button[aria-pressed="true"]')?.textContent?.trim()).toBe('redact');
  });

  it('grows the fields, timeline and opaque payloads from live events', async () => {
    const connection = integration();
    const card = await mount({ device_id: TV }, fakeHass(connection));
    await vi.waitFor(() => expect(connection.open).toBe(1));
    connection.push({
      type: 'event',
      event_type: 'violation',
      data: { device_id: TV, destination: 'telemetry.tv.example', vendor: null, field_path: '$.ssid', category: 'network', action: 'redact', rule: 'r', explanation: 'Wi-Fi name redacted' },
    });
    connection.push({
      type: 'event',
      event_type: 'opaque_payload',
      data: { device_id: TV, destination: 'telemetry.tv.example', field_path: '$.blob', explanation: 'base64 blob' },
    });
    await vi.waitFor(() => expect(deepQuery(card, 'tr[data-path="$.ssid"]')).toBeDefined());
    expect(deepText(deepQuery(card, '[data-category="network"]') as Element)).toContain('1 times');
    expect(deepQuery(card, '[data-testid="timeline-summary"]')?.textContent).toContain('1 violations in the last 24 hours');
    expect(deepText(card.shadowRoot as ShadowRoot)).toContain('base64 blob');
  });

  it('says so for a device with no traffic', async () => {
    const quiet = { ...fixture('ha-device-report.json'), destinations: [], rules: [], stats: (fixture('ha-devices.json').devices as { stats: unknown }[])[2]?.stats };
    const card = await mount({ device_id: TV }, fakeHass(integration(quiet)));
    await vi.waitFor(() => expect(deepQuery(card, '[data-testid="no-traffic"]')?.textContent).toContain('No traffic seen'));
  });

  it('renders hostile names, hosts and paths as text, never as markup', async () => {
    const hostile = '<img src=x onerror="globalThis.pwned=1">';
    const report = {
      ...fixture('ha-device-report.json'),
      name: hostile,
      stats: { ...(fixture('ha-device-report.json').stats as object), destinations: [`"><script>globalThis.pwned=2</script>`] },
      rules: [{ id: 'field:x', action: 'redact', path: `$.<b id="bold">x</b>` }],
    };
    const card = await mount({ device_id: TV }, fakeHass(integration(report)));
    await vi.waitFor(() => expect(deepText(card.shadowRoot as ShadowRoot)).toContain(hostile));
    expect(deepText(card.shadowRoot as ShadowRoot)).toContain('<script>globalThis.pwned=2</script>');
    expect(deepText(card.shadowRoot as ShadowRoot)).toContain('$.<b id="bold">x</b>');
    expect(deepQueryAll(card, 'img, script, b#bold')).toHaveLength(0);
    expect((globalThis as { pwned?: number }).pwned).toBeUndefined();
  });
});

describe('privacy-gateway-card actions', () => {
  let connection: FakeConnection;
  let card: PrivacyGatewayCard;
  let report: Record<string, unknown>;

  beforeEach(async () => {
    report = fixture('ha-device-report.json');
    connection = integration().answer('privacy_gateway/device_report', () => report);
    card = await mount({ device_id: TV }, fakeHass(connection));
    await vi.waitFor(() => expect(deepQuery(card, 'tr[data-path="$.coords.lat"]')).toBeDefined());
  });

  const click = (selector: string): void => (deepQuery(card, selector) as HTMLButtonElement).click();
  const edits = () => connection.sentOfType('privacy_gateway/policy/edit');

  it.each([
    ['tr[data-path="$.coords.lat"] button[data-action="redact"]', { operation: 'set_field_action', data: { device_id: TV, field_path: '$.coords.lat', action: 'redact' } }],
    ['[data-category="location"] .group-head button[data-action="drop"]', { operation: 'set_field_action', data: { device_id: TV, category: 'location', action: 'drop' } }],
    ['tr[data-host="telemetry.tv.example"] button', { operation: 'block_destination', data: { device_id: TV, host: 'telemetry.tv.example' } }],
    ['tr[data-host="ads.tracker.example"] button', { operation: 'allow_destination', data: { device_id: TV, host: 'ads.tracker.example', vendor: 'Tracker Inc' } }],
    ['.actions button.danger', { operation: 'quarantine', data: { device_id: TV, quarantine: true } }],
  ])('%s sends %j', async (selector, expected) => {
    click(selector);
    await vi.waitFor(() => expect(edits()).toHaveLength(1));
    expect(edits()[0]).toEqual({ type: 'privacy_gateway/policy/edit', ...expected });
  });

  it('shows the change pending until the gateway confirms it, then announces it', async () => {
    let confirm: (value: unknown) => void = () => undefined;
    connection.answer('privacy_gateway/policy/edit', () => new Promise((resolve) => (confirm = resolve)));
    click('tr[data-path="$.coords.lat"] button[data-action="redact"]');
    await vi.waitFor(() => expect(deepQuery(card, 'tr[data-path="$.coords.lat"] [role="group"]')?.getAttribute('aria-busy')).toBe('true'));
    expect((deepQuery(card, 'tr[data-path="$.coords.lat"] button[data-action="redact"]') as HTMLButtonElement).disabled).toBe(true);
    report = { ...report, rules: [{ id: 'field:$.coords.lat', action: 'redact', path: '$.coords.lat' }] };
    confirm({ etag: 'e3', rule_id: 'field:$.coords.lat' });
    await vi.waitFor(() => expect(deepQuery(card, '[role="status"]')?.textContent).toContain('Applied: redact for $.coords.lat'));
    const row = deepQuery(card, 'tr[data-path="$.coords.lat"]') as Element;
    expect(row.querySelector('[role="group"]')?.getAttribute('aria-busy')).toBe('false');
    expect(row.querySelector('button[aria-pressed="true"]')?.textContent?.trim()).toBe('redact');
  });

  it('announces a refused change with the integration\'s reason', async () => {
    connection.answer('privacy_gateway/policy/edit', () => {
      throw { code: 'unauthorized', message: 'Unauthorized' };
    });
    click('.actions button.danger');
    await vi.waitFor(() => expect(deepQuery(card, '[role="status"]')?.textContent).toContain('Not applied: Unauthorized'));
  });

  it('offers no changes to a user who is not an administrator', async () => {
    card.hass = fakeHass(connection, { user: { id: 'guest', is_admin: false } });
    await vi.waitFor(() => expect(deepText(card.shadowRoot as ShadowRoot)).toContain('Read-only'));
    await vi.waitFor(() => expect(deepQuery(card, 'tr[data-path="$.coords.lat"]')).toBeDefined());
    expect(deepQueryAll(card, 'button[data-action], .actions button.danger')).toHaveLength(0);
  });
});

describe('privacy-gateway-card lifecycle', () => {
  it('ignores hass updates that do not concern it', async () => {
    const connection = integration();
    const hass = fakeHass(connection);
    const card = await mount({}, hass);
    await vi.waitFor(() => expect(deepQueryAll(card, 'button.device')).toHaveLength(3));
    const render = vi.spyOn(card, 'render');
    card.hass = { ...hass, states: { 'light.kitchen': { state: 'on' } } };
    await card.updateComplete;
    expect(render).not.toHaveBeenCalled();
    card.hass = { ...hass, locale: { language: 'de' } };
    await card.updateComplete;
    expect(render).toHaveBeenCalledTimes(1);
    expect(connection.sentOfType('privacy_gateway/devices')).toHaveLength(1);
  });

  it('subscribes while in the document and unsubscribes when removed', async () => {
    const connection = integration();
    const card = await mount({}, fakeHass(connection));
    await vi.waitFor(() => expect(connection.open).toBe(1));
    expect(connection.subscriptions[0]?.message).toEqual({ type: 'privacy_gateway/subscribe' });
    card.remove();
    await vi.waitFor(() => expect(connection.open).toBe(0));
  });

  it('moves its subscription to a new connection', async () => {
    const first = integration();
    const card = await mount({}, fakeHass(first));
    await vi.waitFor(() => expect(first.open).toBe(1));
    const second = integration();
    card.hass = fakeHass(second);
    await vi.waitFor(() => expect(second.open).toBe(1));
    expect(first.open).toBe(0);
  });

  it('describes its size for masonry and sections views', async () => {
    const card = await mount({}, fakeHass(integration()));
    expect(card.getCardSize()).toBe(4);
    expect(card.getGridOptions()).toMatchObject({ columns: 12, min_columns: 6 });
    card.setConfig({ type: 'custom:privacy-gateway-card', device_id: TV });
    expect(card.getGridOptions()).toMatchObject({ columns: 'full' });
  });

  it('registers itself with the card picker', () => {
    expect(window.customCards?.filter((entry) => entry.type === 'privacy-gateway-card')).toEqual([
      expect.objectContaining({ name: 'Privacy Gateway', preview: true }),
    ]);
    expect(customElements.get('privacy-gateway-panel')).toBeDefined();
  });
});
