import { BoundedMemo } from '../../memo.js';
import type { PayloadField } from '../../payload/index.js';
import { finding, type Finding } from './detector.js';
import { parentPath, prefixKey } from './field-paths.js';
import type { Add, ShapeField } from './shape.js';
import { readKey } from './words.js';

/**
 * `received-message`: a record that names who a text, a picture or a call came from is a message or a call
 * somebody else made to the home. SMS gateways and telephony APIs announce what reaches the owner's number
 * as one record: the other party under `from`, `sender`, `msisdn` or `caller` (Twilio's From and
 * CallerName, SMPP's source_addr, Asterisk's CallerIDNum and CallerIDName), and beside it what they
 * wrote (`text`, `body`, `message`, `subject`), or the call's own words (`call_id`, `conversation_uuid`,
 * `direction`), or a word that says it arrived (`receivedAt`, `incoming`). That party's number, address
 * or name is personal and third_party; what they wrote is theirs (third_party); an attached picture's
 * other categories ride third_party. A record that says it went out (`direction: outbound`) is the
 * owner's own message and is left alone, and so is a bare `from` that does not hold a number or an
 * address (ranges of times and places use `from` and `to` too). Reads values: the plan names the fields
 * of records with a sender key and a text, call or arrival key.
 */
export const RECEIVED_MESSAGE = 'received-message';

export const receivedMessageExplanations: Readonly<Record<string, (f: Finding) => string>> = {
  [RECEIVED_MESSAGE]: (f) => f.facts.part === 'sender'
    ? `who a message or call came from ("${f.facts.sender}" of a record with ${f.facts.evidence}): somebody other than the owner → personal, third_party`
    : `${f.facts.part} of a message somebody sent ("${f.facts.sender}" beside it) → third_party`,
};

/** Keys whose own words say they hold the other party's number or name: any value counts. */
const PARTY_NUMBERS = new Set(['msisdn', 'caller', 'caller id', 'caller number', 'caller id number', 'caller id num', 'caller name',
  'caller id name', 'calling number', 'calling party', 'cnam', 'from number', 'from phone', 'from phone number', 'sender number',
  'sender phone', 'sender phone number', 'sender name', 'from name', 'originator', 'originating number']);
/** Keys that name the sender by role only: their value must be a number, an address or a URI (`from` bounds ranges too). */
const PARTY_ROLES = new Set(['from', 'sender', 'sender id', 'sender address', 'from address']);
/** A phone number's own key: the sender's only when the record says the message arrived. */
const PHONE_KEYS = new Set(['phone number', 'phone', 'number', 'mobile', 'mobile number']);
/** Under a party container (`from.phone_number`): the party's own keys. */
const PARTY_PARTS = new Set(['phone number', 'phone', 'number', 'email', 'address', 'name', 'display name', 'carrier name']);
/** What somebody wrote: a message's text, its subject, the keyword a gateway cut from it, a preview of it. */
const TEXT_KEYS = new Set(['text', 'body', 'message', 'message text', 'message body', 'subject', 'content', 'content preview', 'preview',
  'keyword', 'short message', 'sms', 'caption']);
/** Words of a call's own keys (`call_id`, `CallSid`, `conversation_uuid`, `direction`). */
const CALL_WORDS = new Set(['call', 'calls', 'conversation', 'direction', 'dtmf', 'hangup', 'ringing']);
/** Words of a key that say the record arrived (`receivedAt`, `incoming`, `inbound`). */
const ARRIVAL_WORDS = new Set(['received', 'receive', 'incoming', 'inbound', 'inbox']);
/** Words of a picture or file sent with a message (an MMS). */
const ATTACHMENT_WORDS = new Set(['image', 'images', 'media', 'picture', 'pictures', 'photo', 'photos', 'attachment', 'attachments']);
/** Keys whose value names what happened (`event: "sms:received"`): an arrival word there says the payload's message came in. */
const EVENT_KEYS = new Set(['event', 'event type', 'type', 'kind', 'direction', 'status']);
/** Words of a key that report on a message the owner sent (`deliveredAt`, `dlr`, `delivery_status`). */
const DELIVERY_WORDS = new Set(['delivery', 'delivered', 'dlr', 'undelivered']);
/** Words of an event's or a status's value that report on a message the owner sent (`sms:sent`, `failed`). */
const SENDING_WORDS = new Set([...DELIVERY_WORDS, 'sent', 'failed', 'queued', 'submitted', 'expired', 'rejected']);
/** Keys naming who a message goes to: a request to send one names them. */
const RECIPIENT_KEYS = new Set(['to', 'recipient', 'recipients', 'to number', 'destination', 'destination number', 'receiver', 'phone numbers']);
/** Words of the keys a record of something that happened has (an id, a time) and a request to send one lacks. */
const STAMP_WORDS = new Set(['id', 'uuid', 'sid', 'time', 'timestamp', 'ts', 'date', 'created', 'datetime']);
/** A direction's values that say the owner sent it. */
const OUTGOING = new Set(['outbound', 'outgoing', 'out', 'sent', 'mt', 'outbound api', 'outbound dial']);

type Role = 'number' | 'role' | 'phone' | 'text' | 'call' | 'arrival' | 'attachment' | 'direction' | 'event' | 'delivery' | 'recipient' | 'stamp';

interface KeyRole {
  readonly roles: readonly Role[];
  readonly words: string;
}

const keyRoles = new BoundedMemo<KeyRole>(5_000, 256);
function roleOf(key: string): KeyRole {
  return keyRoles.get(key, () => {
    const list = readKey(key).words;
    const words = list.join(' ');
    const roles: Role[] = [];
    if (PARTY_NUMBERS.has(words)) roles.push('number');
    if (PARTY_ROLES.has(words)) roles.push('role');
    if (PHONE_KEYS.has(words)) roles.push('phone');
    if (TEXT_KEYS.has(words)) roles.push('text');
    if (words === 'direction') roles.push('direction');
    if (EVENT_KEYS.has(words)) roles.push('event');
    if (list.some((w) => CALL_WORDS.has(w))) roles.push('call');
    if (list.some((w) => ARRIVAL_WORDS.has(w))) roles.push('arrival');
    if (list.some((w) => ATTACHMENT_WORDS.has(w))) roles.push('attachment');
    if (list.some((w) => DELIVERY_WORDS.has(w))) roles.push('delivery');
    if (RECIPIENT_KEYS.has(words)) roles.push('recipient');
    if (list.some((w) => STAMP_WORDS.has(w))) roles.push('stamp');
    return { roles, words };
  });
}

const has = (key: string | undefined, role: Role) => key !== undefined && roleOf(key).roles.includes(role);

/** The key of a party container a field sits in (`from` of `from.phone_number`), when its own key is a party's part. */
function containerParty(field: ShapeField | PayloadField): string | undefined {
  const segments = field.segments;
  const parent = segments[segments.length - 2];
  if (typeof parent !== 'string' || field.key === undefined || !PARTY_PARTS.has(roleOf(field.key).words)) return undefined;
  return has(parent, 'number') || has(parent, 'role') ? parent : undefined;
}

/**
 * A message's content written as a record of its own (an MMS webhook's `body: {subject, message, media: [{url}]}`,
 * a chat callback's `content: {text}`): its parts are the message's, whose sender is one level up.
 */
const BODY_CONTAINERS = new Set(['body', 'content', 'contents']);

/**
 * Where a field sits in a message's body: the position of the body's key among its segments when it is the
 * body's own part (`body.message`) or in an attachment list there (`body.media[0].url`); -1 when neither.
 * A number rather than a record: this runs for every field of every payload with a sender.
 */
function bodyAt(field: ShapeField | PayloadField): number {
  const segments = field.segments;
  const n = segments.length;
  const parent = segments[n - 2];
  if (typeof parent === 'string' && BODY_CONTAINERS.has(parent) && typeof segments[n - 1] === 'string') return n - 2;
  return inBodyAttachment(field) ? n - 4 : -1;
}

/** `body.media[0].url`: a field of an entry in a list of attachments of a message's body. */
function inBodyAttachment(field: ShapeField | PayloadField): boolean {
  const segments = field.segments;
  const n = segments.length;
  const list = segments[n - 3];
  const body = segments[n - 4];
  return typeof segments[n - 2] === 'number' && typeof list === 'string' && typeof body === 'string' && BODY_CONTAINERS.has(body) && has(list, 'attachment');
}

/** The record a field belongs to as a message's part: its parent, its grandparent under a party container, or the body's holder. */
function recordOf(field: ShapeField | PayloadField): string {
  const body = bodyAt(field);
  if (body >= 0) return prefixKey(field, body);
  const own = parentPath(field);
  return containerParty(field) === undefined ? own : parentPath({ ...field, path: own, segments: field.segments.slice(0, -1) });
}

/** The record a list of recipients belongs to (`recipients[1]` of a send request): the list's holder; else undefined. */
function listHolder(field: ShapeField | PayloadField): string | undefined {
  const n = field.segments.length;
  if (n < 2 || typeof field.segments[n - 1] !== 'number' || field.key === undefined || !has(field.key, 'recipient')) return undefined;
  const list = parentPath(field);
  return parentPath({ ...field, path: list, segments: field.segments.slice(0, -1) });
}

/** Plan: every field of a record that has a sender's key, and every event or type that may say it arrived; undefined when no record has one. */
export function receivedMessageFields(fields: readonly ShapeField[]): number[] | undefined {
  const senders = new Set<string>();
  for (const field of fields) {
    if (field.key === undefined) continue;
    if (has(field.key, 'number') || has(field.key, 'role') || has(field.key, 'phone') || containerParty(field) !== undefined) senders.add(recordOf(field));
  }
  if (senders.size === 0) return undefined;
  const indices: number[] = [];
  fields.forEach((field, index) => {
    const holder = listHolder(field);
    if (senders.has(recordOf(field)) || (holder !== undefined && senders.has(holder)) || (field.kind === 'string' && has(field.key, 'event'))) indices.push(index);
  });
  return indices;
}

const PHONE_LIKE = /^\+?[\d\s().-]{3,24}$/;
const IPV4_LIKE = /^\d{1,3}(?:\.\d{1,3}){3}$/;
const EMAIL_LIKE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const URI_LIKE = /^(?:sip|sips|tel|mailto):\S+$/i;

/** A value that reaches somebody: a phone number (a short code too), an e-mail address, a SIP or tel URI. */
function reachesSomebody(value: PayloadField['value']): boolean {
  if (typeof value === 'number') return Number.isInteger(value) && value >= 100 && value < 1e15;
  if (typeof value !== 'string') return false;
  if (PHONE_LIKE.test(value) && !IPV4_LIKE.test(value)) {
    const digits = value.replace(/\D/g, '').length;
    return digits >= 3 && digits <= 15;
  }
  return EMAIL_LIKE.test(value) || URI_LIKE.test(value);
}

const OWNERS_END = finding(RECEIVED_MESSAGE, 'veto', ['third_party'], { of: 'structure', part: 'recipient' });

const present = (value: PayloadField['value']) => value !== null && value !== '' && typeof value !== 'boolean';

interface MessageRecord {
  sender?: { index: number; key: string; value: PayloadField['value'] };
  text: boolean;
  call: boolean;
  arrived: boolean;
  outgoing: boolean;
  recipient: boolean;
  stamped: boolean;
  phones: number[];
}

/** The words of an event's or a direction's value (`sms:received`, `inbound`, `outbound-api`). */
function valueWords(value: PayloadField['value']): string[] {
  return typeof value === 'string' && value.length <= 64 ? value.toLowerCase().split(/[^a-z]+/).filter((w) => w !== '') : [];
}

export function receivedMessages(fields: readonly PayloadField[], add: Add): void {
  const records = new Map<string, MessageRecord>();
  let arrivedHere = false;
  let sentHere = false;
  fields.forEach((field, index) => {
    const key = field.key;
    const value = field.value;
    if (key === undefined || !present(value)) return;
    if (has(key, 'event')) {
      const words = valueWords(value);
      if (words.some((w) => ARRIVAL_WORDS.has(w))) arrivedHere = true;
      if (words.some((w) => SENDING_WORDS.has(w))) sentHere = true;
    }
    const path = recordOf(field);
    let record = records.get(path);
    if (record === undefined) records.set(path, (record = { text: false, call: false, arrived: false, outgoing: false, recipient: false, stamped: false, phones: [] }));
    if ((has(key, 'direction') && OUTGOING.has(valueWords(value).join(' '))) || has(key, 'delivery')) record.outgoing = true;
    if (has(key, 'text') && typeof value === 'string') record.text = true;
    if (has(key, 'call')) record.call = true;
    if (has(key, 'arrival')) record.arrived = true;
    if (has(key, 'recipient')) record.recipient = true;
    // A list of recipients (`recipients: ["+43…", "+49…"]`) names whom its holder, the message, goes to.
    const holder = listHolder(field);
    if (holder !== undefined) {
      let owner = records.get(holder);
      if (owner === undefined) records.set(holder, (owner = { text: false, call: false, arrived: false, outgoing: false, recipient: false, stamped: false, phones: [] }));
      owner.recipient = true;
    }
    if (has(key, 'stamp')) record.stamped = true;
    const party = containerParty(field);
    const named = party !== undefined
      ? PARTY_NUMBERS.has(roleOf(party).words) || reachesSomebody(value) || roleOf(key).words.endsWith('name')
      : has(key, 'number') || (has(key, 'role') && reachesSomebody(value));
    if (named) record.sender ??= { index, key: party ?? key, value };
    else if (has(key, 'phone') && reachesSomebody(value)) record.phones.push(index);
  });
  for (const [path, record] of records) {
    if (record.outgoing || (sentHere && !arrivedHere)) continue;
    const arrived = record.arrived || arrivedHere;
    // Who it goes to, and no id, time or call of its own: a request to send a message (the owner's), not one received.
    if (record.recipient && !record.stamped && !record.call && !arrived) continue;
    // A lone phone number beside a text, or in a record that says it arrived, is the other party's.
    const lone = record.phones.length === 1 ? record.phones[0] : undefined;
    const sender = record.sender ?? (lone !== undefined && (record.text || arrived) ? { index: lone, key: fields[lone]?.key ?? 'phone', value: fields[lone]?.value ?? null } : undefined);
    if (sender === undefined || !(record.text || record.call || arrived)) continue;
    const evidence = record.text ? 'a text' : record.call ? 'a call\'s keys' : 'a word that it arrived';
    const facts = { of: 'structure', sender: sender.key };
    add(sender.index, finding(RECEIVED_MESSAGE, 'strong', ['personal', 'third_party'], { ...facts, part: 'sender', evidence }));
    fields.forEach((field, index) => {
      if (index === sender.index || field.key === undefined || !present(field.value) || recordOf(field) !== path) return;
      if (containerParty(field) !== undefined) add(index, finding(RECEIVED_MESSAGE, 'strong', ['third_party'], { ...facts, part: 'the sender\'s detail', rides: 'sender' }));
      // The same number under a phone key (a gateway that repeats the sender as `phoneNumber`).
      else if (record.phones.includes(index) && field.value === sender.value) add(index, finding(RECEIVED_MESSAGE, 'strong', ['personal', 'third_party'], { ...facts, part: 'sender', evidence }));
      else if (has(field.key, 'text') && typeof field.value === 'string') add(index, finding(RECEIVED_MESSAGE, 'strong', ['third_party'], { ...facts, part: 'the text' }));
      else if (has(field.key, 'attachment') || inBodyAttachment(field)) add(index, finding(RECEIVED_MESSAGE, 'strong', ['third_party'], { ...facts, part: 'an attachment', rides: 'sender' }));
      // Who a received message went to is the owner (their own number): no third party, whatever rides the record.
      else if (has(field.key, 'recipient')) add(index, OWNERS_END);
    });
  }
}

/**
 * `sent-by-other`: a record that holds who sent it and who receives it as two containers (`sender: {name}`
 * beside `receiver: {email, phoneNumber}`: a parcel, a letter, a transfer) is a thing delivered between two
 * parties; the account following it is the receiving one, so what the sender's container names rides
 * third_party. Reads only keys: memoised per shape.
 */
export const SENT_BY_OTHER = 'sent-by-other';

export const sentByOtherExplanations: Readonly<Record<string, (f: Finding) => string>> = {
  [SENT_BY_OTHER]: (f) => `who sent a thing delivered to a "${f.facts.receiver}" (somebody other than the owner) → third_party`,
};

const SENDER_CONTAINERS = new Set(['sender', 'shipper', 'consignor']);
const RECEIVER_CONTAINERS = new Set(['receiver', 'recipient', 'consignee', 'addressee']);

export function sentByOther(fields: readonly ShapeField[], add: Add): void {
  let senders: Map<string, number[]> | undefined;
  let receivers: Map<string, string> | undefined;
  fields.forEach((field, index) => {
    const n = field.segments.length;
    const container = field.segments[n - 2];
    if (n < 2 || typeof container !== 'string' || typeof field.segments[n - 1] !== 'string') return;
    const words = roleOf(container).words;
    const record = parentPath({ ...field, path: parentPath(field), segments: field.segments.slice(0, -1) });
    if (SENDER_CONTAINERS.has(words) && field.kind === 'string') {
      senders ??= new Map();
      senders.set(record, [...(senders.get(record) ?? []), index]);
    } else if (RECEIVER_CONTAINERS.has(words)) (receivers ??= new Map()).set(record, container);
  });
  if (senders === undefined || receivers === undefined) return;
  for (const [record, indices] of senders) {
    const receiver = receivers.get(record);
    if (receiver === undefined) continue;
    for (const index of indices) add(index, finding(SENT_BY_OTHER, 'strong', ['third_party'], { of: 'structure', receiver, rides: 'sender' }));
  }
}
