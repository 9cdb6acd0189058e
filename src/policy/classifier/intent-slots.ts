import { finding, type Finding } from './detector.js';
import type { Add, ShapeField } from './shape.js';

/**
 * `intent-slot`: the slots of a recognised intent hold the words the person said for each of the intent's
 * parameters (docs/CORPUS.md: recognised speech and intents' raw text are media). A `slots` object beside
 * an `intent` (Picovoice Rhino's inference `{intent, slots: {beverage: "espresso"}}`) or inside one (the
 * Alexa Skills Kit's `request.intent.slots.{Name}.value`) maps each slot's name to a value: the slot's
 * string, or its `value` member. Slot names, ids, entity types and resolutions are not what was said.
 * Reads keys only (a shape detector, memoised per payload shape).
 */
export const INTENT_SLOT = 'intent-slot';

export const intentSlotExplanations: Readonly<Record<string, (f: Finding) => string>> = {
  [INTENT_SLOT]: () => 'the value of a slot of a recognised intent (words the person said) → media',
};

const SLOT = finding(INTENT_SLOT, 'strong', ['media'], { of: 'structure' });

const isKey = (segment: unknown, word: string): boolean => typeof segment === 'string' && segment.toLowerCase() === word;

export function intentSlots(fields: readonly ShapeField[], add: Add): void {
  // Records holding an intent: their path without the `intent` key (`$` for `$.intent`).
  let intents: Set<string> | undefined;
  for (const field of fields) {
    const segments = field.segments;
    for (let i = 0; i < segments.length; i++) if (isKey(segments[i], 'intent')) (intents ??= new Set()).add(segments.slice(0, i).join('\u0000'));
  }
  if (intents === undefined) return;
  const withIntent = intents;
  fields.forEach((field, index) => {
    if (field.kind !== 'string') return;
    const segments = field.segments;
    const n = segments.length;
    // `slots.{name}` (Rhino) or `slots.{name}.value` (Alexa).
    const at = isKey(segments[n - 2], 'slots') ? n - 2 : isKey(segments[n - 3], 'slots') && isKey(segments[n - 1], 'value') ? n - 3 : -1;
    if (at < 0 || typeof segments[at + 1] !== 'string') return;
    const beside = withIntent.has(segments.slice(0, at).join('\u0000'));
    const inside = at > 0 && isKey(segments[at - 1], 'intent');
    if (beside || inside) add(index, SLOT);
  });
}
