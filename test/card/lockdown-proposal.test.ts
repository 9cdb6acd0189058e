// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import '../../src/card/index.js';
import type { PrivacyGatewayCard } from '../../src/card/index.js';
import type { HomeAssistant } from '../../src/card/ha-types.js';
import { FakeConnection, deepQuery, deepQueryAll, deepText, fakeHass, fixture } from './fake-hass.js';

const TV = 'fedcba9876543210fedcba9876543210';

/** What the integration's device_report carries once the sidecar proposed an allowlist. */
const PROPOSAL = {
  generated_at: '2026-11-22T10:00:00+00:00',
  observed_days: 8,
  learning_complete: true,
  destinations: [
    {
      host: 'telemetry.tv.example', vendor: 'Acme', party: 'first', countries: ['NL', 'DE'], requests: 120,
      categories: ['device', 'behaviour'], access: 'allow', review: false, reason: 'first party (the device\'s maker)',
    },
    {
      host: 'cdn.unknown.example', vendor: null, party: 'unknown', countries: [], requests: 7,
      categories: [], access: 'allow', review: true, reason: 'unknown party (nothing names it)',
    },
    {
      host: 'ads.tracker.example', vendor: 'Tracker Inc', party: 'third', requests: 3,
      categories: ['behaviour'], access: 'block', review: false, reason: 'third party (advertising): blocked',
    },
  ],
};

function integration(proposal: unknown): FakeConnection {
  return new FakeConnection()
    .answer('privacy_gateway/devices', () => fixture('ha-devices.json'))
    .answer('privacy_gateway/device_report', () => ({ ...fixture('ha-device-report.json'), lockdown_proposal: proposal }))
    .answer('privacy_gateway/policy/edit', () => ({ etag: 'e2', allowed: 1 }));
}

async function mount(hass: HomeAssistant): Promise<PrivacyGatewayCard> {
  const card = document.createElement('privacy-gateway-card');
  card.setConfig({ type: 'custom:privacy-gateway-card', device_id: TV });
  card.hass = hass;
  document.body.append(card);
  await card.updateComplete;
  return card;
}

function row(card: Element, host: string): Element {
  const found = deepQuery(card, `pg-lockdown-proposal tr[data-host="${host}"]`);
  if (found === undefined) throw new Error(`no proposal row for ${host}`);
  return found;
}

afterEach(() => document.body.replaceChildren());

describe('learn, then lock in the card', () => {
  it('shows the proposal: learning done, vendor, party, countries, requests, data, proposed access and review flags', async () => {
    const card = await mount(fakeHass(integration(PROPOSAL)));
    await vi.waitFor(() => expect(deepQuery(card, 'pg-lockdown-proposal tr[data-host]')).toBeDefined());
    const proposal = deepQuery(card, 'pg-lockdown-proposal') as Element;
    expect(deepQuery(proposal, '[data-learning]')?.getAttribute('data-learning')).toBe('complete');
    expect(deepText(proposal.shadowRoot as ShadowRoot)).toContain('Learned for 8 days');
    const first = row(card, 'telemetry.tv.example');
    expect(first.querySelector('[data-owner]')?.textContent?.trim()).toBe('Acme · first party (the maker) · NL, DE');
    expect(deepText(first)).toContain('120');
    expect(deepText(first)).toContain('Device identifiers, Behaviour');
    expect(first.querySelector('button[aria-pressed="true"]')?.textContent?.trim()).toBe('allow');
    const unknown = row(card, 'cdn.unknown.example');
    expect(unknown.querySelector('.chip.warn')?.textContent?.trim()).toBe('review');
    expect(unknown.querySelector('[data-owner]')?.textContent?.trim()).toBe('party unknown');
    const third = row(card, 'ads.tracker.example');
    expect(third.querySelector('button[aria-pressed="true"]')?.textContent?.trim()).toBe('block');
    expect(deepText(third)).toContain('third party (advertising): blocked');
    expect(deepQuery(proposal, '.apply button')?.textContent?.trim()).toBe('Lock down: allow 2, refuse the rest');
  });

  it('applies the reviewed list with one click, the owner\'s flip included, and announces it', async () => {
    const connection = integration(PROPOSAL);
    const card = await mount(fakeHass(connection));
    await vi.waitFor(() => expect(deepQuery(card, 'pg-lockdown-proposal tr[data-host]')).toBeDefined());
    (row(card, 'cdn.unknown.example').querySelector('button[data-access="block"]') as HTMLButtonElement).click();
    await vi.waitFor(() => expect(deepText(row(card, 'cdn.unknown.example'))).toContain('(your choice)'));
    const apply = deepQuery(card, 'pg-lockdown-proposal .apply button') as HTMLButtonElement;
    expect(apply.textContent?.trim()).toBe('Lock down: allow 1, refuse the rest');
    apply.click();
    await vi.waitFor(() => expect(connection.sentOfType('privacy_gateway/policy/edit')).toHaveLength(1));
    expect(connection.sentOfType('privacy_gateway/policy/edit')[0]).toEqual({
      type: 'privacy_gateway/policy/edit',
      operation: 'lock_down',
      data: {
        device_id: TV,
        destinations: [
          { host: 'telemetry.tv.example', access: 'allow', vendor: 'Acme' },
          { host: 'cdn.unknown.example', access: 'block' },
          { host: 'ads.tracker.example', access: 'block', vendor: 'Tracker Inc' },
        ],
      },
    });
    await vi.waitFor(() =>
      expect(deepQuery(card, '[role="status"]')?.textContent).toContain('Applied: Living room TV locked down to 1 allowed destinations'),
    );
  });

  it('says the device is still learning, and shows no buttons to a user who is not an administrator', async () => {
    const learning = { ...PROPOSAL, observed_days: 2, learning_complete: false };
    const card = await mount(fakeHass(integration(learning), { user: { id: 'guest', is_admin: false, name: 'Guest' } }));
    await vi.waitFor(() => expect(deepQuery(card, 'pg-lockdown-proposal tr[data-host]')).toBeDefined());
    const proposal = deepQuery(card, 'pg-lockdown-proposal') as Element;
    expect(deepText(proposal.shadowRoot as ShadowRoot)).toContain('Learning: 2 of 7 days observed');
    expect(deepQueryAll(proposal, 'button')).toHaveLength(0);
    expect(deepText(row(card, 'ads.tracker.example'))).toContain('blocked');
  });

  it('shows a destination the policy does not list as blocked by default once the device is locked down', async () => {
    const connection = integration(PROPOSAL);
    connection.answer('privacy_gateway/device_report', () => ({ ...fixture('ha-device-report.json'), mode: 'lockdown', lockdown_proposal: PROPOSAL }));
    const card = await mount(fakeHass(connection));
    await vi.waitFor(() => expect(deepQuery(card, 'section[aria-label="Destinations"] tr[data-host="telemetry.tv.example"]')).toBeDefined());
    const unlisted = deepQuery(card, 'section[aria-label="Destinations"] tr[data-host="telemetry.tv.example"]') as Element;
    expect(deepText(unlisted)).toContain('blocked (default)');
    expect(deepText(deepQuery(card, 'pg-lockdown-proposal')?.shadowRoot as ShadowRoot)).toContain('The device is locked down');
  });

  it.each([
    ['absent', undefined],
    ['null', null],
    ['malformed', { ...PROPOSAL, destinations: [{ host: 'x.example', access: 'maybe' }] }],
  ])('shows no proposal when it is %s, and the rest of the device as before', async (_, proposal) => {
    const card = await mount(fakeHass(integration(proposal)));
    await vi.waitFor(() => expect(deepQuery(card, 'tr[data-host="ads.tracker.example"]')).toBeDefined());
    expect(deepQuery(card, 'pg-lockdown-proposal')).toBeUndefined();
  });
});
