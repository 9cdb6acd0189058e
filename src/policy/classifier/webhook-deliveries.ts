import { BoundedMemo } from '../../memo.js';
import { finding, type Finding } from './detector.js';
import { parentPath, prefixKey } from './field-paths.js';
import type { Add, ShapeField } from './shape.js';
import { readKey } from './words.js';

/**
 * `webhook-delivery`: the webhook's id inside the message a webhook delivers — a record that names the event
 * (`event`, `event_type`, `webhook_type`) beside the event's body (`data`, `payload`) — names the subscription
 * that sent it, which the receiver already knows. What grants access is the receiver's URL (`webhook url`,
 * credentials by its own words), not this id: the credentials reading of `webhook id` is vetoed there. A
 * webhook id handed out when a receiver registers (no event beside it) stays a secret. Reads keys only.
 */
export const WEBHOOK_DELIVERY = 'webhook-delivery';

export const webhookDeliveryExplanations: Readonly<Record<string, (f: Finding) => string>> = {
  [WEBHOOK_DELIVERY]: (f) => `"${f.facts.key}" in a delivered event (its "${f.facts.sibling}") names the subscription that sent it: not a secret`,
};

const WEBHOOK_IDS = new Set(['webhook id', 'hook id', 'subscription id']);
const EVENT_NAMES = new Set(['event', 'event type', 'event name', 'webhook type', 'webhook event', 'hook type']);
const BODIES = new Set(['data', 'payload', 'body']);

const phrases = new BoundedMemo<string>(5_000, 256);
const phraseOf = (key: string): string => readKey(key).words.join(' ');

export function webhookDeliveries(fields: readonly ShapeField[], add: Add): void {
  let ids: { index: number; key: string; record: string }[] | undefined;
  for (let index = 0; index < fields.length; index++) {
    const field = fields[index];
    const key = field?.key;
    if (field === undefined || key === undefined || field.kind !== 'string') continue;
    if (WEBHOOK_IDS.has(phrases.get(key, phraseOf))) (ids ??= []).push({ index, key, record: parentPath(field) });
  }
  if (ids === undefined) return;
  const records = new Set(ids.map((id) => id.record));
  const named = new Map<string, string>();
  const bodied = new Set<string>();
  for (const field of fields) {
    const key = field.key;
    if (key !== undefined && field.kind === 'string' && EVENT_NAMES.has(phrases.get(key, phraseOf))) {
      const record = parentPath(field);
      if (records.has(record)) named.set(record, key);
    }
    // The body is an object or a list under a sibling key: a field two or more steps below the record.
    for (let at = 0; at < field.segments.length - 1; at++) {
      const segment = field.segments[at];
      if (typeof segment === 'string' && BODIES.has(segment) && records.has(prefixKey(field, at))) bodied.add(prefixKey(field, at));
    }
  }
  for (const { index, key, record } of ids) {
    const sibling = named.get(record);
    if (sibling === undefined || !bodied.has(record)) continue;
    add(index, finding(WEBHOOK_DELIVERY, 'veto', ['credentials'], { of: 'structure', key, sibling }));
  }
}
