import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { asDataSourceError, type LiveUpdate, type PrivacyDataSource } from '../data/data-source.js';
import { createLocalize, type Localize } from '../localize.js';
import { actionSubject, type DeviceDetail, type HouseholdView, type PrivacyAction, type TimelineRange } from '../model.js';
import { SubscriptionController } from '../subscription-controller.js';
import { describeChange } from './describe-change.js';
import { themeStyles } from './styles.js';
import './device-view.js';
import './household-overview.js';

/** Live updates arrive in bursts (a report batch); one refetch answers a burst. */
const REFRESH_DELAY_MS = 250;

/**
 * The card's content, shared by the dashboard card, the sidebar panel and the sidecar's local page:
 * it loads from its data source, follows the live subscription, and applies the owner's actions.
 */
export class PrivacyGatewayView extends LitElement {
  @property({ attribute: false }) source: PrivacyDataSource | undefined;
  /** A pinned device (the card's `device_id`): no household, no way back. */
  @property() deviceId: string | undefined;
  @property() language: string | undefined;
  @property() range: TimelineRange = '24h';

  @state() private household: HouseholdView | undefined;
  @state() private device: DeviceDetail | undefined;
  @state() private selectedId: string | undefined;
  @state() private connected: boolean | undefined;
  @state() private error: { code: string; message: string } | undefined;
  @state() private pending: ReadonlySet<string> = new Set();
  @state() private status: { text: string; failed: boolean } | undefined;

  private localize: Localize = createLocalize(undefined);
  private refreshTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly subscription = new SubscriptionController(
    this,
    (update) => this.onLiveUpdate(update),
    (error) => this.showError(error),
  );

  static override styles = [
    themeStyles,
    css`
      :host {
        display: block;
      }
      .toolbar {
        display: flex;
        gap: 8px;
        align-items: center;
        margin-bottom: 8px;
      }
      .status {
        min-height: 1.25em;
        margin-top: 8px;
      }
      .status.failed {
        color: var(--pg-error);
      }
    `,
  ];

  /** The device shown: the pinned one, or the one picked in the household. */
  get currentDeviceId(): string | undefined {
    return this.deviceId ?? this.selectedId;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.refreshTimer);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('language')) this.localize = createLocalize(this.language);
    if (changed.has('source')) {
      this.subscription.setSource(this.source);
      this.household = undefined;
      this.device = undefined;
    }
    if (changed.has('source') || changed.has('deviceId')) void this.reload();
  }

  override render() {
    const l = this.localize;
    const source = this.source;
    const deviceId = this.currentDeviceId;
    const loading = deviceId === undefined ? this.household === undefined : this.device?.id !== deviceId;
    return html`
      ${this.connected === false ? html`<p class="banner" role="alert">${l('card.sidecar_disconnected')}</p>` : nothing}
      ${this.error ? this.renderError(this.error) : nothing}
      ${source !== undefined && !source.canEdit && deviceId !== undefined ? html`<p class="secondary">${l('card.read_only')}</p>` : nothing}
      ${this.renderToolbar(source, deviceId)}
      ${loading && !this.error ? html`<p class="secondary">${l('card.loading')}</p>` : nothing}
      ${deviceId === undefined
        ? html`<pg-household-overview
            .household=${this.household}
            .localize=${l}
            @device-selected=${(event: CustomEvent<{ deviceId: string }>) => this.select(event.detail.deviceId)}
          ></pg-household-overview>`
        : html`<pg-device-view
            .device=${this.device?.id === deviceId ? this.device : undefined}
            .localize=${l}
            .language=${this.language}
            .canEdit=${source?.canEdit ?? false}
            .pending=${this.pending}
            .range=${this.range}
            @privacy-action=${(event: CustomEvent<{ action: PrivacyAction }>) => void this.apply(event.detail.action)}
            @export-report=${(event: CustomEvent<{ deviceId: string }>) => void this.exportReport(event.detail.deviceId)}
            @range-changed=${(event: CustomEvent<{ range: TimelineRange }>) => (this.range = event.detail.range)}
          ></pg-device-view>`}
      <p class="status ${this.status?.failed ? 'failed' : ''}" role="status" aria-live="polite">${this.status?.text ?? ''}</p>
    `;
  }

  private renderToolbar(source: PrivacyDataSource | undefined, deviceId: string | undefined) {
    const l = this.localize;
    const back = this.deviceId === undefined && deviceId !== undefined;
    const refresh = source !== undefined && !source.live;
    if (!back && !refresh) return nothing;
    return html`<div class="toolbar">
      ${back ? html`<button type="button" class="back" @click=${() => this.select(undefined)}>← ${l('device.back')}</button>` : nothing}
      ${refresh ? html`<button type="button" class="refresh" @click=${() => void this.reload()}>${l('card.refresh')}</button>` : nothing}
    </div>`;
  }

  private renderError(error: { code: string; message: string }) {
    const l = this.localize;
    const text = error.code === 'not_loaded' ? l('card.not_loaded') : l('card.error', { message: error.message });
    return html`<div class="banner error" role="alert">
      <span>${text}</span>
      <button type="button" @click=${() => void this.reload()}>${l('card.refresh')}</button>
    </div>`;
  }

  /** Keyboard users land on the way back when a device opens (the button they pressed is gone). */
  private select(deviceId: string | undefined): void {
    this.selectedId = deviceId;
    this.status = undefined;
    void this.reload();
    void this.updateComplete.then(() => {
      if (deviceId !== undefined) this.renderRoot.querySelector<HTMLButtonElement>('button.back')?.focus();
    });
  }

  /** Loads what is shown now; an answer for something no longer shown is dropped. */
  async reload(): Promise<void> {
    const source = this.source;
    if (source === undefined) return;
    const deviceId = this.currentDeviceId;
    try {
      if (deviceId === undefined) {
        const household = await source.household();
        if (source !== this.source || this.currentDeviceId !== undefined) return;
        this.household = household;
        this.connected = household.connected;
      } else {
        const device = await source.device(deviceId);
        if (source !== this.source || this.currentDeviceId !== deviceId) return;
        this.device = device;
        this.connected = device.connected;
      }
      this.error = undefined;
    } catch (error) {
      if (source === this.source) this.showError(error);
    }
  }

  private showError(error: unknown): void {
    const { code, message } = asDataSourceError(error);
    this.error = { code, message };
  }

  private onLiveUpdate(update: LiveUpdate): void {
    if (update.kind === 'sidecar') this.connected = update.connected;
    const deviceId = this.currentDeviceId;
    const concernsShown =
      update.kind === 'sidecar' ||
      update.kind === 'policy' ||
      deviceId === undefined ||
      update.deviceId === deviceId;
    if (!concernsShown) return;
    clearTimeout(this.refreshTimer);
    this.refreshTimer = setTimeout(() => void this.reload(), REFRESH_DELAY_MS);
  }

  /** Pending until the gateway accepted the change and the refetched view shows it. */
  private async apply(action: PrivacyAction): Promise<void> {
    const source = this.source;
    if (source === undefined || !source.canEdit) return;
    const subject = actionSubject(action);
    this.pending = new Set([...this.pending, subject]);
    this.status = { text: this.localize('status.pending'), failed: false };
    try {
      await source.apply(action);
      await this.reload();
      this.status = { text: this.localize('status.applied', { change: describeChange(action, this.localize, this.device?.name) }), failed: false };
    } catch (error) {
      this.status = { text: this.localize('status.failed', { message: asDataSourceError(error).message }), failed: true };
    } finally {
      const rest = new Set(this.pending);
      rest.delete(subject);
      this.pending = rest;
    }
  }

  private async exportReport(deviceId: string): Promise<void> {
    const source = this.source;
    if (source === undefined) return;
    try {
      const report = await source.exportReport(deviceId);
      const url = URL.createObjectURL(new Blob([report.content], { type: report.mimeType }));
      const link = document.createElement('a');
      link.href = url;
      link.download = report.fileName;
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      this.status = { text: this.localize('status.exported', { file: report.fileName }), failed: false };
    } catch (error) {
      this.status = { text: this.localize('status.failed', { message: asDataSourceError(error).message }), failed: true };
    }
  }
}

if (!customElements.get('privacy-gateway-view')) customElements.define('privacy-gateway-view', PrivacyGatewayView);

declare global {
  interface HTMLElementTagNameMap {
    'privacy-gateway-view': PrivacyGatewayView;
  }
}
