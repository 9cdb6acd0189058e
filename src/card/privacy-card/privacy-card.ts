import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import '../components/privacy-view.js';
import { HaDataSource } from '../data/ha-data-source.js';
import { hassChangeMatters, hassLanguage, type HomeAssistant, type LovelaceGridOptions } from '../ha-types.js';
import { CARD_TYPE, parseCardConfig, type PrivacyCardConfig, type PrivacyCardConfigInput } from './privacy-card-config.js';

/** Builds the data source for a `hass`: a new one only when the connection or the user's rights change. */
export function sourceFor(hass: HomeAssistant, previous: HaDataSource | undefined, previousHass: HomeAssistant | undefined): HaDataSource {
  const isAdmin = hass.user?.is_admin ?? false;
  if (previous !== undefined && previousHass?.connection === hass.connection && previous.canEdit === isAdmin) return previous;
  return new HaDataSource(hass.connection, isAdmin);
}

/** The Trust & Privacy dashboard card: the household overview, or one device with `device_id`. */
export class PrivacyGatewayCard extends LitElement {
  @property({ attribute: false }) hass: HomeAssistant | undefined;
  @state() private config: PrivacyCardConfig | undefined;
  @state() private source: HaDataSource | undefined;

  static async getConfigElement(): Promise<HTMLElement> {
    await import('./privacy-card-editor.js');
    return document.createElement('privacy-gateway-card-editor');
  }

  static getStubConfig(): PrivacyCardConfigInput {
    return { type: `custom:${CARD_TYPE}` };
  }

  static override styles = css`
    .card-content {
      padding: 0 16px 16px;
    }
    ha-card:not([header]) .card-content,
    .card-content.no-header {
      padding-top: 16px;
    }
  `;

  /** Throws an Error naming the bad option; the dashboard shows it in an error card. */
  setConfig(config: unknown): void {
    this.config = parseCardConfig(config);
  }

  getCardSize(): number {
    return this.config?.device_id === undefined ? 4 : 10;
  }

  getGridOptions(): LovelaceGridOptions {
    return this.config?.device_id === undefined
      ? { columns: 12, rows: 'auto', min_columns: 6, min_rows: 3 }
      : { columns: 'full', rows: 'auto', min_columns: 9, min_rows: 6 };
  }

  protected override shouldUpdate(changed: PropertyValues<this>): boolean {
    if (!changed.has('hass') || changed.size > 1) return true;
    return hassChangeMatters(changed.get('hass'), this.hass);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('hass') && this.hass !== undefined) {
      this.source = sourceFor(this.hass, this.source, changed.get('hass'));
    }
  }

  override render() {
    const config = this.config;
    if (config === undefined || this.hass === undefined) return nothing;
    return html`<ha-card .header=${config.title}>
      <div class="card-content ${config.title ? '' : 'no-header'}">
        <privacy-gateway-view
          .source=${this.source}
          .deviceId=${config.device_id}
          .language=${hassLanguage(this.hass)}
          .range=${config.timeline}
        ></privacy-gateway-view>
      </div>
    </ha-card>`;
  }
}

if (!customElements.get(CARD_TYPE)) customElements.define(CARD_TYPE, PrivacyGatewayCard);

declare global {
  interface HTMLElementTagNameMap {
    'privacy-gateway-card': PrivacyGatewayCard;
  }
}
