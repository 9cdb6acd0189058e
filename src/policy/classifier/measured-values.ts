import { BoundedMemo } from '../../memo.js';
import { finding, type Finding } from './detector.js';
import { parentPath } from './field-paths.js';
import { detectKeyWords } from './key-detectors.js';
import { containerOf } from './phrases.js';
import type { Add, ShapeField } from './shape.js';
import { readKey } from './words.js';

/**
 * Two readings of a record that keep a body measurement's meaning on the measurement itself:
 * - `property-bookkeeping`: an IoT cloud property (Ayla's `{name, value, direction, scope, retention_days,
 *   ack_status, …}`, a therapy profile's `{time, value, timeAsSeconds}`) sits under a key that names what
 *   it measures (`HEART_RATE`, `carbratio`). The measurement is the record's `value` (and its statistics);
 *   the other leaves describe how the property is stored, sent and acknowledged. A container named for a
 *   body measurement colours them health only because the value is; the veto keeps it on the value. A
 *   leaf whose own key names a body measurement keeps its reading.
 * - `picture-size`: a `height` beside a `width` in the same record is a size of a picture, a screen or a
 *   box (HTML/CSS, EXIF, every image API), not a person's height: a body record has no width; and a
 *   `weight` beside a `priority` is a share of load (DNS SRV records, RFC 2782; a router's gateway groups
 *   and load balancers), not a person's weight.
 * Read only keys: memoised per payload shape.
 */
export const PROPERTY_BOOKKEEPING = 'property-bookkeeping';
export const PICTURE_SIZE = 'picture-size';
/** The structure detector's name (shape.ts): both readings come from one pass over the keys. */
export const MEASURED_VALUE = 'measured-value';

export const measuredValueExplanations: Readonly<Record<string, (f: Finding) => string>> = {
  [PROPERTY_BOOKKEEPING]: (f) => `inside "${f.facts.container}", the measurement is its "value": this field describes how the record is kept (not health)`,
  [PICTURE_SIZE]: (f) =>
    f.facts.share === undefined
      ? 'a height beside a width: the size of a picture or a box, not of a body (not health)'
      : 'a weight beside a priority: a share of load (RFC 2782), not a body\'s weight (not health)',
};

/** The measurement itself and its statistics (`value`, `min`, `max`, `avg`): they keep the container's reading. */
const MEASURE_WORDS = new Set(['value', 'values', 'val', 'v', 'reading', 'readings', 'amount', 'quantity', 'qty', 'data', 'result',
  'min', 'max', 'minimum', 'maximum', 'avg', 'average', 'mean', 'median', 'low', 'high', 'lowest', 'highest', 'last',
  'latest', 'current', 'sum', 'total', 'count', 'samples', 'series', 'points', 'score']);

/**
 * Words of a number in a record of body measurements that still measure something else: the way (a
 * distance in its unit, `km`, `meters`; where, `place_acc`), the sky (`sunrise`, `sunset`), a bare goal
 * (a goal of a body measurement, `sleep_goal`, stays the measurement's), and the device's nudges (`inactivity_alerts`). Open mHealth's physical-activity schema keeps
 * distance apart from the body's energy and heart rate; a sunrise beside a night's sleep is the day's.
 */
const NOT_BODY_WORDS = new Set(['km', 'kilometers', 'kilometres', 'meters', 'metres', 'meter', 'metre', 'mi', 'miles', 'mile', 'ft',
  'feet', 'yards', 'yd', 'place', 'acc', 'accuracy', 'sunrise', 'sunset', 'dawn', 'dusk', 'daylight',
  'alert', 'alerts', 'alarm', 'alarms', 'notification', 'notifications', 'reminder', 'reminders', 'nudge', 'nudges']);

const GOAL_WORDS = new Set(['goal', 'goals', 'target']);

/** A number whose key names something other than the body, though it sits among body measurements. */
export function measuresNoBody(words: readonly string[]): boolean {
  return words.some((w) => NOT_BODY_WORDS.has(w)) || (words.length === 1 && GOAL_WORDS.has(words[0] ?? ''));
}

type Role = 'value' | 'measure' | 'height' | 'width' | 'weight' | 'priority' | 'body' | 'other';
const roles = new BoundedMemo<Role>(5_000, 256);
function roleOf(raw: string): Role {
  return roles.get(raw, () => {
    const key = readKey(raw);
    const joined = key.words.join(' ');
    if (joined === 'value' || joined === 'val') return 'value';
    if (joined === 'height' || joined === 'h') return 'height';
    if (joined === 'width' || joined === 'w') return 'width';
    if (joined === 'weight') return 'weight';
    if (joined === 'priority' || joined === 'prio') return 'priority';
    if (key.words.some((w) => MEASURE_WORDS.has(w))) return 'measure';
    return detectKeyWords(key).some((f) => f.signal !== 'veto' && f.signal !== 'weak' && f.categories.includes('health')) ? 'body' : 'other';
  });
}

const containers = new BoundedMemo<string | null>(5_000, 256);
/** The key that names a record (the last key of its path), when it names a body measurement's container. */
function healthContainer(field: ShapeField): string | undefined {
  for (let at = field.segments.length - 2; at >= 0; at--) {
    const segment = field.segments[at];
    if (typeof segment !== 'string') continue;
    const named = containers.get(segment, () => {
      const container = containerOf(readKey(segment));
      return container !== undefined && container !== 'neutral' && container !== 'geometry' && container.categories.includes('health') ? segment : null;
    });
    return named ?? undefined;
  }
  return undefined;
}

const SIZE_VETO = finding(PICTURE_SIZE, 'veto', ['health'], { of: 'structure' });
const SHARE_VETO = finding(PICTURE_SIZE, 'veto', ['health'], { of: 'structure', share: 'load' });

export function measuredValues(fields: readonly ShapeField[], add: Add): void {
  let values: Set<string> | undefined;
  let widths: Set<string> | undefined;
  let priorities: Set<string> | undefined;
  let candidates: number[] | undefined;
  fields.forEach((field, index) => {
    const key = field.segments[field.segments.length - 1];
    if (typeof key !== 'string') return;
    const role = roleOf(key);
    if (role === 'value') (values ??= new Set()).add(parentPath(field));
    else if (role === 'width') (widths ??= new Set()).add(parentPath(field));
    else if (role === 'priority') (priorities ??= new Set()).add(parentPath(field));
    else if (role === 'height' || role === 'weight' || role === 'other') (candidates ??= []).push(index);
  });
  if (candidates === undefined || (values === undefined && widths === undefined && priorities === undefined)) return;
  for (const index of candidates) {
    const field = fields[index];
    const key = field?.segments[field.segments.length - 1];
    if (field === undefined || typeof key !== 'string') continue;
    const record = parentPath(field);
    const role = roleOf(key);
    if (role === 'height' || role === 'weight') {
      if (role === 'height' && widths?.has(record) === true) add(index, SIZE_VETO);
      if (role === 'weight' && priorities?.has(record) === true) add(index, SHARE_VETO);
      continue;
    }
    if (values?.has(record) !== true) continue;
    const container = healthContainer(field);
    if (container !== undefined) add(index, finding(PROPERTY_BOOKKEEPING, 'veto', ['health'], { of: 'structure', container }));
  }
}
