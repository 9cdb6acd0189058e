// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { PrivacyGatewayCard } from '../../src/card/index.js';
import { parseCardConfig } from '../../src/card/privacy-card/privacy-card-config.js';

describe('parseCardConfig', () => {
  it('accepts the stub config and fills in the defaults', () => {
    expect(parseCardConfig(PrivacyGatewayCard.getStubConfig())).toEqual({ type: 'custom:privacy-gateway-card', timeline: '24h' });
  });

  it('keeps the keys Home Assistant adds to every card', () => {
    const config = { type: 'custom:privacy-gateway-card', device_id: 'abc', grid_options: { columns: 12 }, visibility: [] };
    expect(parseCardConfig(config)).toMatchObject(config);
  });

  it.each([
    [null, /config: /],
    ['custom:privacy-gateway-card', /config: /],
    [{}, /type: /],
    [{ type: 'custom:other-card' }, /type: /],
    [{ type: 'custom:privacy-gateway-card', device: 'abc' }, /unknown option "device"/],
    [{ type: 'custom:privacy-gateway-card', device_id: 42 }, /device_id: .*string/],
    [{ type: 'custom:privacy-gateway-card', device_id: '' }, /device_id: /],
    [{ type: 'custom:privacy-gateway-card', timeline: '1y' }, /timeline: .*"24h"\|"7d"|timeline: /],
    [{ type: 'custom:privacy-gateway-card', title: 'x'.repeat(101) }, /title: /],
  ])('rejects %j with an error naming the problem', (config, message) => {
    expect(() => parseCardConfig(config)).toThrow(message);
    expect(() => parseCardConfig(config)).toThrow(/^Invalid Privacy Gateway card configuration: /);
  });

  it('is what setConfig throws, so the dashboard shows the reason', () => {
    const card = new PrivacyGatewayCard();
    expect(() => card.setConfig({ type: 'custom:privacy-gateway-card', timeline: 'year' })).toThrow(/timeline/);
  });
});
