import { finding, type Finding } from './detector.js';
import { prefixKey, within } from './field-paths.js';
import type { Add, ShapeField } from './shape.js';
import { readKey } from './words.js';

/**
 * `message-parties`: a record with both a sender and a recipient is a message between people (the
 * parties of schema.org's Message — sender, recipient, toRecipient, ccRecipient, bccRecipient — and of
 * RFC 5322's From, To, Cc, Bcc). Whoever the owner is, the other party is somebody else, and what the
 * message carries (its text, a check-in's position) is about them as much as the owner: every field of
 * the record and below it rides third_party. Reads only keys: memoised per payload shape.
 */
export const MESSAGE_PARTIES = 'message-parties';

export const messageRecordExplanations: Readonly<Record<string, (f: Finding) => string>> = {
  [MESSAGE_PARTIES]: (f) => `in a message between people (it has a "${f.facts.sender}" and a "${f.facts.recipient}") → third_party`,
};

/** Who sent it: schema.org Message `sender`/`author`, RFC 5322 `From`, and the author's id under a user key. */
const SENDER_PHRASES = new Set(['sender', 'sender id', 'sender name', 'from user', 'from user id', 'from email',
  'from name', 'author', 'author id', 'user id']);
/** Bare `from` and `to` bound ranges (of times, of places): a recipient's `to` names a person (`toUserId`, `to_email`). */
const PERSON_TAILS = new Set(['user', 'user id', 'email', 'name', 'member', 'member id', 'person', 'phone', 'user name', 'user login',
  'phone number', 'email address']);
/** Who it went to: schema.org Message `recipient`, `toRecipient`, `ccRecipient`, `bccRecipient`; RFC 5322 `To`, `Cc`, `Bcc`. */
const RECIPIENT_HEADS = new Set(['recipient', 'recipients', 'addressee', 'addressees', 'cc', 'bcc']);

/** Last words only a person's key ends in. */
const PERSON_ENDS = new Set(['email', 'phone']);

/**
 * After a leading `from` or `to`, the rest names a person when it is a person's key, or ends in one that
 * only a person has, whatever role stands between (`from_broadcaster_user_id`, `toAccountEmail`): who the
 * message or call came from or went to. A bare `name` after a role may be a place's (`from_city_name`).
 */
function namesPerson(words: readonly string[]): boolean {
  const rest = words.slice(1);
  if (PERSON_TAILS.has(rest.join(' '))) return true;
  return rest.length > 1 && (PERSON_TAILS.has(rest.slice(-2).join(' ')) || PERSON_ENDS.has(rest[rest.length - 1] ?? ''));
}

type Party = 'sender' | 'recipient';
const parties = new Map<string, Party | null>();
function partyOf(raw: string): Party | undefined {
  let known = parties.get(raw);
  if (known === undefined) {
    const words = readKey(raw).words;
    const phrase = words.join(' ');
    const head = words[words.length - 1] ?? '';
    // `toUserId`, `to_email`, `ccRecipient`: a recipient; `to` must lead and name a person.
    const recipient = RECIPIENT_HEADS.has(head) || words.some((w) => RECIPIENT_HEADS.has(w)) || (words[0] === 'to' && namesPerson(words));
    known = recipient ? 'recipient' : SENDER_PHRASES.has(phrase) || (words[0] === 'from' && namesPerson(words)) ? 'sender' : null;
    if (parties.size >= 5_000) parties.clear();
    parties.set(raw, known);
  }
  return known ?? undefined;
}

/** The key a field's record holds it under: the first string segment after the record's path. */
function partyKey(field: ShapeField): string | undefined {
  // A recipient list (`toUserId[*]`) is a leaf of its record too.
  for (let at = field.segments.length - 1; at >= 0; at--) {
    const segment = field.segments[at];
    if (typeof segment === 'string') return segment;
  }
  return undefined;
}

export function messageParties(fields: readonly ShapeField[], add: Add): void {
  let records: Map<string, { sender?: string; recipient?: string }> | undefined;
  for (const field of fields) {
    const key = partyKey(field);
    if (key === undefined || field.kind === 'null' || field.kind === 'empty' || field.kind === 'boolean') continue;
    const party = partyOf(key);
    if (party === undefined) continue;
    const record = recordOf(field, key);
    records ??= new Map();
    const entry = records.get(record) ?? {};
    entry[party] ??= key;
    records.set(record, entry);
  }
  if (records === undefined) return;
  const messages = [...records].filter(([, e]) => e.sender !== undefined && e.recipient !== undefined);
  if (messages.length === 0) return;
  fields.forEach((field, index) => {
    if (field.kind === 'null' || field.kind === 'empty') return;
    for (const [record, entry] of messages) {
      if (!within(field.path, record)) continue;
      add(index, finding(MESSAGE_PARTIES, 'strong', ['third_party'], { of: 'structure', sender: entry.sender ?? '', recipient: entry.recipient ?? '', rides: 'party' }));
      return;
    }
  });
}

/** The record a party key sits in: the path before the key (`$.messages[0]` for `$.messages[0].toUserId[1]`). */
function recordOf(field: ShapeField, key: string): string {
  let at = field.segments.length - 1;
  while (at > 0 && field.segments[at] !== key) at--;
  return prefixKey(field, at);
}
