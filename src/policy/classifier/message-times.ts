import { BoundedMemo } from '../../memo.js';
import { finding, type Finding } from './detector.js';
import { prefixKey } from './field-paths.js';
import type { Add, ShapeField } from './shape.js';
import { readKey } from './words.js';

/**
 * `message-time`: in a record of a text message — one that holds its text beside a party (`sender`, `msisdn`, `to`,
 * `phoneNumber`), or names the message by its id (`messageId`, `sms_id`) — the times are when a message came or went:
 * received, sent, delivered, failed, written (`receivedAt`, `message-timestamp`, `ts`, a message's `createdAt`).
 * Beside an id alone, only a time that says what was done with the message counts (`failedAt`), not a transport
 * frame's `message_timestamp`. Who wrote to whom and when is what people did (docs/CORPUS.md: call and message
 * events are behaviour). The parts are those of SMS gateway callbacks (Kannel's `sender`/`ts`, inbound SMS webhooks'
 * `msisdn`/`text`/`message-timestamp`) and of schema.org Message (`dateSent`, `dateReceived`). A record's update or
 * expiry time is its bookkeeping, not the message's. The time is the household's (its phone or gateway got or sent
 * the message), not the other party's: it vetoes third_party, which `message-parties` lays on the record's other
 * fields. Reads only keys: memoised per payload shape.
 */
export const MESSAGE_TIME = 'message-time';

export const messageTimeExplanations: Readonly<Record<string, (f: Finding) => string>> = {
  [MESSAGE_TIME]: (f) => f.signal === 'veto' ? "when a message came or went is the household's act, not the other party's data (not third_party)"
    : `when a message came or went (its record has ${f.facts.evidence}) → behaviour`,
};

const MESSAGE_WORDS = new Set(['message', 'sms', 'mms', 'msg']);
const ID_HEADS = new Set(['id', 'uuid', 'sid']);
/** A message's text: `message`, `text`, `body`, `content`, `contentPreview`, `message_text`. */
const TEXT_KEYS = new Set(['message', 'text', 'body', 'content', 'content preview', 'message text', 'message body', 'sms text', 'msg']);
/** Its parties: SMS callbacks' `sender`/`msisdn`/`to`, schema.org Message `sender`/`recipient`, a phone number. */
const PARTY_KEYS = new Set(['sender', 'recipient', 'from', 'to', 'msisdn', 'phone', 'phone number', 'sender number', 'originator',
  'caller', 'callee', 'source addr', 'destination addr']);
/** Heads of a time; `ts` and `tst` are the short forms SMS gateways and trackers use. */
const TIME_HEADS = new Set(['at', 'time', 'timestamp', 'ts', 'date', 'datetime', 'sent', 'received', 'delivered']);
/** A record's own bookkeeping, not the message's times. */
const BOOKKEEPING = new Set(['updated', 'update', 'modified', 'expires', 'expiry', 'expiration', 'deleted', 'valid', 'validity', 'schedule', 'scheduled']);

/** What was done with a message (`receivedAt`, `failedAt`, `dateSent`): a time an id alone makes the message's. */
const MESSAGE_ACTS = new Set(['received', 'sent', 'delivered', 'failed', 'read', 'submitted', 'created']);

type Part = 'id' | 'text' | 'party' | 'time' | 'act time';
const parts = new BoundedMemo<Part | null>(5_000, 256);
function partOf(raw: string): Part | undefined {
  return parts.get(raw, () => {
    const words = readKey(raw).words;
    const joined = words.join(' ');
    const head = words[words.length - 1] ?? '';
    if (words.length >= 2 && ID_HEADS.has(head) && words.slice(0, -1).some((w) => MESSAGE_WORDS.has(w))) return 'id';
    if (TEXT_KEYS.has(joined)) return 'text';
    if (PARTY_KEYS.has(joined)) return 'party';
    if (words.some((w) => MESSAGE_ACTS.has(w)) && !words.some((w) => BOOKKEEPING.has(w))) return 'act time';
    if (TIME_HEADS.has(head) && !words.some((w) => BOOKKEEPING.has(w))) return 'time';
    return null;
  }) ?? undefined;
}

export function messageTimes(fields: readonly ShapeField[], add: Add): void {
  let records: Map<string, { parts: Set<Part>; times: number[]; acts: number[] }> | undefined;
  fields.forEach((field, index) => {
    const key = field.segments[field.segments.length - 1];
    if (typeof key !== 'string' || field.kind === 'null' || field.kind === 'empty') return;
    const part = partOf(key);
    if (part === undefined) return;
    const record = prefixKey(field, -1);
    records ??= new Map();
    let entry = records.get(record);
    if (entry === undefined) records.set(record, (entry = { parts: new Set(), times: [], acts: [] }));
    entry.parts.add(part);
    if (field.kind === 'boolean') return;
    if (part === 'time') entry.times.push(index);
    else if (part === 'act time') entry.acts.push(index);
  });
  if (records === undefined) return;
  for (const { parts: found, times, acts } of records.values()) {
    // Its text and a party make a record a message between people, and all its times the message's.
    // A message's id alone may be a transport's message (a WebSocket frame's `message_timestamp`): only what was done with it counts.
    const text = found.has('text') && found.has('party');
    if (!text && !found.has('id')) continue;
    for (const index of text ? [...times, ...acts] : acts) {
      add(index, text ? TEXT_EVIDENCE : ID_EVIDENCE);
      add(index, NOT_THEIRS);
    }
  }
}

const ID_EVIDENCE = finding(MESSAGE_TIME, 'strong', ['behaviour'], { of: 'structure', evidence: "the message's id" });
const TEXT_EVIDENCE = finding(MESSAGE_TIME, 'strong', ['behaviour'], { of: 'structure', evidence: 'its text and a party' });
/** When the household's phone or gateway got or sent it is the household's act, not the other party's data (a rider's veto). */
const NOT_THEIRS = finding(MESSAGE_TIME, 'veto', ['third_party'], { of: 'structure' });
