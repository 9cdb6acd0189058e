import { BoundedMemo } from '../../memo.js';
import type { PayloadField } from '../../payload/index.js';
import { finding, type Finding } from './detector.js';
import { indicesByRecord, parentPath } from './field-paths.js';
import { detectKeyWords } from './key-detectors.js';
import type { Add, ShapeField } from './shape.js';
import { readKey } from './words.js';

/**
 * `unit-id-copy`: a unit's identifier written again. A record that names its unit by a serial, a hardware
 * address or a device id repeats it under other keys: a disk's `ident` equal to its `serial` and the
 * `serial_lunid`/`identifier` built from it (a NAS's disk list), an appliance's `name` that is its serial, a
 * wallbox id or a topic that embeds it. docs/CORPUS.md: "ids in a URL or host name count as what they name",
 * and a string that carries the unit's serial names that unit: device. Read by value: the sibling must carry
 * the identifier's value (at least 6 characters, with a digit, not one character repeated, no spaces: a
 * placeholder such as `000000000000` or `To Be Filled By O.E.M.` is nobody's). Siblings whose own key says
 * what they are (`bssid`, `hostname`) keep that reading. Its plan pairs each record's identifier keys with
 * the record's other strings.
 */
export const UNIT_ID_COPY = 'unit-id-copy';

export const unitIdCopyExplanations: Readonly<Record<string, (f: Finding) => string>> = {
  [UNIT_ID_COPY]: (f) => `the value carries "${f.facts.sibling}", the id of the unit its record describes → device`,
};

/** Shorter identifiers are found inside any path or number. */
const SHORTEST_ID = 6;
/** At most this many strings are compared per identifier (a record's fields, not a whole catalogue). */
const MOST_STRINGS = 24;

interface KeyReading {
  /** The key names a unit's own identifier (`serial`, `mac`, `imei`, `deviceId`). */
  readonly unitId: boolean;
  /** The key says what its value is, whatever it is (`bssid`, `hostname`, `name` does not). */
  readonly readsStrongly: boolean;
}

const readings = new BoundedMemo<KeyReading>(5_000, 256);
function readingOf(raw: string): KeyReading {
  return readings.get(raw, () => {
    const strong = detectKeyWords(readKey(raw)).filter((f) => f.signal === 'strong' || f.signal === 'certain');
    return { unitId: strong.some((f) => f.categories.includes('device')), readsStrongly: strong.length > 0 };
  });
}

export interface UnitIdPlan {
  /** Pairs of an identifier's index and the index of a string of the same record. */
  readonly pairs: readonly (readonly [number, number])[];
  readonly keys: ReadonlyMap<number, string>;
}

function scalar(field: ShapeField): boolean {
  const last = field.segments[field.segments.length - 1];
  return (field.kind === 'string' || field.kind === 'number') && typeof last === 'string';
}

export function planUnitIdCopies(fields: readonly ShapeField[]): UnitIdPlan | undefined {
  const records = indicesByRecord(fields, (field) => scalar(field) && field.key !== undefined && readingOf(field.key).unitId);
  if (records === undefined) return undefined;
  const pairs: (readonly [number, number])[] = [];
  const keys = new Map<number, string>();
  const strings = new Map<number, number>();
  fields.forEach((field, index) => {
    if (field.kind !== 'string' || !scalar(field) || field.key === undefined) return;
    if (readingOf(field.key).readsStrongly) return;
    for (const id of records.get(parentPath(field)) ?? []) {
      const compared = strings.get(id) ?? 0;
      if (compared >= MOST_STRINGS) continue;
      strings.set(id, compared + 1);
      pairs.push([id, index]);
      keys.set(id, fields[id]?.key ?? '');
    }
  });
  return pairs.length === 0 ? undefined : { pairs, keys };
}

export function detectUnitIdCopies(plan: UnitIdPlan, fields: readonly PayloadField[], add: Add): void {
  let found: Set<number> | undefined;
  for (const [idIndex, index] of plan.pairs) {
    if (found?.has(index) === true) continue;
    const id = fields[idIndex]?.value;
    const text = fields[index]?.value;
    if ((typeof id !== 'string' && typeof id !== 'number') || typeof text !== 'string') continue;
    const written = String(id);
    if (!identifying(written) || !text.includes(written)) continue;
    add(index, finding(UNIT_ID_COPY, 'strong', ['device'], { of: 'structure', sibling: plan.keys.get(idIndex) ?? '' }));
    (found ??= new Set()).add(index);
  }
}

/** An identifier a copy can be told by: long enough, with a digit, no spaces, not one character over and over. */
function identifying(id: string): boolean {
  if (id.length < SHORTEST_ID) return false;
  let digit = false;
  let varied = false;
  const first = id.charCodeAt(0);
  for (let i = 0; i < id.length; i++) {
    const c = id.charCodeAt(i);
    if (c === 32 || c === 42 /* * */) return false;
    if (c >= 48 && c <= 57) digit = true;
    if (c !== first && c !== 58 /* : */ && c !== 45 /* - */) varied = true;
  }
  return digit && varied;
}
