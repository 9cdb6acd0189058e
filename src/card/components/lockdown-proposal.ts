import { LitElement, css, html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { Localize } from '../localize.js';
import type { Access, LockdownProposalView, PrivacyAction, ProposedDestinationView } from '../model.js';
import { themeStyles } from './styles.js';

const LEARNING_DAYS = 7;
const ACCESSES: readonly Access[] = ['allow', 'block'];

/**
 * Learn, then lock: the allowlist the gateway proposes from what the device did while learning. The
 * owner may flip any destination before applying; one button emits a `lockdown` action carrying exactly
 * the reviewed list (allowed and blocked), which the view applies.
 */
export class LockdownProposal extends LitElement {
  @property({ attribute: false }) proposal: LockdownProposalView | undefined;
  @property() deviceId = '';
  @property() deviceName = '';
  @property() mode: string | undefined;
  @property({ attribute: false }) localize: Localize = (key) => key;
  @property({ type: Boolean }) canEdit = false;
  @property({ type: Boolean }) busy = false;
  /** The owner's flips, by host; they survive a live refresh of the proposal. */
  @state() private choices: ReadonlyMap<string, Access> = new Map();

  static override styles = [
    themeStyles,
    css`
      :host {
        display: block;
      }
      .scroll {
        overflow-x: auto;
      }
      .access {
        display: flex;
        flex-wrap: wrap;
        gap: 4px;
        align-items: center;
      }
      .apply {
        margin-top: 8px;
      }
      .apply button {
        background: var(--pg-primary);
        color: var(--pg-on-primary);
        border-color: var(--pg-primary);
      }
    `,
  ];

  override render() {
    const proposal = this.proposal;
    if (proposal === undefined) return nothing;
    const l = this.localize;
    const days = String(proposal.observedDays);
    const destinations = proposal.destinations.map((d) => ({ ...d, access: this.choices.get(d.host) ?? d.access }));
    const allowed = destinations.filter((d) => d.access === 'allow').length;
    return html`
      <p class="secondary" data-learning=${proposal.learningComplete ? 'complete' : 'learning'}>
        ${proposal.learningComplete
          ? l('lockdown.learned', { days })
          : l('lockdown.learning', { days, total: String(LEARNING_DAYS) })}
        ${this.mode === 'lockdown' ? html` ${l('lockdown.already')}` : nothing}
      </p>
      ${proposal.destinations.length === 0
        ? html`<p class="secondary">${l('lockdown.nothing')}</p>`
        : html`<div class="scroll">
            <table>
              <thead>
                <tr>
                  <th scope="col">${l('device.host')}</th>
                  <th scope="col">${l('device.requests')}</th>
                  <th scope="col">${l('lockdown.data')}</th>
                  <th scope="col">${l('lockdown.proposed')}</th>
                </tr>
              </thead>
              <tbody>
                ${proposal.destinations.map((d) => this.renderRow(d))}
              </tbody>
            </table>
          </div>`}
      ${this.canEdit
        ? html`<div class="apply">
            <button
              type="button"
              ?disabled=${this.busy}
              aria-busy=${this.busy ? 'true' : 'false'}
              aria-label=${l('lockdown.apply_label', { name: this.deviceName, count: String(allowed) })}
              @click=${() => this.apply(destinations)}
            >
              ${this.busy ? l('status.pending') : l('lockdown.apply', { count: String(allowed) })}
            </button>
          </div>`
        : nothing}
    `;
  }

  private renderRow(destination: ProposedDestinationView): TemplateResult {
    const l = this.localize;
    const access = this.choices.get(destination.host) ?? destination.access;
    const owner = [
      destination.vendor,
      l(`device.party_${destination.party}`),
      destination.countries !== undefined && destination.countries.length > 0 ? destination.countries.join(', ') : undefined,
    ].filter((part): part is string => part !== undefined);
    return html`<tr data-host=${destination.host}>
      <td>
        <code>${destination.host}</code>
        <div class="secondary" data-owner>${owner.join(' · ')}</div>
        ${destination.review ? html`<span class="chip warn">${l('lockdown.review')}</span>` : nothing}
        <div class="secondary">${destination.reason}</div>
      </td>
      <td>${destination.requests}</td>
      <td>${destination.categories.map((category) => l(`category.${category}`)).join(', ') || l('lockdown.no_data')}</td>
      <td>${this.renderAccess(destination, access)}</td>
    </tr>`;
  }

  private renderAccess(destination: ProposedDestinationView, access: Access): TemplateResult {
    const l = this.localize;
    const changed = access !== destination.access ? html`<span class="secondary">${l('lockdown.changed')}</span>` : nothing;
    if (!this.canEdit) {
      return html`<span class="chip ${access === 'block' ? 'bad' : ''}">${l(access === 'block' ? 'device.blocked' : 'device.allowed')}</span>`;
    }
    return html`<span class="access" role="group" aria-label=${l('lockdown.access_label', { host: destination.host })}>
      ${ACCESSES.map(
        (option) => html`<button
          type="button"
          data-access=${option}
          aria-pressed=${option === access ? 'true' : 'false'}
          ?disabled=${this.busy}
          @click=${() => this.choose(destination, option)}
        >
          ${l(`action.${option}`)}
        </button>`,
      )}
      ${changed}
    </span>`;
  }

  private choose(destination: ProposedDestinationView, access: Access): void {
    const choices = new Map(this.choices);
    if (access === destination.access) choices.delete(destination.host);
    else choices.set(destination.host, access);
    this.choices = choices;
  }

  private apply(destinations: readonly ProposedDestinationView[]): void {
    if (this.busy) return;
    const action: PrivacyAction = {
      kind: 'lockdown',
      deviceId: this.deviceId,
      destinations: destinations.map((d) => ({ host: d.host, vendor: d.vendor, access: d.access })),
    };
    this.dispatchEvent(new CustomEvent('privacy-action', { detail: { action }, bubbles: true, composed: true }));
  }
}

if (!customElements.get('pg-lockdown-proposal')) customElements.define('pg-lockdown-proposal', LockdownProposal);

declare global {
  interface HTMLElementTagNameMap {
    'pg-lockdown-proposal': LockdownProposal;
  }
}
