import type { PayloadField } from '../../payload/index.js';
import { BoundedMemo } from '../../memo.js';
import { finding, type Finding } from './detector.js';
import { parentPath } from './field-paths.js';
import { detectKeyWords } from './key-detectors.js';
import { showsAPerson } from './records.js';
import type { Add, ShapeField } from './shape.js';
import { PERSON_WORDS } from './vocabulary.js';
import { readKey } from './words.js';

/**
 * `embedded-id`: a locator that carries a person's id is about that person (docs/CORPUS.md: "ids in a
 * URL or host name count as what they name"). REST resources are named by their ids (RFC 3986 paths
 * such as `/v1/users/{id}`, URNs such as `spotify:user:{id}`, an avatar served at `/avatars/{user id}`),
 * so a string of a record that contains the record's own person id — its `id` beside an e-mail or a
 * name, or a key naming a user's or an account's id — is personal too, whatever its key (`href`, `uri`,
 * `avatar`, `external_urls.spotify`); a record typed as a person (`type: "user"`) shows it as its keys would. Read by value, not by key: the same `href` beside an id it does
 * not carry (a catalogue picture) says nothing, and so does a string that is no locator (no `/` or `:`). Ids shorter than 6 characters are left out (`id: 3` is
 * in every path). Certain: the value shows the id whatever its key says (a `uri` is otherwise the vendor's). Its plan names each record's person ids and the strings at most two levels below it.
 */
export const EMBEDDED_ID = 'embedded-id';

export const embeddedIdExplanations: Readonly<Record<string, (f: Finding) => string>> = {
  [EMBEDDED_ID]: (f) => `the value carries "${f.facts.sibling}", the id of the person its record is about → personal`,
};

const GENERIC_IDS = new Set(['id', '_id', 'uuid', 'guid', 'uid']);
const ID_HEADS = new Set(['id', 'uuid', 'guid', 'uid', 'identifier']);
/** Ids shorter than this are found inside any path or number. */
const SHORTEST_ID = 6;
/** At most this many strings are compared per id (a record's locators, not a whole catalogue). */
const MOST_STRINGS = 24;

const personIds = new BoundedMemo<boolean>(5_000, 256);
/** `userId`, `jellyfinUserId`, `account_id`: a key that names a person's id by its own words. */
function namesPersonId(raw: string): boolean {
  return personIds.get(raw, () => {
    const key = readKey(raw);
    if (!ID_HEADS.has(key.words[key.words.length - 1] ?? '')) return false;
    // A person's by a person word (`user`, `account`, `member`): a `clientId` may be a device's MQTT client.
    return key.words.some((w) => PERSON_WORDS.has(w)) && detectKeyWords(key).some((f) => f.signal === 'strong' && f.categories.includes('personal'));
  });
}

interface EmbeddedPlan {
  /** Pairs of a person id's index and a string's index below the same record. */
  readonly pairs: readonly (readonly [number, number])[];
  /** The id's key, for the explanation, by the id's index. */
  readonly keys: ReadonlyMap<number, string>;
  /** For a generic id whose record shows no person by its keys, the index of the record's `type` (its value decides). */
  readonly typedBy: ReadonlyMap<number, number>;
}

/** A record's `type`/`object`/`kind` naming a person (`type: "user"`: Spotify's, JSON:API's and Stripe's objects). */
const TYPE_KEYS = new Set(['type', 'object', 'kind', 'resource type', 'entity type']);
const PERSON_TYPES = new Set(['user', 'person', 'account', 'member', 'profile', 'customer', 'owner', 'contact', 'people', 'users']);

function scalarLeaf(field: ShapeField): boolean {
  return (field.kind === 'string' || field.kind === 'number') && field.key !== undefined && typeof field.segments[field.segments.length - 1] === 'string';
}

export function planEmbeddedIds(fields: readonly ShapeField[]): EmbeddedPlan | undefined {
  // Records with a generic id, whether a sibling shows the record is a person's, and its type field.
  let generic: Map<string, number> | undefined;
  let people: Set<string> | undefined;
  let types: Map<string, number> | undefined;
  let ids: { index: number; record: string }[] | undefined;
  fields.forEach((field, index) => {
    if (!scalarLeaf(field) || field.key === undefined) return;
    const record = parentPath(field);
    if (GENERIC_IDS.has(field.key.toLowerCase())) (generic ??= new Map()).set(record, index);
    else if (namesPersonId(field.key)) (ids ??= []).push({ index, record });
    else if (field.kind === 'string' && TYPE_KEYS.has(readKey(field.key).words.join(' '))) (types ??= new Map()).set(record, index);
    else if (field.kind === 'string' && showsAPerson(field.key)) (people ??= new Set()).add(record);
  });
  const typedBy = new Map<number, number>();
  for (const [record, index] of generic ?? []) {
    const type = types?.get(record);
    if (people?.has(record) === true || type !== undefined) (ids ??= []).push({ index, record });
    if (people?.has(record) !== true && type !== undefined) typedBy.set(index, type);
  }
  if (ids === undefined) return undefined;
  const pairs: (readonly [number, number])[] = [];
  const keys = new Map<number, string>();
  for (const id of ids) {
    let strings = 0;
    fields.forEach((field, index) => {
      if (index === id.index || field.kind !== 'string' || strings >= MOST_STRINGS) return;
      if (!field.path.startsWith(id.record) || (field.path.length > id.record.length && !'.['.includes(field.path.charAt(id.record.length)))) return;
      const below = field.segments.length - (fields[id.index]?.segments.length ?? 0);
      if (below > 2) return;
      pairs.push([id.index, index]);
      strings++;
    });
    keys.set(id.index, fields[id.index]?.key ?? '');
  }
  return pairs.length === 0 ? undefined : { pairs, keys, typedBy };
}

export function detectEmbeddedIds(plan: EmbeddedPlan, fields: readonly PayloadField[], add: Add): void {
  for (const [idIndex, index] of plan.pairs) {
    const id = fields[idIndex]?.value;
    const text = fields[index]?.value;
    if ((typeof id !== 'string' && typeof id !== 'number') || typeof text !== 'string') continue;
    const type = plan.typedBy.get(idIndex);
    if (type !== undefined) {
      const named = fields[type]?.value;
      if (typeof named !== 'string' || !PERSON_TYPES.has(named.toLowerCase())) continue;
    }
    const written = String(id);
    if (written.length < SHORTEST_ID || !locator(text) || !text.includes(written)) continue;
    add(index, finding(EMBEDDED_ID, 'certain', ['personal'], { of: 'structure', sibling: plan.keys.get(idIndex) ?? 'id' }));
  }
}

/** A path, URL or URN (`/avatarproxy/…`, `https://…/users/…`, `spotify:user:…`): a string that names a resource. */
function locator(text: string): boolean {
  return text.includes('/') || (text.includes(':') && !text.includes(' '));
}
