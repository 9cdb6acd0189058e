import { BoundedMemo } from '../../memo.js';
import { finding, type Finding } from './detector.js';
import { parentPath } from './field-paths.js';
import type { Add, ShapeField } from './shape.js';
import { readKey, singular, splitWords } from './words.js';

/**
 * `money-act`: what somebody paid, spent or owes (docs/CORPUS.md: what a person does and when). Banks,
 * budgeting and bill-splitting apps send a record per act under a key that names it (`transaction`,
 * `transactions[*]`, `expense`, `debts[*]`, `repayments[*]`): the sums in the act's own record (`amount`,
 * `cost`, `TotalAmount`) are behaviour, and in such a record that holds a sum, what it was for (`description`,
 * `memo`, `notes`, `reason`) and when it was done (`created`, `date`, `transacted_at`, `BookingDateTime`) are
 * behaviour too. A record under such a key that holds no sum (an API's `transaction: {id, undoable}`) is left
 * alone, and so are a record's own bookkeeping times (`created_at`, `updated_at`) and a party's share deeper
 * down (`expense.users[*].paid_share`: the records of people read those).
 * Reads only keys and value kinds: memoised per payload shape.
 */
export const MONEY_ACT = 'money-act';

export const moneyActExplanations: Readonly<Record<string, (f: Finding) => string>> = {
  [MONEY_ACT]: (f) => `${f.facts.part} of the ${f.facts.act} (what somebody paid, spent or owes) → behaviour`,
};

/** Words of a key naming an act of paying, one record per act (singular; lists are read singular). */
const MONEY_ACT_WORDS = new Set([
  'transaction', 'expense', 'payment', 'debt', 'repayment', 'transfer', 'invoice', 'bill',
]);
/** Words of a key that make its value a sum of money (`amount`, `cost`, `paid_share`, `net_balance`). */
const SUM_WORDS = new Set(['amount', 'cost', 'price', 'total', 'paid', 'owed', 'share', 'balance', 'fee']);
/** Words of a key that say what the act was for. */
const PURPOSE_WORDS = new Set(['description', 'memo', 'reason', 'note', 'notes', 'information']);
/** Keys of the time an act was done, as words: the record's own bookkeeping (`created at`) is not. */
const ACT_TIMES = new Set(['created', 'date', 'transacted at', 'booking date time', 'transaction date']);

type Part = 'sum' | 'purpose' | 'time' | undefined;
const parts = new BoundedMemo<Part | null>(5_000, 256);
function partOf(raw: string): Part {
  const found = parts.get(raw, () => {
    const words = splitWords(raw);
    if (ACT_TIMES.has(words.join(' '))) return 'time';
    const head = readKey(raw).words.at(-1);
    if (head === undefined) return null;
    if (SUM_WORDS.has(head) || words.some((w) => w === 'amount' || w === 'cost')) return 'sum';
    // Only the bare word: a qualified one (`PeriodDescription`) describes something else than the act.
    return words.length === 1 && PURPOSE_WORDS.has(head) ? 'purpose' : null;
  });
  return found ?? undefined;
}

/** The act word of a key (`expense` in `expenses`, `transaction` in `Transaction`), or ''. */
const acts = new BoundedMemo<string>(5_000, 256);
function actOf(raw: string): string {
  return acts.get(raw, () => splitWords(raw).map(singular).find((w) => MONEY_ACT_WORDS.has(w)) ?? '');
}

/**
 * The act word of the key of a field's record (`transaction.amount`) or of the list holding it
 * (`transactions[0].amount`), or undefined. Deeper fields (`expense.users[0].paid_share`) are a party's
 * part in the act, which the records of people read.
 */
function actOfRecord(field: ShapeField): string | undefined {
  const segments = field.segments;
  let i = segments.length - 2;
  if (typeof segments[i] === 'number') i--;
  const segment = segments[i];
  if (typeof segment !== 'string') return undefined;
  const act = actOf(segment);
  return act === '' ? undefined : act;
}

export function moneyActs(fields: readonly ShapeField[], add: Add): void {
  // Sums below an act, and the records holding one (a purpose or a time counts only beside a sum).
  const candidates: { index: number; act: string; part: Part }[] = [];
  const recordsWithSum = new Set<string>();
  fields.forEach((field, index) => {
    const key = field.segments[field.segments.length - 1];
    if (typeof key !== 'string' || field.kind === 'null' || field.kind === 'empty' || field.kind === 'boolean') return;
    const part = partOf(key);
    if (part === undefined) return;
    const act = actOfRecord(field);
    if (act === undefined) return;
    if (part === 'sum') {
      if (field.kind !== 'number' && field.kind !== 'string') return;
      recordsWithSum.add(parentPath(field));
      add(index, actFinding(act, 'the sum'));
    } else if (field.kind === 'string' || part === 'time') candidates.push({ index, act, part });
  });
  for (const { index, act, part } of candidates) {
    const field = fields[index];
    if (field === undefined || !recordsWithSum.has(parentPath(field))) continue;
    add(index, actFinding(act, part === 'time' ? 'the time' : 'what was paid for'));
  }
}

const findings = new BoundedMemo<Finding>(256, 256);
function actFinding(act: string, part: string): Finding {
  return findings.get(`${act}|${part}`, () =>
    finding(MONEY_ACT, 'strong', ['behaviour'], { of: 'structure', act, part }));
}
