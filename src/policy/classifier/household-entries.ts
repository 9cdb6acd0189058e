import { BoundedMemo } from '../../memo.js';
import { finding, type Finding } from './detector.js';
import { parentPath, prefixKey } from './field-paths.js';
import type { Add, ShapeField } from './shape.js';
import { readKey } from './words.js';

/**
 * `household-entry`: an entry of a household's shopping list or of its meals is what the household buys or eats
 * (docs/CORPUS.md: usage histories and schedules the user set are behaviour), whatever the app calls it:
 * - a shopping entry is a record that names its shopping list (`shopping_list_id`, `shoppingListId`) or sits in
 *   a list named for purchases (`purchase[*]`): the thing to buy, how much, the note and whether it is done;
 * - a meal entry is a record with a day or a time and a recipe, ingredient, food or meal it points at (a meal
 *   plan's day and recipe, a food diary's time and ingredient): that day or time, the meal, the recipe or food
 *   and its name, the servings or amount, the note or title and whether it is done.
 * Not the entry's own id, when its record was made, the list's id (its owner's, read elsewhere) or units.
 * The parts are those of public recipe and shopping schemas, in our own arrangement: schema.org Recipe
 * (`recipeYield`, `recipeIngredient`), MealPlan-style entries (`date`, `entryType`: breakfast, lunch, dinner),
 * schema.org Order/OrderItem (`orderedItem`, `orderQuantity`) and Open Food Facts products.
 * Reads only keys and value kinds: memoised per payload shape.
 */
export const HOUSEHOLD_ENTRY = 'household-entry';

export const householdEntryExplanations: Readonly<Record<string, (f: Finding) => string>> = {
  [HOUSEHOLD_ENTRY]: (f) => `${f.facts.role} of an entry of the household's ${f.facts.kind} (what it buys or eats) → behaviour`,
};

/** What an entry points at, by the words of its key (`recipe_id`, `foodId`, a `food` record's name); dishes make a meal. */
const DISH_WORDS = new Set(['recipe', 'ingredient', 'food', 'meal', 'dish']);
const THING_WORDS = new Set([...DISH_WORDS, 'product', 'item']);
const ID_HEADS = new Set(['id', 'ids', 'uuid']);
const AMOUNT_HEADS = new Set(['amount', 'quantity', 'servings', 'portions', 'qty']);
const DAY_KEYS = new Set(['day', 'date', 'datetime', 'date time', 'time', 'eaten at', 'planned for']);
const MEAL_KEYS = new Set(['entry type', 'meal', 'meal type', 'section id', 'course']);
const TEXT_KEYS = new Set(['note', 'notes', 'title', 'display', 'comment', 'name']);
const DONE_KEYS = new Set(['done', 'is done', 'completed', 'bought', 'purchased']);
/** First words of a setting of the entry, not a part of it (`disableAmount`). */
const SETTINGS = new Set(['disable', 'enable', 'hide', 'show', 'default', 'allow']);
/** Lists whose entries are things to buy. */
const PURCHASE_LISTS = new Set(['purchase', 'purchases', 'shopping', 'shopping list', 'to buy']);

type Role = 'dish' | 'thing' | 'amount' | 'day' | 'meal' | 'text' | 'done' | 'list';

const roles = new BoundedMemo<Role | null>(5_000, 256);
function roleOf(raw: string): Role | undefined {
  return roles.get(raw, () => {
    const words = readKey(raw).words;
    const joined = words.join(' ');
    const head = words[words.length - 1] ?? '';
    if (SETTINGS.has(words[0] ?? '')) return null;
    if (words.includes('shopping') && words.includes('list')) return 'list';
    const thing = THING_WORDS.has(joined) ? joined : ID_HEADS.has(head) ? words.slice(0, -1).find((w) => THING_WORDS.has(w)) : undefined;
    if (thing !== undefined) return DISH_WORDS.has(thing) ? 'dish' : 'thing';
    if (AMOUNT_HEADS.has(head)) return 'amount';
    if (DAY_KEYS.has(joined)) return 'day';
    if (MEAL_KEYS.has(joined)) return 'meal';
    if (TEXT_KEYS.has(joined)) return 'text';
    if (DONE_KEYS.has(joined)) return 'done';
    return null;
  }) ?? undefined;
}

/** A thing's own record (`recipe: {name}`, `food: {name}`): its name is the entry's. */
const thingRecords = new BoundedMemo<boolean>(5_000, 256);
const namesThing = (raw: string): boolean => thingRecords.get(raw, () => THING_WORDS.has(readKey(raw).words.join(' ')));
const namesDish = (raw: string): boolean => DISH_WORDS.has(readKey(raw).words.join(' '));

const purchaseLists = new BoundedMemo<boolean>(5_000, 256);
const isPurchaseList = (raw: string): boolean => purchaseLists.get(raw, () => PURCHASE_LISTS.has(readKey(raw).words.join(' ')));

interface Entry {
  readonly members: { index: number; role: Role }[];
  readonly roles: Set<Role>;
  inPurchaseList: boolean;
}

/** The entry a field belongs to, and its role there; undefined when its key says nothing of one. */
function placeOf(field: ShapeField): { record: string; role: Role } | undefined {
  const segments = field.segments;
  const key = segments[segments.length - 1];
  const parent = segments[segments.length - 2];
  if (typeof key !== 'string') return undefined;
  if (typeof parent === 'string' && namesThing(parent) && roleOf(key) === 'text') return { record: prefixKey(field, -2), role: namesDish(parent) ? 'dish' : 'thing' };
  const role = roleOf(key);
  return role === undefined ? undefined : { record: parentPath(field), role };
}

export function householdEntries(fields: readonly ShapeField[], add: Add): void {
  let entries: Map<string, Entry> | undefined;
  fields.forEach((field, index) => {
    const place = placeOf(field);
    if (place === undefined) return;
    entries ??= new Map();
    let entry = entries.get(place.record);
    if (entry === undefined) {
      const list = field.segments[field.segments.length - (place.record === parentPath(field) ? 3 : 4)];
      entry = { members: [], roles: new Set(), inPurchaseList: typeof list === 'string' && isPurchaseList(list) };
      entries.set(place.record, entry);
    }
    entry.roles.add(place.role);
    // A null names the part (`recipeId: null` still says the entry is a meal's) but holds nothing to mark.
    if (field.kind !== 'null' && field.kind !== 'empty') entry.members.push({ index, role: place.role });
  });
  for (const entry of entries?.values() ?? []) {
    const kind = entry.roles.has('list') || (entry.inPurchaseList && (entry.roles.has('thing') || entry.roles.has('dish'))) ? 'shopping list'
      : entry.roles.has('dish') && entry.roles.has('day') ? 'meals' : undefined;
    if (kind === undefined) continue;
    for (const { index, role } of entry.members) {
      if (role === 'list' || (kind === 'shopping list' && (role === 'day' || role === 'meal'))) continue;
      add(index, entryFinding(role, kind));
    }
  }
}

const findings = new BoundedMemo<Finding>(64, 64);
function entryFinding(role: Role, kind: string): Finding {
  return findings.get(`${role}|${kind}`, () => finding(HOUSEHOLD_ENTRY, 'strong', ['behaviour'], { of: 'structure', role, kind }));
}
