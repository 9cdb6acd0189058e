import { describe, expect, it } from 'vitest';
import { gatewayPhrases } from './gateway-words.js';

// The never-raw scan does not search a labelled value the gateway writes itself word for word (labelled-values.ts).
describe('gatewayPhrases', () => {
  const written = gatewayPhrases();

  it.each([
    ['JSON Web Token', true], // the validators' name for a token's form, in explanations
    ['json web token', true],
    ['Home Network', true], // "a client of the home network" (lan-presence.ts)
    ['Anna Kowalski', false], // a person's name: the gateway never writes it
    ['home networks x', false],
    ['Network', false], // one word: gatewayWords' rule, not this one
    ['ome netw', false], // inside words, not a phrase
  ])('%s → %s', (phrase, expected) => {
    expect(written(phrase)).toBe(expected);
  });
});
