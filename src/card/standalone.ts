import { LitElement, html } from 'lit';
import { property } from 'lit/decorators.js';
import './components/privacy-view.js';
import { StandaloneDataSource } from './data/standalone-data-source.js';

/**
 * The sidecar's local page's device section: the card's components over the page's JSON API.
 * Entry of www/build/privacy-gateway-card.js.
 */
export class PrivacyGatewayStandalone extends LitElement {
  /**
   * Where the page's API lives: by default relative to the page, so it also works behind Home
   * Assistant's ingress, which serves the page under /api/hassio_ingress/<token>/.
   */
  @property({ attribute: 'base-url' }) baseUrl = '.';
  private source: StandaloneDataSource | undefined;

  override render() {
    if (this.source === undefined) this.source = new StandaloneDataSource(this.baseUrl);
    return html`<privacy-gateway-view .source=${this.source} .language=${navigator.language}></privacy-gateway-view>`;
  }
}

if (!customElements.get('privacy-gateway-standalone')) customElements.define('privacy-gateway-standalone', PrivacyGatewayStandalone);

export { StandaloneDataSource } from './data/standalone-data-source.js';

declare global {
  interface HTMLElementTagNameMap {
    'privacy-gateway-standalone': PrivacyGatewayStandalone;
  }
}
