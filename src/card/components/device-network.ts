import { LitElement, css, html, nothing, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import type { Localize } from '../localize.js';
import type { DeviceNetworkView, DnsNameRow } from '../network.js';
import { formatTime, themeStyles } from './styles.js';

/**
 * A device's DNS names (and how the gateway answered each), its MQTT topics, and the "uses its own DNS"
 * warning. Read-only: it renders what it is given.
 */
export class DeviceNetwork extends LitElement {
  @property({ attribute: false }) network: DeviceNetworkView | undefined;
  @property({ attribute: false }) localize: Localize = (key) => key;
  @property() language: string | undefined;

  static override styles = [
    themeStyles,
    css`
      :host {
        display: block;
      }
      .own-dns {
        border-inline-start: 4px solid var(--pg-error);
        padding: 4px 8px;
        margin-block: 8px;
      }
      table {
        width: 100%;
        border-collapse: collapse;
      }
      th,
      td {
        text-align: start;
        padding: 2px 6px 2px 0;
        vertical-align: top;
        overflow-wrap: anywhere;
      }
    `,
  ];

  override render() {
    const network = this.network;
    if (network === undefined) return nothing;
    const l = this.localize;
    return html`
      ${this.renderOwnDns(network)}
      <section aria-label=${l('network.names')}>
        <h3>${l('network.names')}</h3>
        ${this.renderNames(network.dnsNames)}
      </section>
      <section aria-label=${l('network.topics')}>
        <h3>${l('network.topics')}</h3>
        ${this.renderTopics(network)}
      </section>
    `;
  }

  private renderOwnDns(network: DeviceNetworkView): TemplateResult | typeof nothing {
    if (network.ownDns.length === 0) return nothing;
    const l = this.localize;
    return html`<div class="own-dns" role="alert" data-testid="own-dns">
      <strong>${l('network.own_dns')}</strong>
      <ul class="plain">
        ${network.ownDns.map(
          (sign) => html`<li>
            ${l(`network.signal.${sign.signal}`)}: <code>${sign.port === undefined ? sign.host : `${sign.host}:${sign.port}`}</code>
            <span class="secondary">
              ${sign.count === undefined ? '' : l('network.times', { count: sign.count })}
              ${formatTime(sign.lastSeen, this.language, '')}</span
            >
          </li>`,
        )}
      </ul>
    </div>`;
  }

  private renderNames(names: readonly DnsNameRow[] | undefined): TemplateResult {
    const l = this.localize;
    if (names === undefined) return html`<p class="secondary">${l('network.names_unknown')}</p>`;
    if (names.length === 0) return html`<p class="secondary">${l('network.no_names')}</p>`;
    return html`<table data-testid="dns-names">
      <tr>
        <th>${l('network.name')}</th>
        <th>${l('network.lookups')}</th>
        <th>${l('network.answered')}</th>
        <th>${l('device.last_seen_column')}</th>
      </tr>
      ${names.map(
        (name) => html`<tr>
          <td><code>${name.name}</code></td>
          <td>${name.queries}</td>
          <td>${this.answered(name)}</td>
          <td>${formatTime(name.lastSeen, this.language, '-')}</td>
        </tr>`,
      )}
    </table>`;
  }

  /** "steered 3, truthful 1": every way the name was answered, last answer first. */
  private answered(name: DnsNameRow): string {
    const l = this.localize;
    const counts = { steered: name.steered, truthful: name.truthful, sinkholed: name.sinkholed, failed: 0 };
    const order = [name.lastAnswer, ...(['steered', 'truthful', 'sinkholed'] as const).filter((a) => a !== name.lastAnswer)];
    return order
      .filter((answer) => counts[answer] > 0 || answer === name.lastAnswer)
      .map((answer) => `${l(`network.answer.${answer}`)} ${counts[answer] || ''}`.trim())
      .join(', ');
  }

  private renderTopics(network: DeviceNetworkView): TemplateResult {
    const l = this.localize;
    const topics = network.mqttTopics;
    if (topics === undefined) return html`<p class="secondary">${l('network.topics_unknown')}</p>`;
    if (topics.length === 0) return html`<p class="secondary">${l('network.no_topics')}</p>`;
    return html`<p class="secondary">${l('network.templated')}</p>
      <table data-testid="mqtt-topics">
        <tr>
          <th>${l('network.topic')}</th>
          <th>${l('network.direction')}</th>
          <th>${l('network.messages')}</th>
          <th>${l('device.last_seen_column')}</th>
        </tr>
        ${topics.map(
          (topic) => html`<tr>
            <td><code>${topic.host}${topic.topic}</code></td>
            <td>${l(`network.${topic.direction}`)}</td>
            <td>${topic.messages}${topic.blocked > 0 ? ` (${l('network.blocked', { count: topic.blocked })})` : ''}</td>
            <td>${formatTime(topic.lastSeen, this.language, '-')}</td>
          </tr>`,
        )}
      </table>`;
  }
}

if (!customElements.get('pg-device-network')) customElements.define('pg-device-network', DeviceNetwork);

declare global {
  interface HTMLElementTagNameMap {
    'pg-device-network': DeviceNetwork;
  }
}
