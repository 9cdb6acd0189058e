import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { DevicesResultSchema } from '../data/ha-protocol.js';
import { hassLanguage, type HomeAssistant } from '../ha-types.js';
import { createLocalize } from '../localize.js';
import { PrivacyCardConfigSchema, parseCardConfig, type PrivacyCardConfig } from './privacy-card-config.js';

interface SchemaField {
  readonly name: keyof PrivacyCardConfig;
  readonly selector: Record<string, unknown>;
}

/** ha-form's schema: the device list comes from the integration, the household is the empty choice. */
export function editorSchema(
  devices: readonly { id: string; name: string }[],
  localize: ReturnType<typeof createLocalize>,
): SchemaField[] {
  return [
    { name: 'title', selector: { text: {} } },
    {
      name: 'device_id',
      selector: {
        select: {
          mode: 'dropdown',
          options: [{ value: '', label: localize('editor.household') }, ...devices.map((d) => ({ value: d.id, label: d.name }))],
        },
      },
    },
    {
      name: 'timeline',
      selector: {
        select: {
          mode: 'list',
          options: [
            { value: '24h', label: localize('device.range_24h') },
            { value: '7d', label: localize('device.range_7d') },
          ],
        },
      },
    },
  ];
}

/** The visual editor (loaded on demand by the card's `getConfigElement`). Emits `config-changed`. */
export class PrivacyGatewayCardEditor extends LitElement {
  @property({ attribute: false }) hass: HomeAssistant | undefined;
  @state() private config: PrivacyCardConfig | undefined;
  @state() private devices: readonly { id: string; name: string }[] = [];

  /** An invalid config throws, and Home Assistant falls back to the YAML editor with the message. */
  setConfig(config: unknown): void {
    this.config = parseCardConfig(config);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('hass') && this.hass !== undefined && changed.get('hass')?.connection !== this.hass.connection) {
      void this.loadDevices(this.hass);
    }
  }

  override render() {
    if (this.hass === undefined || this.config === undefined) return nothing;
    const localize = createLocalize(hassLanguage(this.hass));
    return html`<ha-form
      .hass=${this.hass}
      .data=${{ ...this.config, device_id: this.config.device_id ?? '' }}
      .schema=${editorSchema(this.devices, localize)}
      .computeLabel=${(field: SchemaField) => localize(`editor.${field.name}`)}
      @value-changed=${this.valueChanged}
    ></ha-form>`;
  }

  private async loadDevices(hass: HomeAssistant): Promise<void> {
    try {
      const result = DevicesResultSchema.parse(await hass.connection.sendMessagePromise<unknown>({ type: 'privacy_gateway/devices' }));
      this.devices = result.devices.map((device) => ({ id: device.device_id, name: device.name }));
    } catch {
      // Without the list the owner can still pick the household or type the id in YAML.
      this.devices = [];
    }
  }

  private readonly valueChanged = (event: CustomEvent<{ value: Record<string, unknown> }>): void => {
    event.stopPropagation();
    const next: Record<string, unknown> = { ...event.detail.value };
    for (const key of ['title', 'device_id'] as const) if (next[key] === '' || next[key] === undefined) delete next[key];
    const parsed = PrivacyCardConfigSchema.safeParse(next);
    if (!parsed.success) return;
    this.config = parsed.data;
    this.dispatchEvent(new CustomEvent('config-changed', { detail: { config: next }, bubbles: true, composed: true }));
  };
}

if (!customElements.get('privacy-gateway-card-editor')) customElements.define('privacy-gateway-card-editor', PrivacyGatewayCardEditor);

declare global {
  interface HTMLElementTagNameMap {
    'privacy-gateway-card-editor': PrivacyGatewayCardEditor;
  }
}
