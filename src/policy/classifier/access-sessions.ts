import { BoundedMemo } from '../../memo.js';
import type { PayloadField } from '../../payload/index.js';
import { finding, type Finding } from './detector.js';
import { prefixKey } from './field-paths.js';
import { detectKeyWords } from './key-detectors.js';
import type { Add, ShapeField } from './shape.js';
import { readKey } from './words.js';

/**
 * `access-session`: a session id sent as a bare token (`sessionId: "0123456789ABCDEF…"`, `sid`, a
 * `sessionId` query parameter) is what a login hands back and what every later request presents
 * instead of the password: whoever holds it is logged in (docs/CORPUS.md: session ids used as auth are
 * credentials) — when it travels as a query parameter, or beside who is logged in or what else opens
 * the account (a user or device id, another token: `{userId, sessionId}`). Not a number (a counter,
 * `sid: 12345`), not a namespaced name (`amzn1.echo-api.session.…`, `sessions/123`), and not a session
 * with nobody's id beside it (a voice assistant's dialogue: `{siteId, sessionId, intent}`): those name a
 * conversation or a record, they open nothing.
 */
export const ACCESS_SESSION = 'access-session';

export const accessSessionExplanations: Readonly<Record<string, (f: Finding) => string>> = {
  [ACCESS_SESSION]: (f) =>
    f.signal === 'veto' ? `a session token is not a person's id` : `a bare token under "${f.facts.words}" (a login's session, presented instead of a password) → credentials`,
};

/** A bare token: letters, digits and `-_+=`, at least 8 of them (namespaced names carry `.`, `:` or `/`). */
const BARE_TOKEN = /^[A-Za-z0-9_\-+=]{8,512}$/;

const keys = new BoundedMemo<string | null>(5_000, 256);
function sessionWords(raw: string): string | undefined {
  const words = keys.get(raw, () => {
    let words: string | null;
    const read = readKey(raw);
    const joined = read.words.join(' ');
    words = joined === 'session id' || joined === 'sid' || read.compact === 'sessionid' ? joined : null;
    return words;
  });
  return words ?? undefined;
}

const IDENTITY = new Set(['credentials', 'personal', 'device']);
const identityKeys = new BoundedMemo<boolean>(5_000, 256);
/** A key read as a secret or as whose or which (a user, account or device id), cached. */
function identityKey(raw: string): boolean {
  const known = identityKeys.get(raw, () => {
    let known: boolean;
    known = sessionWords(raw) === undefined && detectKeyWords(readKey(raw)).some((f) => f.signal !== 'veto' && f.categories.some((c) => IDENTITY.has(c)));
    return known;
  });
  return known;
}

export function planAccessSessions(fields: readonly ShapeField[]): number[] | undefined {
  let candidates: number[] | undefined;
  fields.forEach((field, index) => {
    const k = field.segments[field.segments.length - 1];
    if (typeof k === 'string' && field.kind === 'string' && sessionWords(k) !== undefined) (candidates ??= []).push(index);
  });
  if (candidates === undefined) return undefined;
  const identified = new Set<string>();
  for (const field of fields) {
    const k = field.segments[field.segments.length - 1];
    if (typeof k === 'string' && field.kind !== 'null' && field.kind !== 'empty' && identityKey(k)) identified.add(prefixKey(field, -1));
  }
  const planned = candidates.filter((index) => {
    const field = fields[index];
    return field !== undefined && (field.source === 'query' || identified.has(prefixKey(field, -1)));
  });
  return planned.length === 0 ? undefined : planned;
}

const findings = new Map<string, readonly Finding[]>();
export function detectAccessSessions(plan: readonly number[], fields: readonly PayloadField[], add: Add): void {
  for (const index of plan) {
    const field = fields[index];
    const k = field?.segments[field.segments.length - 1];
    if (field === undefined || typeof k !== 'string' || typeof field.value !== 'string' || !BARE_TOKEN.test(field.value)) continue;
    const words = sessionWords(k);
    if (words === undefined) continue;
    let found = findings.get(words);
    if (found === undefined) {
      // `sid` reads as a person's id too (a page-scoped id); a session token is not one.
      found = [finding(ACCESS_SESSION, 'strong', ['credentials'], { of: 'structure', words }), finding(ACCESS_SESSION, 'veto', ['personal'], { of: 'structure', words }, 'all')];
      findings.set(words, found);
    }
    for (const f of found) add(index, f);
  }
}
