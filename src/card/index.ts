/**
 * The card bundle Home Assistant loads (custom_components/privacy_gateway/frontend/privacy-gateway-card.js):
 * the dashboard card, its lazily loaded editor, and the sidebar panel.
 */
import { CARD_TYPE } from './privacy-card/privacy-card-config.js';
import { createLocalize } from './localize.js';
import './panel/privacy-gateway-panel.js';
import './privacy-card/privacy-card.js';

export { PrivacyGatewayCard, sourceFor } from './privacy-card/privacy-card.js';
export { PrivacyGatewayPanel } from './panel/privacy-gateway-panel.js';
export { PrivacyGatewayView } from './components/privacy-view.js';
export { parseCardConfig, PrivacyCardConfigSchema, CARD_TYPE } from './privacy-card/privacy-card-config.js';
export type { PrivacyCardConfig, PrivacyCardConfigInput } from './privacy-card/privacy-card-config.js';
export { HaDataSource, editMessage, type HassConnection } from './data/ha-data-source.js';
export { StandaloneDataSource } from './data/standalone-data-source.js';
export type { PrivacyDataSource, LiveUpdate, ExportedReport } from './data/data-source.js';
export { SubscriptionController } from './subscription-controller.js';
export { createLocalize, type Localize } from './localize.js';
export type { HomeAssistant } from './ha-types.js';
export * from './model.js';

const localize = createLocalize(undefined);
window.customCards = window.customCards ?? [];
if (!window.customCards.some((card) => card.type === CARD_TYPE)) {
  window.customCards.push({
    type: CARD_TYPE,
    name: localize('card.name'),
    description: localize('card.description'),
    preview: true,
    documentationURL: 'https://github.com/privacy-gateway/privacy-gateway#the-card',
  });
}
