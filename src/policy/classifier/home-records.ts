import { finding, type Finding } from './detector.js';
import { parentPath, prefixKey } from './field-paths.js';
import type { Add, ShapeField } from './shape.js';
import { readKey, singular } from './words.js';

/**
 * `home-record`: a record that holds what a household is made of — its rooms, its people (users,
 * members, customers, residents), its devices, zones and invitations — is the household, whatever the
 * vendor calls it (`objects[*]`, `data[*]`, the payload itself). Its own `id` and `name` are the
 * household's: personal (docs/CORPUS.md: home and household ids, the household's own name). At least
 * two such collections, one of them people or spaces: a hub with devices and zones is a device.
 * Reads only keys: memoised per payload shape.
 */
export const HOME_RECORD = 'home-record';

export const homeRecordExplanations: Readonly<Record<string, (f: Finding) => string>> = {
  [HOME_RECORD]: (f) => `"${f.facts.key}" of a record holding a household's ${f.facts.collections} (the household itself) → personal`,
};

const PEOPLE_OR_SPACES = new Set(['room', 'user', 'member', 'customer', 'resident', 'occupant', 'person', 'people', 'pet',
  'invite', 'invitation', 'floor', 'place', 'zone', 'area']);
const THINGS = new Set(['device', 'gateway', 'module', 'product', 'camera', 'sensor', 'lock']);
const SUBJECT_KEYS = new Set(['id', '_id', 'uuid', 'guid', 'name', 'label']);

const kinds = new Map<string, 'people' | 'things' | null>();
function collectionKind(raw: string): 'people' | 'things' | undefined {
  let kind = kinds.get(raw);
  if (kind === undefined) {
    const words = readKey(raw).words;
    const head = words[words.length - 1] ?? '';
    // Only plurals name a collection (`rooms`, `users`); `room` is one.
    const one = singular(head);
    kind = one === head ? null : PEOPLE_OR_SPACES.has(one) ? 'people' : THINGS.has(one) ? 'things' : null;
    if (kinds.size >= 5_000) kinds.clear();
    kinds.set(raw, kind);
  }
  return kind ?? undefined;
}

export function homeRecords(fields: readonly ShapeField[], add: Add): void {
  let records: Map<string, { people: Set<string>; things: Set<string> }> | undefined;
  for (const field of fields) {
    // Every key on the path below which there is more is a container of its record.
    for (let at = 0; at < field.segments.length - 1; at++) {
      const segment = field.segments[at];
      if (typeof segment !== 'string') continue;
      const kind = collectionKind(segment);
      if (kind === undefined) continue;
      records ??= new Map();
      const record = prefixKey(field, at);
      const entry = records.get(record) ?? { people: new Set<string>(), things: new Set<string>() };
      entry[kind].add(singular(readKey(segment).words.at(-1) ?? segment));
      records.set(record, entry);
    }
  }
  if (records === undefined) return;
  const homes = records;
  fields.forEach((field, index) => {
    const key = field.segments[field.segments.length - 1];
    if (typeof key !== 'string' || !SUBJECT_KEYS.has(key) || field.kind === 'null' || field.kind === 'boolean' || field.kind === 'empty') return;
    const entry = homes.get(parentPath(field));
    if (entry === undefined || entry.people.size === 0 || entry.people.size + entry.things.size < 2) return;
    add(index, homeFinding(key, [...entry.people, ...entry.things].slice(0, 3).map((w) => `${w}s`).join(', ')));
  });
}

const found = new Map<string, Finding>();
function homeFinding(key: string, collections: string): Finding {
  const cacheKey = `${key}\u0000${collections}`;
  let f = found.get(cacheKey);
  if (f === undefined) {
    f = finding(HOME_RECORD, 'weak', ['personal'], { of: 'structure', key, collections });
    if (found.size < 256) found.set(cacheKey, f);
  }
  return f;
}
