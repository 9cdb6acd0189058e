// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { createLocalize } from '../../src/card/localize.js';

const tables = {
  en: { overview: { title: 'Household', open: 'Open {name}' }, only: { en: 'English only' } },
  de: { overview: { title: 'Haushalt' } },
};

describe('createLocalize', () => {
  it.each([
    ['en', 'overview.title', 'Household'],
    ['de', 'overview.title', 'Haushalt'],
    ['de-CH', 'overview.title', 'Haushalt'],
    ['de', 'only.en', 'English only'],
    ['fr', 'overview.title', 'Household'],
    [undefined, 'overview.title', 'Household'],
    ['de', 'no.such.key', 'no.such.key'],
    ['en', 'overview', 'overview'],
  ])('in %s, %s reads %s', (language, key, expected) => {
    expect(createLocalize(language, tables)(key)).toBe(expected);
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    const localize = createLocalize('en', tables);
    expect(localize('overview.open', { name: '<b>TV</b>' })).toBe('Open <b>TV</b>');
    expect(localize('overview.open')).toBe('Open {name}');
  });

  it('ships English for every key the card uses', () => {
    const localize = createLocalize('en');
    expect(localize('device.no_traffic')).toBe('No traffic seen from this device yet.');
    expect(localize('card.sidecar_disconnected')).toMatch(/not connected/);
  });
});
