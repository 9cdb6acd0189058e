import { LitElement, css, html, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import '../components/privacy-view.js';
import type { HaDataSource } from '../data/ha-data-source.js';
import { hassChangeMatters, hassLanguage, type HomeAssistant } from '../ha-types.js';
import { createLocalize } from '../localize.js';
import { sourceFor } from '../privacy-card/privacy-card.js';

/**
 * The "Privacy" sidebar panel: the same view as the card, full page. Home Assistant sets `hass`,
 * `narrow`, `route` and `panel` on it (custom panel, `webcomponent_name: privacy-gateway-panel`).
 */
export class PrivacyGatewayPanel extends LitElement {
  @property({ attribute: false }) hass: HomeAssistant | undefined;
  @property({ type: Boolean, reflect: true }) narrow = false;
  @property({ attribute: false }) route: unknown;
  @property({ attribute: false }) panel: unknown;
  @state() private source: HaDataSource | undefined;

  static override styles = css`
    :host {
      display: block;
      min-height: 100%;
      background: var(--primary-background-color);
      color: var(--primary-text-color);
    }
    .toolbar {
      display: flex;
      align-items: center;
      height: var(--header-height, 56px);
      padding: 0 12px;
      gap: 8px;
      background: var(--app-header-background-color, var(--primary-color));
      color: var(--app-header-text-color, var(--text-primary-color, #fff));
      border-bottom: var(--app-header-border-bottom, none);
    }
    h1 {
      margin: 0;
      font-size: 1.25rem;
      font-weight: 400;
    }
    main {
      max-width: 1100px;
      margin: 0 auto;
      padding: 16px;
    }
    ha-card {
      padding: 16px;
    }
  `;

  protected override shouldUpdate(changed: PropertyValues<this>): boolean {
    if (!changed.has('hass') || changed.size > 1) return true;
    return hassChangeMatters(changed.get('hass'), this.hass);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('hass') && this.hass !== undefined) this.source = sourceFor(this.hass, this.source, changed.get('hass'));
  }

  override render() {
    const language = hassLanguage(this.hass);
    const localize = createLocalize(language);
    return html`<div class="toolbar">
        <ha-menu-button .hass=${this.hass} .narrow=${this.narrow}></ha-menu-button>
        <h1>${localize('card.title')}</h1>
      </div>
      <main>
        <ha-card>
          <privacy-gateway-view .source=${this.source} .language=${language}></privacy-gateway-view>
        </ha-card>
      </main>`;
  }
}

if (!customElements.get('privacy-gateway-panel')) customElements.define('privacy-gateway-panel', PrivacyGatewayPanel);

declare global {
  interface HTMLElementTagNameMap {
    'privacy-gateway-panel': PrivacyGatewayPanel;
  }
}
