import { BoundedMemo } from '../../memo.js';
import { finding, type Finding } from './detector.js';
import { parentPath, prefixKey } from './field-paths.js';
import type { Add, ShapeField } from './shape.js';
import { readKey } from './words.js';

/**
 * `written-message`: the bare `text` of a message (an SMS, a chat message between people, a notification)
 * was typed, not said. The speech reading of a bare `text` (what somebody said to an assistant: media and
 * behaviour) does not hold for it: docs/CORPUS.md's media are pictures, recordings and transcripts of
 * speech, and a message's text is the message (message-records.ts says whose it is). A record is a message
 * when it has a message id, a sender or a recipient (`from`, `fromNumber`, `to`, `recipient`), or sits under
 * a key that names messages or notifications. A conversation turn with a role (conversation-turns.ts) is
 * left to that detector. Reads only keys: memoised per payload shape.
 */
export const WRITTEN_MESSAGE = 'written-message';

export const writtenMessageExplanations: Readonly<Record<string, (f: Finding) => string>> = {
  [WRITTEN_MESSAGE]: (f) => `the text of a message (its record has "${f.facts.sign}"): written, not speech → not media or behaviour by itself`,
};

const TEXT_KEYS = new Set(['text']);
/** Keys of a message's own: its id, its parties. A bare `from`/`to` starts a party's key (`fromNumber`, `to`). */
const MESSAGE_ID_PHRASES = new Set(['message id', 'msg id', 'sms id', 'message sid', 'sms sid', 'message uuid', 'mms id']);
const PARTY_HEADS = new Set(['sender', 'recipient', 'recipients', 'addressee', 'from', 'to']);
const RANGE_BOUNDS = new Set(['from', 'to']);
/** Keys naming a list or a record of messages or notifications (`messages[*]`, `notifications[*].data`, `sms`). */
const MESSAGE_CONTAINERS = new Set(['message', 'messages', 'sms', 'mms', 'notification', 'notifications', 'inbox', 'outbox']);
/** A turn of a conversation with an assistant names its speaker's role: conversation-turns.ts reads it. */
const ROLE_WORDS = new Set(['role']);
const PARSE_KEYS = new Set(['entities', 'intent', 'intents']);

const keyWords = new BoundedMemo<readonly string[]>(5_000, 256);
const wordsOf = (raw: string) => keyWords.get(raw, () => readKey(raw, false).words);

/** What a sibling key says of its record: a message sign, a role, or nothing. */
function signOf(raw: string): 'message' | 'role' | undefined {
  const words = wordsOf(raw);
  if (words.some((w) => ROLE_WORDS.has(w))) return 'role';
  // A text beside the entities or intent recognised in it is a request to an assistant (nlu-results.ts): left to the speech reading.
  if (PARSE_KEYS.has(words.join(' '))) return 'role';
  if (MESSAGE_ID_PHRASES.has(words.join(' '))) return 'message';
  return PARTY_HEADS.has(words[0] ?? '') ? 'message' : undefined;
}

const VETO = (sign: string) => finding(WRITTEN_MESSAGE, 'veto', ['media', 'behaviour'], { of: 'structure', sign });

export function writtenMessages(fields: readonly ShapeField[], add: Add): void {
  const texts: number[] = [];
  fields.forEach((field, index) => {
    const key = field.segments[field.segments.length - 1];
    if (field.kind === 'string' && typeof key === 'string' && TEXT_KEYS.has(wordsOf(key).join(' '))) texts.push(index);
  });
  if (texts.length === 0) return;
  // The immediate keys of each record holding a text: a sibling's subtree (`from.phone_number`) counts by its key.
  const records = new Map<string, { sign?: string; role: boolean }>();
  for (const index of texts) {
    const field = fields[index];
    if (field !== undefined) records.set(parentPath(field), { role: false });
  }
  for (const field of fields) {
    for (let end = field.segments.length - 1; end >= 0; end--) {
      const entry = records.get(prefixKey(field, end));
      const key = field.segments[end];
      if (entry === undefined || typeof key !== 'string') continue;
      const sign = signOf(key);
      // A bare `from`/`to` holding a number bounds a range (of seconds, of hours), not a message's party.
      if (sign === 'message' && end === field.segments.length - 1 && field.kind === 'number' && RANGE_BOUNDS.has(key.toLowerCase())) continue;
      if (sign === 'role') entry.role = true;
      else if (sign === 'message') entry.sign ??= key;
    }
  }
  for (const index of texts) {
    const field = fields[index];
    if (field === undefined) continue;
    const entry = records.get(parentPath(field));
    if (entry === undefined || entry.role) continue;
    const container = field.segments.slice(0, -1).find((s): s is string => typeof s === 'string' && wordsOf(s).some((w) => MESSAGE_CONTAINERS.has(w)));
    const sign = entry.sign ?? container;
    if (sign !== undefined) add(index, VETO(sign));
  }
}
