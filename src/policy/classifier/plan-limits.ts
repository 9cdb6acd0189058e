import { BoundedMemo } from '../../memo.js';
import type { KeyWords } from './words.js';

/**
 * What a habit's container says about itself rather than about anybody's doing: whether a value may be
 * written, its bounds and step, the choices it offers, and a block of such limits (`meta`). A schedule the
 * user set is behaviour for when it runs (plan-settings.ts), but a cloud that describes every attribute as
 * `{value, settable, minValue, maxValue, stepValue, values: [...]}` sends its schedule's limits in the same
 * shape: the vendor's limits are the device's, like `capabilities` (docs/CORPUS.md).
 * The words are those of public attribute models, in our own arrangement: HomeKit Accessory Protocol
 * characteristic properties (`perms`, `minValue`, `maxValue`, `minStep`, `maxLen`, `validValues`,
 * `validValuesRange`), JSON Schema's validation keywords (`minimum`, `maximum`, `multipleOf`, `enum`,
 * `readOnly`, `writeOnly`) and Matter's attribute qualities (writable, read-only).
 */

/** Words that say whether a value may be read or written: anywhere in a key (`isReadOnly`, `settable`). */
const ACCESS_WORDS = new Set(['settable', 'writable', 'writeable', 'readable', 'editable', 'modifiable', 'perms', 'permissions', 'readonly', 'writeonly']);
const ACCESS_PAIRS = new Set(['read only', 'write only']);
/** Blocks of limits: every key below one describes the container (`schedule.meta.maxSchedules`). */
const LIMIT_BLOCKS = new Set(['meta', 'metadata', 'limits', 'constraints', 'validation', 'bounds']);
/**
 * First words of a bound or step (`minValue`, `maxSchedules`, `stepValue`) and keys of an enumeration
 * (`values`, `validValues`, `enum`). Only inside a plan: a trip's or a workout's `maxSpeed` is what somebody did.
 */
const BOUND_WORDS = new Set(['min', 'max', 'minimum', 'maximum', 'step', 'multiple']);
const CHOICE_KEYS = new Set(['values', 'enum', 'valid values', 'valid values range', 'choices', 'options']);
const PLAN_CONTAINERS = new Set(['schedule', 'schedules', 'clean schedule', 'timers', 'alarms', 'routines', 'slots']);

const accessMemo = new BoundedMemo<boolean>(5_000, 256);

function saysAccess(key: KeyWords): boolean {
  return accessMemo.get(key.raw, () => {
    const words = key.words;
    if (words.some((w) => ACCESS_WORDS.has(w))) return true;
    for (let i = 0; i + 1 < words.length; i++) if (ACCESS_PAIRS.has(`${words[i] ?? ''} ${words[i + 1] ?? ''}`)) return true;
    return false;
  });
}

/**
 * A plan named for who sets it when that is the energy supplier, not the household: a utility's tariff or
 * time-of-use schedule (`utilitySchedule`, `tariffSchedule`, `touPeriods`) is the price list the device
 * follows (OpenADR and IEEE 2030.5 carry it as the supplier's price or tariff profile).
 */
const SUPPLIER_WORDS = new Set(['utility', 'tariff', 'tariffs', 'tou', 'pricing', 'price', 'prices', 'rate', 'rates']);

/**
 * Whether a key inside a behaviour container (`container`, its text; `named`, the container's own key)
 * describes the container's limits or the container is the supplier's plan.
 * `below`: the keys between the container and the field's own key, outermost first.
 */
export function limitOfHabit(container: string, key: KeyWords | undefined, below: readonly KeyWords[], named?: KeyWords): boolean {
  if (key === undefined) return false;
  if (named !== undefined && PLAN_CONTAINERS.has(container) && named.words.some((w) => SUPPLIER_WORDS.has(w))) return true;
  if (saysAccess(key)) return true;
  if (below.some((record) => record.words.length === 1 && LIMIT_BLOCKS.has(record.words[0] ?? ''))) return true;
  if (!PLAN_CONTAINERS.has(container)) return false;
  const words = key.words;
  if (words.length >= 2 && BOUND_WORDS.has(words[0] ?? '')) return true;
  return CHOICE_KEYS.has(words.join(' '));
}
