import { finding, type Finding } from './detector.js';
import { parentPath } from './field-paths.js';
import type { Add, ShapeField } from './shape.js';
import { readKey } from './words.js';

/**
 * `oauth-client`: in an OAuth exchange (a request or record that also carries a client secret, a grant
 * type, a redirect URI, a refresh token or a response type), `client_id` is the app's registration with the
 * vendor, the same for every user of that app: not a personal id. A client id alone (the owner's own app
 * client, an MQTT client) keeps its reading. Only keys are read (a shape detector); the field is vetoed.
 */
export const OAUTH_CLIENT = 'oauth-client';

export const oauthClientExplanations: Readonly<Record<string, (f: Finding) => string>> = {
  [OAUTH_CLIENT]: (f) => `"client id" beside "${f.facts.sibling}" is an app's OAuth registration, not a person's id`,
};

const EXCHANGE = new Set(['client secret', 'grant type', 'redirect uri', 'redirect url', 'refresh token', 'response type', 'code verifier', 'code challenge']);

const joined = new Map<string, string>();
function wordsOf(key: string): string {
  let w = joined.get(key);
  if (w === undefined) {
    w = readKey(key).words.join(' ');
    if (joined.size >= 5_000) joined.clear();
    joined.set(key, w);
  }
  return w;
}

export function oauthClients(fields: readonly ShapeField[], add: Add): void {
  let exchanges: Map<string, string> | undefined;
  for (const field of fields) {
    const key = field.segments[field.segments.length - 1];
    if (typeof key !== 'string' || !EXCHANGE.has(wordsOf(key))) continue;
    exchanges ??= new Map();
    const record = parentPath(field);
    if (!exchanges.has(record)) exchanges.set(record, wordsOf(key));
  }
  if (exchanges === undefined) return;
  const records = exchanges;
  fields.forEach((field, index) => {
    const key = field.segments[field.segments.length - 1];
    if (typeof key !== 'string' || wordsOf(key) !== 'client id') return;
    const sibling = records.get(parentPath(field));
    if (sibling !== undefined) add(index, finding(OAUTH_CLIENT, 'veto', [], { of: 'structure', sibling }, 'all'));
  });
}
