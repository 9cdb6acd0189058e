// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PrivacyGatewayCard } from '../../src/card/index.js';
import type { PrivacyGatewayCardEditor } from '../../src/card/privacy-card/privacy-card-editor.js';
import { FakeConnection, fakeHass, fixture } from './fake-hass.js';

async function mountEditor(config: Record<string, unknown>): Promise<{ editor: PrivacyGatewayCardEditor; connection: FakeConnection }> {
  const connection = new FakeConnection().answer('privacy_gateway/devices', () => fixture('ha-devices.json'));
  const editor = (await PrivacyGatewayCard.getConfigElement()) as PrivacyGatewayCardEditor;
  editor.setConfig({ type: 'custom:privacy-gateway-card', ...config });
  editor.hass = fakeHass(connection);
  document.body.append(editor);
  await editor.updateComplete;
  return { editor, connection };
}

function form(editor: PrivacyGatewayCardEditor): HTMLElement & { schema: { name: string; selector: { select?: { options: { value: string; label: string }[] } } }[] } {
  const element = editor.shadowRoot?.querySelector('ha-form');
  if (!element) throw new Error('no ha-form');
  return element as never;
}

afterEach(() => document.body.replaceChildren());

describe('privacy-gateway-card-editor', () => {
  it('is loaded on demand by getConfigElement', async () => {
    const { editor } = await mountEditor({});
    expect(editor.tagName.toLowerCase()).toBe('privacy-gateway-card-editor');
  });

  it('offers the household and each mediated device', async () => {
    const { editor } = await mountEditor({});
    await vi.waitFor(() => {
      const devices = form(editor).schema.find((field) => field.name === 'device_id');
      expect(devices?.selector.select?.options.map((option) => option.label)).toEqual([
        'Household overview',
        'Kitchen speaker',
        'Living room TV',
        'New doorbell',
      ]);
    });
  });

  it('fires config-changed with the edited config, without empty options', async () => {
    const { editor } = await mountEditor({ title: 'Old' });
    const changes: unknown[] = [];
    editor.addEventListener('config-changed', (event) => changes.push((event as CustomEvent).detail.config));
    const value = { type: 'custom:privacy-gateway-card', title: '', device_id: 'fedcba9876543210fedcba9876543210', timeline: '7d' };
    form(editor).dispatchEvent(new CustomEvent('value-changed', { detail: { value } }));
    expect(changes).toEqual([{ type: 'custom:privacy-gateway-card', device_id: 'fedcba9876543210fedcba9876543210', timeline: '7d' }]);
  });

  it('does not fire for a value the card would reject', async () => {
    const { editor } = await mountEditor({});
    const changes: unknown[] = [];
    editor.addEventListener('config-changed', (event) => changes.push((event as CustomEvent).detail.config));
    form(editor).dispatchEvent(new CustomEvent('value-changed', { detail: { value: { type: 'custom:privacy-gateway-card', timeline: 'year' } } }));
    expect(changes).toEqual([]);
  });

  it('throws on an invalid config so Home Assistant shows the YAML editor', async () => {
    const { editor } = await mountEditor({});
    expect(() => editor.setConfig({ type: 'custom:privacy-gateway-card', devices: [] })).toThrow(/unknown option "devices"/);
  });
});
