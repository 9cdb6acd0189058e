import { LitElement, css, html, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import type { Localize } from '../localize.js';
import type { DeviceOverview, HouseholdView } from '../model.js';
import { formatBytes, themeStyles } from './styles.js';

/** The trust score's colour band: the same thresholds everywhere the score is shown. */
export function scoreClass(score: number): 'good' | 'warn' | 'bad' {
  if (score >= 80) return 'good';
  if (score >= 50) return 'warn';
  return 'bad';
}

/** Devices ranked by exposure, each with its trust score and why; selecting one emits `device-selected`. */
export class HouseholdOverview extends LitElement {
  @property({ attribute: false }) household: HouseholdView | undefined;
  @property({ attribute: false }) localize: Localize = (key) => key;

  static override styles = [
    themeStyles,
    css`
      ol {
        list-style: none;
        margin: 0;
        padding: 0;
      }
      li + li {
        border-top: 1px solid var(--pg-divider);
      }
      button.device {
        display: grid;
        grid-template-columns: 48px 1fr;
        gap: 12px;
        align-items: center;
        width: 100%;
        text-align: start;
        border: none;
        border-radius: 8px;
        background: none;
        padding: 8px 4px;
      }
      button.device:hover {
        background: var(--pg-chip-background);
      }
      .score {
        width: 44px;
        height: 44px;
        border-radius: 50%;
        display: grid;
        place-items: center;
        font-weight: 600;
        border: 3px solid var(--pg-success);
      }
      .score.warn {
        border-color: var(--pg-warning);
      }
      .score.bad {
        border-color: var(--pg-error);
      }
      .name {
        font-weight: 500;
        overflow-wrap: anywhere;
      }
      .facts {
        display: block;
      }
      .reason {
        display: block;
      }
    `,
  ];

  override render() {
    const devices = this.household?.devices ?? [];
    if (devices.length === 0) return html`<p class="secondary">${this.localize('overview.empty')}</p>`;
    return html`<ol aria-label=${this.localize('overview.title')}>
      ${devices.map((device) => html`<li>${this.renderDevice(device)}</li>`)}
    </ol>`;
  }

  private renderDevice(device: DeviceOverview) {
    const l = this.localize;
    const facts = [
      l('overview.violations_today', { count: device.violationsToday }),
      l('overview.destinations', { count: device.destinations }),
      l('overview.uploaded', { bytes: formatBytes(device.bytesUploaded) }),
    ].join(' · ');
    return html`<button
      type="button"
      class="device"
      data-device-id=${device.id}
      aria-label=${`${l('overview.open', { name: device.name })}, ${l('overview.trust_score', { score: device.trustScore })}`}
      @click=${() => this.select(device.id)}
    >
      <span class="score ${scoreClass(device.trustScore)}" aria-hidden="true">${device.trustScore}</span>
      <span>
        <span class="name">${device.name}</span>
        ${device.quarantined ? html` <span class="chip bad">${l('overview.quarantined')}</span>` : nothing}
        <span class="secondary facts">${facts}</span>
        <span class="reasons secondary">
          ${device.reasons.length === 0
            ? html`<span class="reason">${l('overview.trusted')}</span>`
            : device.reasons.map(
                (reason) => html`<span class="reason">${l(`reason.${reason.key}`, { count: reason.count, points: reason.points })}</span>`,
              )}
        </span>
      </span>
    </button>`;
  }

  private select(deviceId: string): void {
    this.dispatchEvent(new CustomEvent('device-selected', { detail: { deviceId }, bubbles: true, composed: true }));
  }
}

if (!customElements.get('pg-household-overview')) customElements.define('pg-household-overview', HouseholdOverview);

declare global {
  interface HTMLElementTagNameMap {
    'pg-household-overview': HouseholdOverview;
  }
}
