import { BoundedMemo } from '../../memo.js';
import type { PayloadField } from '../../payload/index.js';
import { finding, type Finding } from './detector.js';
import { parentPath, prefixKey } from './field-paths.js';
import type { ShapeField } from './shape.js';
import { readKey } from './words.js';

/**
 * `planned-task`: a record of something somebody plans to do or does again and again — a to-do, a chore, a
 * reminder, a habit — says what in a text (`name`, `title`, `content`, `description`, `notes`) and when: a due time
 * (`due_date`, `DueDate`, `nextDueDate`, or a `due` record of `date`, `datetime` and the typed `string`) or a
 * recurrence written as a word (`frequency: "daily"`, `frequencyType: "once"`, `period_type: "hourly"`). Its text, due
 * times and recurrence are behaviour: what the household means to do and when (docs/CORPUS.md: schedules the user
 * set). The shape decides, not the vendor's word for a task, so to-do apps, chore trackers, habit trackers and a
 * CRM's reminders read alike. A recurrence must be a word: a number under `frequency` is a radio's or a sampling rate
 * (`frequency: "94.7"`), and a record with a name and a rate is a station or a sensor. A recurrence under negative
 * vocabulary (`frequency`, `frequencyType`) still makes the record a task, though that key's veto keeps its own
 * value unflagged. Reads values (the recurrence's word, the due time's digits): the plan names the fields of records
 * whose keys could make a task.
 */
export const PLANNED_TASK = 'planned-task';

export const plannedTaskExplanations: Readonly<Record<string, (f: Finding) => string>> = {
  [PLANNED_TASK]: (f) =>
    `${f.facts.part} of a task somebody planned (its record has ${f.facts.evidence}) → behaviour`,
};

type Role = 'due' | 'due part' | 'recurrence' | 'text';
const TIME_HEADS = new Set(['date', 'time', 'at', 'datetime', 'timestamp', 'on']);
/** The parts of a `due` record: its date, its time and the words somebody typed for it ("tomorrow at 12"). */
const DUE_PARTS = new Set(['date', 'datetime', 'time', 'string', 'timestamp']);
const RECURRENCE_KEYS = new Set(['frequency', 'frequency type', 'period type', 'recurrence', 'repeat', 'repeat type']);
const TEXT_KEYS = new Set(['name', 'title', 'content', 'text', 'summary', 'description', 'notes', 'note']);

const roles = new BoundedMemo<Role | null>(5_000, 256);
function roleOf(raw: string): Role | undefined {
  return roles.get(raw, () => {
    const words = readKey(raw).words;
    const joined = words.join(' ');
    if (words.includes('due') && (words.length === 1 || TIME_HEADS.has(words[words.length - 1] ?? ''))) return 'due';
    if (DUE_PARTS.has(joined)) return 'due part';
    if (RECURRENCE_KEYS.has(joined)) return 'recurrence';
    if (TEXT_KEYS.has(joined)) return 'text';
    return null;
  }) ?? undefined;
}

/** The task record a field belongs to and what it is there; a `due` record's parts belong to the record holding it. */
function placeOf(field: ShapeField | PayloadField): { record: string; role: Role } | undefined {
  const segments = field.segments;
  const key = segments[segments.length - 1];
  if (typeof key !== 'string') return undefined;
  const role = roleOf(key);
  if (role === undefined) return undefined;
  if (role !== 'due part') return { record: parentPath(field), role };
  const holder = segments[segments.length - 2];
  if (typeof holder !== 'string' || roleOf(holder) !== 'due') return undefined;
  return { record: prefixKey(field, -2), role: 'due' };
}

/** Plan: the fields of records with a text and a due time or a recurrence by their keys. */
export function plannedTaskFields(fields: readonly ShapeField[]): number[] | undefined {
  const records = new Map<string, { when: boolean; text: boolean; indices: number[] }>();
  fields.forEach((field, index) => {
    if (field.kind === 'null' || field.kind === 'empty') return;
    const place = placeOf(field);
    if (place === undefined) return;
    let record = records.get(place.record);
    if (record === undefined) records.set(place.record, (record = { when: false, text: false, indices: [] }));
    if (place.role === 'text') record.text = true;
    else record.when = true;
    record.indices.push(index);
  });
  const named: number[] = [];
  for (const record of records.values()) if (record.when && record.text) named.push(...record.indices);
  return named.length === 0 ? undefined : named.sort((a, b) => a - b);
}

export function plannedTasks(fields: readonly PayloadField[], add: (index: number, f: Finding) => void): void {
  const records = new Map<string, { due: boolean; recurrence: boolean; members: { index: number; role: Role }[] }>();
  fields.forEach((field, index) => {
    const place = placeOf(field);
    if (place === undefined) return;
    if (!fits(place.role, field.value)) return;
    let record = records.get(place.record);
    if (record === undefined) records.set(place.record, (record = { due: false, recurrence: false, members: [] }));
    if (place.role === 'due') record.due = true;
    if (place.role === 'recurrence') record.recurrence = true;
    record.members.push({ index, role: place.role });
  });
  for (const record of records.values()) {
    if ((!record.due && !record.recurrence) || !record.members.some((m) => m.role === 'text')) continue;
    const evidence = record.due ? 'a due time' : 'a recurrence';
    for (const m of record.members) add(m.index, taskFinding(PARTS[m.role], evidence));
  }
}

/** How a member of a task record is named in explanations. */
const PARTS: Readonly<Record<Role, string>> = {
  text: 'what', due: 'when', 'due part': 'when', recurrence: 'how often',
};

/** Whether a member's value is what its key says: a text, a recurrence word, a due time. */
function fits(role: Role, value: PayloadField['value']): boolean {
  return role === 'text' ? writtenText(value) : role === 'recurrence' ? recurrenceWord(value) : dueTime(value);
}

function writtenText(value: PayloadField['value']): boolean {
  return typeof value === 'string' && value.trim().length > 0;
}

/** A word of recurrence (`daily`, `once`, `year`, `weekly`): letters only, short. */
function recurrenceWord(value: PayloadField['value']): boolean {
  if (typeof value !== 'string' || value.length === 0 || value.length > 24) return false;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i) | 0x20;
    if ((c < 97 || c > 122) && value.charCodeAt(i) !== 95) return false;
  }
  return true;
}

/** A due time: a date or time written with digits, or an epoch; the typed words of a `due` record (`string`) too. */
function dueTime(value: PayloadField['value']): boolean {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 1e9;
  return typeof value === 'string' && value.length <= 40 && /\d/.test(value);
}

const findings = new BoundedMemo<Finding>(64, 64);
function taskFinding(part: string, evidence: string): Finding {
  const facts = { of: 'structure', part, evidence };
  return findings.get(`${part}\u0000${evidence}`, () => finding(PLANNED_TASK, 'strong', ['behaviour'], facts));
}
