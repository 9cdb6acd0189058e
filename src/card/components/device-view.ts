import { LitElement, css, html, nothing, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import type { Localize } from '../localize.js';
import {
  FIELD_ACTIONS,
  actionSubject,
  type CategoryGroup,
  type DestinationRow,
  type DeviceDetail,
  type FieldAction,
  type FieldRow,
  type PrivacyAction,
  type TimelineRange,
} from '../model.js';
import { scoreClass } from './household-overview.js';
import { formatTime, themeStyles } from './styles.js';
import './lockdown-proposal.js';
import './conditioned-rules.js';
import './violations-timeline.js';
import './device-network.js';

export function hasTraffic(device: DeviceDetail): boolean {
  return (
    device.lastSeen !== undefined ||
    device.destinations.some((destination) => destination.lastSeen !== undefined || (destination.requests ?? 0) > 0) ||
    device.categories.some((group) => group.fields.length > 0) ||
    device.violations.length > 0
  );
}

/**
 * One device: where it sends data, what data, what the policy does to it, and the owner's one-click
 * changes. It renders what it is given and emits `privacy-action` / `export-report`; the view applies them.
 */
export class DeviceView extends LitElement {
  @property({ attribute: false }) device: DeviceDetail | undefined;
  @property({ attribute: false }) localize: Localize = (key) => key;
  @property() language: string | undefined;
  @property({ type: Boolean }) canEdit = false;
  /** Subjects (see `actionSubject`) of changes sent but not yet confirmed. */
  @property({ attribute: false }) pending: ReadonlySet<string> = new Set();
  @property() range: TimelineRange = '24h';
  @property({ attribute: false }) now: number | undefined;

  static override styles = [
    themeStyles,
    css`
      :host {
        display: block;
        container-type: inline-size;
      }
      @container (max-width: 560px) {
        .wide {
          display: none;
        }
      }
      header {
        display: flex;
        flex-wrap: wrap;
        gap: 8px 12px;
        align-items: center;
      }
      .name {
        font-size: 1.125rem;
        font-weight: 500;
        overflow-wrap: anywhere;
        flex: 1 1 12rem;
      }
      .score.good {
        background: var(--pg-success);
        color: var(--pg-on-primary);
      }
      .score.warn {
        background: var(--pg-warning);
        color: #000;
      }
      .score.bad {
        background: var(--pg-error);
        color: var(--pg-on-primary);
      }
      .actions {
        display: flex;
        gap: 6px;
        flex-wrap: wrap;
      }
      .scroll {
        overflow-x: auto;
      }
      .group-head {
        display: flex;
        flex-wrap: wrap;
        gap: 6px 12px;
        align-items: center;
        margin: 12px 0 4px;
        font-weight: 500;
      }
      ul.plain {
        margin: 0;
        padding-inline-start: 18px;
      }
    `,
  ];

  override render() {
    const device = this.device;
    if (device === undefined) return nothing;
    const l = this.localize;
    return html`
      ${this.renderHeader(device)}
      ${device.conditions === undefined
        ? nothing
        : html`<section aria-label=${l('device.conditions')}>
            <h3>${l('device.conditions')}</h3>
            <pg-conditioned-rules .rules=${device.conditions} .localize=${l} .now=${this.now ?? Date.now()}></pg-conditioned-rules>
          </section>`}
      ${hasTraffic(device)
        ? html`
            ${device.lockdownProposal === undefined
              ? nothing
              : html`<section aria-label=${l('lockdown.title')}>
                  <h3>${l('lockdown.title')}</h3>
                  <pg-lockdown-proposal
                    .proposal=${device.lockdownProposal}
                    .deviceId=${device.id}
                    .deviceName=${device.name}
                    .mode=${device.mode}
                    .localize=${l}
                    .canEdit=${this.canEdit}
                    .busy=${this.pending.has('lockdown')}
                  ></pg-lockdown-proposal>
                </section>`}
            <section aria-label=${l('device.destinations')}>
              <h3>${l('device.destinations')}</h3>
              ${this.renderDestinations(device)}
            </section>
            <section aria-label=${l('device.fields')}>
              <h3>${l('device.fields')}</h3>
              ${device.categories.length === 0
                ? html`<p class="secondary">${l('device.no_fields')}</p>`
                : device.categories.map((group) => this.renderGroup(device, group))}
            </section>
            <section aria-label=${l('device.timeline')}>
              <h3>${l('device.timeline')}</h3>
              <pg-violations-timeline
                .times=${device.violations.map((event) => event.at)}
                .range=${this.range}
                .now=${this.now}
                .localize=${l}
                .language=${this.language}
              ></pg-violations-timeline>
            </section>
            <section aria-label=${l('device.opaque')}>
              <h3>${l('device.opaque')}</h3>
              ${this.renderOpaque(device)}
            </section>
          `
        : html`<p class="secondary" data-testid="no-traffic">${l('device.no_traffic')}</p>`}
      <pg-device-network .network=${device.network} .localize=${l} .language=${this.language}></pg-device-network>
    `;
  }

  private renderHeader(device: DeviceDetail): TemplateResult {
    const l = this.localize;
    const quarantineBusy = this.pending.has('quarantine');
    return html`<header>
        <span class="name">${device.name}</span>
        ${device.trustScore === undefined
          ? nothing
          : html`<span class="chip score ${scoreClass(device.trustScore)}">${l('overview.trust_score', { score: device.trustScore })}</span>`}
        ${device.quarantined ? html`<span class="chip bad">${l('overview.quarantined')}</span>` : nothing}
        ${device.mode ? html`<span class="chip">${l('device.mode', { mode: device.mode })}</span>` : nothing}
      </header>
      <p class="secondary">
        ${l('device.last_seen', { time: formatTime(device.lastSeen, this.language, l('card.never')) })}
        ${device.reasons.map((reason) => html` · ${l(`reason.${reason.key}`, { count: reason.count, points: reason.points })}`)}
      </p>
      <div class="actions">
        ${this.canEdit
          ? html`<button
              type="button"
              class=${device.quarantined ? '' : 'danger'}
              ?disabled=${quarantineBusy}
              aria-busy=${quarantineBusy ? 'true' : 'false'}
              aria-label=${l(device.quarantined ? 'device.release_label' : 'device.quarantine_label', { name: device.name })}
              @click=${() => this.emitAction({ kind: 'quarantine', deviceId: device.id, quarantine: !device.quarantined })}
            >
              ${quarantineBusy ? l('status.pending') : l(device.quarantined ? 'device.release' : 'device.quarantine')}
            </button>`
          : nothing}
        <button type="button" aria-label=${l('device.export_label', { name: device.name })} @click=${this.emitExport}>
          ${l('device.export')}
        </button>
      </div>`;
  }

  private renderDestinations(device: DeviceDetail): TemplateResult {
    const l = this.localize;
    if (device.destinations.length === 0) return html`<p class="secondary">${l('device.no_destinations')}</p>`;
    const never = l('card.unknown');
    return html`<div class="scroll">
      <table>
        <thead>
          <tr>
            <th scope="col">${l('device.host')}</th>
            <th scope="col">${l('device.inspection')}</th>
            <th scope="col">${l('device.access')}</th>
            <th scope="col" class="wide">${l('device.first_seen')}</th>
            <th scope="col" class="wide">${l('device.last_seen_column')}</th>
          </tr>
        </thead>
        <tbody>
          ${device.destinations.map(
            (destination) => html`<tr data-host=${destination.host}>
              <td>
                <code>${destination.host}</code>
                ${this.renderOwner(destination)}
              </td>
              <td>${destination.inspectable === undefined ? never : l(destination.inspectable ? 'device.inspectable' : 'device.not_inspectable')}</td>
              <td>${this.renderAccess(device, destination)}</td>
              <td class="wide">${formatTime(destination.firstSeen, this.language, never)}</td>
              <td class="wide">${formatTime(destination.lastSeen, this.language, never)}</td>
            </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  }

  /** Vendor, party and countries under the host: "TP-Link · first party · DE, NL". */
  private renderOwner(destination: DestinationRow): TemplateResult | typeof nothing {
    const l = this.localize;
    const parts = [
      destination.vendor,
      destination.party === undefined ? undefined : l(`device.party_${destination.party}`),
      destination.countries !== undefined && destination.countries.length > 0 ? destination.countries.join(', ') : undefined,
    ].filter((part): part is string => part !== undefined);
    return parts.length === 0 ? nothing : html`<div class="secondary" data-owner>${parts.join(' · ')}</div>`;
  }

  private renderAccess(device: DeviceDetail, destination: DestinationRow): TemplateResult {
    const l = this.localize;
    const state = html`<span class="chip ${destination.access === 'block' ? 'bad' : ''}">
        ${l(destination.access === 'block' ? 'device.blocked' : 'device.allowed')}</span
      >${destination.explicit ? nothing : html` <span class="secondary">${l('device.by_default')}</span>`}`;
    if (!this.canEdit) return state;
    const target = destination.access === 'block' ? 'allow' : 'block';
    const busy = this.pending.has(`destination:${destination.host}`);
    return html`${state}
      <button
        type="button"
        ?disabled=${busy}
        aria-busy=${busy ? 'true' : 'false'}
        aria-label=${l(`device.${target}_destination`, { host: destination.host })}
        @click=${() =>
          this.emitAction({ kind: 'destination', deviceId: device.id, host: destination.host, access: target, vendor: destination.vendor })}
      >
        ${busy ? l('status.pending') : l(target === 'block' ? 'action.block' : 'action.allow')}
      </button>`;
  }

  private renderGroup(device: DeviceDetail, group: CategoryGroup): TemplateResult {
    const l = this.localize;
    const label = l(`category.${group.category ?? 'none'}`);
    const category = group.category;
    return html`<div class="group" data-category=${category ?? 'none'}>
      <div class="group-head">
        <span>${label}</span>
        ${category === undefined
          ? nothing
          : this.renderActions(`category:${category}`, group.action, l('device.category_action', { category: label }), (action) => ({
              kind: 'category_action',
              deviceId: device.id,
              category,
              action,
            }))}
      </div>
      ${group.fields.length === 0
        ? nothing
        : html`<div class="scroll">
            <table>
              <tbody>
                ${group.fields.map((field) => this.renderField(device, field))}
              </tbody>
            </table>
          </div>`}
    </div>`;
  }

  private renderField(device: DeviceDetail, field: FieldRow): TemplateResult {
    const l = this.localize;
    return html`<tr data-path=${field.path}>
      <td>
        <code>${field.path}</code>
        ${field.opaque ? html` <span class="chip warn">${l('device.opaque_mark')}</span>` : nothing}
        ${field.host ? html`<div class="secondary">${field.host}</div>` : nothing}
        ${field.why ? html`<div class="secondary why" title=${l('device.decided_by')}>${l('device.decided_by')}: ${field.why}</div>` : nothing}
      </td>
      <td>
        ${this.renderActions(`field:${field.path}`, field.action, l('device.field_action', { path: field.path }), (action) => ({
          kind: 'field_action',
          deviceId: device.id,
          fieldPath: field.path,
          action,
        }))}
        ${field.applied || field.action === 'allow' ? nothing : html`<div class="secondary">${l('device.not_applied')}</div>`}
      </td>
      <td class="secondary">${field.count === undefined ? nothing : l('device.seen_times', { count: field.count })}</td>
    </tr>`;
  }

  /** The five actions as pressed/unpressed buttons, or the action in force as text for viewers. */
  private renderActions(
    subject: string,
    current: FieldAction | undefined,
    label: string,
    make: (action: FieldAction) => PrivacyAction,
  ): TemplateResult {
    const l = this.localize;
    if (!this.canEdit) return current === undefined ? html`` : html`<span class="chip">${l(`action.${current}`)}</span>`;
    const busy = this.pending.has(subject);
    return html`<span class="actions" role="group" aria-label=${label} aria-busy=${busy ? 'true' : 'false'}>
      ${FIELD_ACTIONS.map(
        (action) => html`<button
          type="button"
          data-action=${action}
          aria-pressed=${action === current ? 'true' : 'false'}
          ?disabled=${busy}
          @click=${() => {
            if (action !== current) this.emitAction(make(action));
          }}
        >
          ${l(`action.${action}`)}
        </button>`,
      )}
      ${busy ? html`<span class="secondary">${l('status.pending')}</span>` : nothing}
    </span>`;
  }

  private renderOpaque(device: DeviceDetail): TemplateResult {
    const l = this.localize;
    if (device.opaque.length === 0) return html`<p class="secondary">${l('device.no_opaque')}</p>`;
    return html`<ul class="plain">
      ${device.opaque.map(
        (payload) => html`<li>
          <code>${payload.host}${payload.fieldPath ? ` ${payload.fieldPath}` : ''}</code>
          ${payload.explanation ? html`<span class="secondary"> — ${payload.explanation}</span>` : nothing}
        </li>`,
      )}
    </ul>`;
  }

  private emitAction(action: PrivacyAction): void {
    if (this.pending.has(actionSubject(action))) return;
    this.dispatchEvent(new CustomEvent('privacy-action', { detail: { action }, bubbles: true, composed: true }));
  }

  private readonly emitExport = (): void => {
    const deviceId = this.device?.id;
    if (deviceId === undefined) return;
    this.dispatchEvent(new CustomEvent('export-report', { detail: { deviceId }, bubbles: true, composed: true }));
  };
}

if (!customElements.get('pg-device-view')) customElements.define('pg-device-view', DeviceView);

declare global {
  interface HTMLElementTagNameMap {
    'pg-device-view': DeviceView;
  }
}
