import { finding, type Finding } from './detector.js';
import { parentPath } from './field-paths.js';
import type { Add, ShapeField } from './shape.js';
import { readKey } from './words.js';

/**
 * `oauth-client`: in an OAuth exchange (a request or record that also carries a client secret, a grant
 * type, a redirect URI, a refresh token or a response type), `client_id` is the app's registration with the
 * vendor, the same for every user of that app: not a personal id. A client id alone (the owner's own app
 * client, an MQTT client) keeps its reading. Only keys are read (a shape detector); the field is vetoed.
 * The `code` of the same exchange is the authorization code (RFC 6749 4.1.3: `grant_type=authorization_code`
 * with `code`), and a `code` beside `state` in a query is the authorization response the redirect carries
 * (4.1.2): either is a grant traded for the user's tokens → credentials. Text only (`code: 0` is a status).
 */
export const OAUTH_CLIENT = 'oauth-client';

export const oauthClientExplanations: Readonly<Record<string, (f: Finding) => string>> = {
  [OAUTH_CLIENT]: (f) =>
    f.categories.length > 0
      ? `"code" beside "${f.facts.sibling}" is an OAuth authorization code, traded for tokens → credentials`
      : `"client id" beside "${f.facts.sibling}" is an app's OAuth registration, not a person's id`,
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
    if (typeof key !== 'string') continue;
    const words = wordsOf(key);
    if (!EXCHANGE.has(words) && !(words === 'state' && field.source === 'query')) continue;
    exchanges ??= new Map();
    const record = parentPath(field);
    if (!exchanges.has(record) || words !== 'state') exchanges.set(record, words);
  }
  if (exchanges === undefined) return;
  const records = exchanges;
  fields.forEach((field, index) => {
    const key = field.segments[field.segments.length - 1];
    if (typeof key !== 'string') return;
    const words = wordsOf(key);
    const sibling = words === 'client id' || words === 'code' ? records.get(parentPath(field)) : undefined;
    if (sibling === undefined) return;
    // A redirect's `state` says nothing of a client id: only the code is read beside it.
    const facts = { of: 'structure', sibling };
    if (words === 'client id' && sibling !== 'state') add(index, finding(OAUTH_CLIENT, 'veto', [], facts, 'all'));
    if (words === 'code' && field.kind === 'string') {
      add(index, finding(OAUTH_CLIENT, 'certain', ['credentials'], facts));
    }
  });
}
