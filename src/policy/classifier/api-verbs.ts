import type { PayloadField } from '../../payload/index.js';
import { BoundedMemo } from '../../memo.js';
import { finding, type Finding } from './detector.js';
import type { ShapeField } from './shape.js';
import { readKey } from './words.js';

/**
 * `api-verb`: a request's own top-level `action` or `method` naming a data operation of the vendor's
 * API — reading, listing, saving, uploading, logging in (`action=getmeas`, `action=updateraw`,
 * `action=save`, `action=addpos`, a WebSocket message's `event: "auth"`) — says which call the app makes, not what a person does to the home: the key's
 * behaviour reading (user commands and intents) is vetoed for that value. A command to a device
 * (`action=unlock`, `command=start`, `setTemperature`) keeps its reading: only the verbs of data access
 * and of the HTTP/CRUD vocabulary are read, and only at the top of a query, form or body.
 */
export const API_VERB = 'api-verb';

export const apiVerbExplanations: Readonly<Record<string, (f: Finding) => string>> = {
  [API_VERB]: (f) => f.facts.verb === undefined ? '"event" names the kind of message a push channel sends, not what somebody did'
    : `"${f.facts.key}" names the API call ("${f.facts.verb}…"), not what somebody did`,
};
const MESSAGE_NAMED = finding(API_VERB, 'veto', ['behaviour'], { of: 'value', key: 'event' }, 'all');

type Add = (index: number, f: Finding) => void;

/** `event` too: WebSocket and push protocols name the message's call so (`{"event": "auth", …}`). */
const VERB_KEYS = new Set(['action', 'method', 'op', 'operation', 'cmd', 'function', 'call', 'api', 'event']);
/** Verbs of data access (CRUD, HTTP and the usual RPC names), as the start of the value. */
const DATA_VERBS = ['get', 'list', 'fetch', 'read', 'query', 'search', 'update', 'upload', 'save', 'create', 'delete',
  'remove', 'sync', 'login', 'logout', 'register', 'subscribe', 'unsubscribe', 'download', 'export', 'import', 'post', 'put',
  'patch', 'load', 'store', 'retrieve', 'describe', 'info', 'status', 'add', 'auth', 'push', 'ping', 'handshake', 'heartbeat'];

/**
 * How a push channel names its messages under a top-level `event`: one bare word for the message's kind (ntfy's
 * `message`, an event server's `alarm`, a baby monitor's `activity`) or a namespaced name (`sms:received`,
 * `device.updated`: SMS gateways', Pusher's and webhooks' event names). What happened is in the message's body; a name
 * of several words (`sleep_tracking_started`, `callStart`) or a digit pressed (`9`) tells the act itself.
 */
const MESSAGE_NAME = /^(?:[a-z]{3,20}|[a-z]+(?:[-_][a-z]+)?[:.][a-z]+(?:[-_:.][a-z]+)*)$/;
/** One-word events that are acts of their own (a doorbell's `ring`, a button's `press`), whatever the channel. */
const ACT_EVENTS = new Set(['ring', 'ding', 'press', 'pressed', 'motion', 'open', 'opened', 'close', 'closed', 'unlock', 'unlocked',
  'lock', 'locked', 'arrive', 'arrived', 'leave', 'left', 'enter', 'entered', 'exit', 'exited', 'call', 'tap', 'knock', 'visit',
  'doorbell', 'person', 'snore', 'wake', 'sleep', 'start', 'stop']);

function messageName(value: string): boolean {
  return MESSAGE_NAME.test(value) && !ACT_EVENTS.has(value);
}

const keys = new BoundedMemo<boolean>(5_000, 256);
function verbKey(raw: string): boolean {
  return keys.get(raw, () => VERB_KEYS.has(readKey(raw).words.join(' ')));
}

/** The data verb a one-word value starts with (`getmeas`, `updateraw`, `get_status`), if any. */
function dataVerb(value: PayloadField['value']): string | undefined {
  if (typeof value !== 'string' || value.length === 0 || value.length > 40 || /\s/.test(value)) return undefined;
  const lower = value.toLowerCase();
  return DATA_VERBS.find((v) => lower.startsWith(v));
}

/** Plan: strings at the top of the payload under a key naming an action or method. */
export function planApiVerbs(fields: readonly ShapeField[]): number[] | undefined {
  let named: number[] | undefined;
  fields.forEach((field, index) => {
    const key = field.segments[0];
    if (field.segments.length !== 1 || typeof key !== 'string' || field.kind !== 'string') return;
    if (verbKey(key)) (named ??= []).push(index);
  });
  return named;
}

export function detectApiVerbs(plan: readonly number[], fields: readonly PayloadField[], _home: unknown, add: Add): void {
  for (const index of plan) {
    const field = fields[index];
    const verb = field === undefined ? undefined : dataVerb(field.value);
    const key = field?.segments[0];
    if (typeof key !== 'string') continue;
    if (verb !== undefined) add(index, finding(API_VERB, 'veto', [], { of: 'value', key: key.slice(0, 40), verb }, 'all'));
    else if (key === 'event' && typeof field?.value === 'string' && messageName(field.value)) add(index, MESSAGE_NAMED);
  }
}
