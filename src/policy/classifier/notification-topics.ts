import { BoundedMemo } from '../../memo.js';
import type { PayloadField } from '../../payload/index.js';
import { finding, type Finding } from './detector.js';
import { parentPath } from './field-paths.js';
import type { Add, ShapeField } from './shape.js';
import { readKey } from './words.js';

/**
 * `notification-topic`: the topic a notification is published to, beside the notification's `message`.
 * Topic-addressed push services (ntfy, UnifiedPush distributors, web push relays) have no account behind a
 * topic: whoever knows its name can read every message on it and post to it, so the name is chosen like a
 * password and is one (docs/CORPUS.md: channel ids that grant access are credentials). Only a bare name
 * counts (letters, digits, `_` and `-`, as such services allow): an MQTT topic is a path of levels
 * (`home/door/state`, `owntracks/+/+`) whose access the broker's login guards, and an event's `topic`
 * without a message beside it (`{topic: "motionChanges", updated}`) names a kind of event.
 * Plan: `topic` keys with a `message` sibling (memoised per shape); only their values are read.
 */
export const NOTIFICATION_TOPIC = 'notification-topic';

export const notificationTopicExplanations: Readonly<Record<string, (f: Finding) => string>> = {
  [NOTIFICATION_TOPIC]: () => 'the bare topic a notification is published to (beside its message): whoever knows it reads and posts → credentials',
};

const BARE_NAME = /^[A-Za-z0-9_-]{1,64}$/;

type Role = 'topic' | 'message';
const roles = new BoundedMemo<Role | null>(5_000, 256);
function roleOf(raw: string): Role | undefined {
  return roles.get(raw, () => {
    const words = readKey(raw).words;
    if (words.length !== 1) return null;
    return words[0] === 'topic' ? 'topic' : words[0] === 'message' ? 'message' : null;
  }) ?? undefined;
}

export function planNotificationTopics(fields: readonly ShapeField[]): number[] | undefined {
  let topics: number[] | undefined;
  let messages: Set<string> | undefined;
  fields.forEach((field, index) => {
    const key = field.segments[field.segments.length - 1];
    if (typeof key !== 'string') return;
    const role = roleOf(key);
    if (role === 'topic' && field.kind === 'string') (topics ??= []).push(index);
    else if (role === 'message' && field.kind === 'string') (messages ??= new Set()).add(parentPath(field));
  });
  if (topics === undefined || messages === undefined) return undefined;
  const messaged = messages;
  const planned = topics.filter((index) => {
    const field = fields[index];
    return field !== undefined && messaged.has(parentPath(field));
  });
  return planned.length === 0 ? undefined : planned;
}

// Certain: it outweighs `topic` in the negative vocabulary (an MQTT topic is the vendor's plumbing).
const TOPIC = finding(NOTIFICATION_TOPIC, 'certain', ['credentials'], { of: 'structure' });

export function detectNotificationTopics(plan: readonly number[], fields: readonly PayloadField[], add: Add): void {
  for (const index of plan) {
    const value = fields[index]?.value;
    if (typeof value === 'string' && BARE_NAME.test(value)) add(index, TOPIC);
  }
}
