import { BoundedMemo } from '../../memo.js';
import { finding, type Finding } from './detector.js';
import { prefixKey, within } from './field-paths.js';
import type { Add, ShapeField } from './shape.js';
import { readKey } from './words.js';

/**
 * `nlu-result`: the parse of a request by a language-understanding service — a record with the request's
 * `text` or its `intent` beside the `entities` (and `slots`) recognised in it, as Wit.ai (`_text`,
 * `entities.<name>[*].value`), Rasa NLU and Rhasspy (`intent`, `entities[*].value`, `slots`) and Snips
 * answer — holds the recognised command: each entity's resolved value and each slot's value is what the
 * person asked for (docs/CORPUS.md: user commands and intents are behaviour). The entity's name, its offsets
 * and its confidence stay their own keys'. written-messages.ts leaves such a record's text to the speech
 * reading (`NLU_KEYS`): it is a request to an assistant, not a message between people.
 * Reads only keys and value kinds: memoised per payload shape.
 */
export const NLU_RESULT = 'nlu-result';

export const nluResultExplanations: Readonly<Record<string, (f: Finding) => string>> = {
  [NLU_RESULT]: (f) => `a value recognised in a request to an assistant (its record has "${f.facts.sign}" beside "${f.facts.part}") → behaviour`,
};

/** The keys of a parse's recognised parts. */
const PART_KEYS = new Set(['entities', 'slots']);
/** The keys that make a record with entities a parse of a request: its text or its intent. */
export const NLU_KEYS = new Set(['text', 'intent', 'intents', 'utterance']);
const VALUE_KEYS = new Set(['value', 'resolved value', 'normalized value', 'normalised value']);

const keyWords = new BoundedMemo<string>(5_000, 256);
const wordsOf = (raw: string) => keyWords.get(raw, () => readKey(raw).words.join(' '));

interface Part {
  readonly record: string;
  readonly depth: number;
  readonly part: string;
  readonly path: string;
}

export function nluResults(fields: readonly ShapeField[], add: Add): void {
  let parts: Map<string, Part> | undefined;
  for (const field of fields) {
    const segments = field.segments;
    for (let i = 0; i < segments.length - 1; i++) {
      const segment = segments[i];
      if (typeof segment !== 'string' || !PART_KEYS.has(wordsOf(segment))) continue;
      const path = prefixKey(field, i + 1);
      if (!parts?.has(path)) (parts ??= new Map()).set(path, { record: prefixKey(field, i), depth: i, part: segment, path });
    }
  }
  if (parts === undefined) return;
  // The sign of each record holding a part: a sibling naming the request's text or intent.
  const signs = new Map<string, string>();
  for (const field of fields) {
    for (const part of parts.values()) {
      const sibling = field.segments[part.depth];
      if (signs.has(part.record) || typeof sibling !== 'string' || !NLU_KEYS.has(wordsOf(sibling))) continue;
      if (part.record === '$' || within(field.path, part.record)) signs.set(part.record, sibling);
    }
  }
  if (signs.size === 0) return;
  for (let index = 0; index < fields.length; index++) {
    const field = fields[index];
    if (field === undefined || (field.kind !== 'string' && field.kind !== 'number') || field.key === undefined) continue;
    for (const part of parts.values()) {
      const sign = signs.get(part.record);
      if (sign === undefined || !within(field.path, part.path)) continue;
      // An entity's value is its resolved value; a slot's leaf is the value itself (`slots.room: "kitchen"`),
      // or, where slots are records, every part but its bookkeeping.
      const slot = wordsOf(part.part) === 'slots';
      const direct = field.segments.length === part.depth + 2;
      if (slot ? direct || !VALUE_NOT.has(wordsOf(field.key)) : VALUE_KEYS.has(wordsOf(field.key))) {
        add(index, partFinding(sign, part.part));
        break;
      }
    }
  }
}

/** A slot's own bookkeeping when slots are records (`slots[*].confidence`, `.start`): not what was asked. */
const VALUE_NOT = new Set(['confidence', 'start', 'end', 'raw start', 'raw end', 'entity', 'slot name', 'name', 'range start', 'range end', 'kind', 'type']);

const findings = new BoundedMemo<Finding>(256, 256);
function partFinding(sign: string, part: string): Finding {
  return findings.get(`${sign}\u0001${part}`, () => finding(NLU_RESULT, 'strong', ['behaviour'], { of: 'structure', sign, part }));
}
