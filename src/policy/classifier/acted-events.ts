import { BoundedMemo } from '../../memo.js';
import { actorOf } from './actor-keys.js';
import { finding, type Finding } from './detector.js';
import { parentPath, prefixKey } from './field-paths.js';
import { isTimeKey } from './key-detectors.js';
import type { Add, ShapeField } from './shape.js';
import { readKey } from './words.js';

/**
 * `acted-event`: a record that says what happened under a bare `event` (a code or a word: `event: 32`,
 * `event: "message"`, `event: "callStart"`) and names who did it — a person's key beside it (`userId`,
 * `username`, `sender`, `caller`, `author`) or an audit actor (`requestedBy`, actor-keys.ts) — is an entry of
 * somebody's doing: a lock's activity log, a chat callback, an intercom call. Its times are when that person
 * did it (docs/CORPUS.md, Timestamps: the time of a person's action, carried by the event that reports it).
 * A bare `event` alone does not say so: a push service's or a tracker's `event` ("message", "offline") is the
 * machine's, and its time a report time. Not the record's bookkeeping (created, updated, expiry: isTimeKey) nor
 * its time to live. Reads only keys: memoised per payload shape.
 */
export const ACTED_EVENT = 'acted-event';

export const actedEventExplanations: Readonly<Record<string, (f: Finding) => string>> = {
  [ACTED_EVENT]: (f) => `time of an event whose record names who did it ("${f.facts.actor}") → behaviour`,
};

/** The first word of a key that names the person an entry is about or from (`userId`, `sender.name`, `caller`). */
const ACTOR_WORDS = new Set(['user', 'username', 'sender', 'caller', 'author', 'actor', 'member', 'person']);
/** What may follow that word in the same key: the person's id or name, nothing else (`user_agent` is no person). */
const ACTOR_TAILS = new Set(['id', 'uid', 'uuid', 'name', 'number']);
/** A time to live is how long the record is kept, the record's bookkeeping. */
const KEEPING = new Set(['ttl', 'expire', 'expires', 'retention']);

type Role = 'event' | 'actor' | 'time' | 'none';
const roles = new BoundedMemo<Role>(5_000, 256);
function roleOf(raw: string): Role {
  return roles.get(raw, () => {
    const words = readKey(raw).words;
    if (words.length === 1 && words[0] === 'event') return 'event';
    const first = words[0] ?? '';
    const personal = words.length === 1 || (words.length === 2 && ACTOR_TAILS.has(words[1] ?? ''));
    if (ACTOR_WORDS.has(first) && personal) return 'actor';
    if (actorOf(words) !== undefined) return 'actor';
    if (isTimeKey(raw) && !words.some((w) => KEEPING.has(w))) return 'time';
    return 'none';
  });
}

export function actedEvents(fields: readonly ShapeField[], add: Add): void {
  let events: Set<string> | undefined;
  let actors: Map<string, string> | undefined;
  for (const field of fields) {
    const segments = field.segments;
    const key = segments[segments.length - 1];
    if (typeof key === 'string' && field.kind !== 'null' && field.kind !== 'empty' && roleOf(key) === 'event') {
      (events ??= new Set()).add(parentPath(field));
    }
    // An actor is a leaf of the record (`userId`) or a container in it (`sender: {id, name}`).
    for (let i = 0; i < segments.length; i++) {
      const segment = segments[i];
      if (typeof segment !== 'string' || roleOf(segment) !== 'actor') continue;
      (actors ??= new Map()).set(prefixKey(field, i), segment);
    }
  }
  if (events === undefined || actors === undefined) return;
  fields.forEach((field, index) => {
    const key = field.segments[field.segments.length - 1];
    if (typeof key !== 'string' || field.kind === 'null' || field.kind === 'boolean' || roleOf(key) !== 'time') return;
    const record = parentPath(field);
    const actor = actors?.get(record);
    if (actor !== undefined && events?.has(record) === true) add(index, actedFinding(actor));
  });
}

const findings = new BoundedMemo<Finding>(256, 256);
function actedFinding(actor: string): Finding {
  const words = readKey(actor).words.join(' ');
  return findings.get(words, () => finding(ACTED_EVENT, 'strong', ['behaviour'], { of: 'structure', actor: words }));
}
