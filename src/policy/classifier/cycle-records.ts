import { BoundedMemo } from '../../memo.js';
import { finding, type Finding } from './detector.js';
import { parentPath, prefixKey } from './field-paths.js';
import { isTimeKey } from './key-detectors.js';
import type { Add, ShapeField } from './shape.js';
import { readKey } from './words.js';

/**
 * `cycle-record`: a record of the menstrual cycle, read with the words the health standards give its parts:
 * HealthKit's reproductive-health types (menstrual flow, intermenstrual bleeding, ovulation test result,
 * cervical mucus quality, sexual activity, contraceptive, pregnancy test result), Health Connect's
 * (MenstruationFlowRecord, MenstruationPeriodRecord, OvulationTestRecord, CervicalMucusRecord,
 * SexualActivityRecord) and LOINC's (last menstrual period start date, menstrual cycle length).
 * A payload is one when a key names the cycle unmistakably (menstruation, ovulation, the fertile window, the
 * luteal or follicular phase, cervical mucus, a pregnancy test, contraception, the pill-free days). Then:
 * - a field whose key, or one of the two records above it, names a part of the cycle (`periodRanges[*].start`,
 *   `nextPeriodDate`, `cycleLengthDays`, `flowIntensity`, `discharge.color`, `pillsTakenDates[*]`) is health,
 *   its dates included: the day a period starts or ovulation falls is a fact of the body, not a record time;
 * - a record holding two or more such parts is a day's log of the body: its other answers (`painLevel`,
 *   `energyPattern`, `cravings[*]`, `medicationTaken`, `delayDays`) are health too.
 * The fertile window, ovulation and the cycle's phases are what the body does, not a person's act: not behaviour.
 * Reminders, time zones, clock times the user set (`nextPillTime`, a schedule), ids and record times are not.
 * Reads only keys and value kinds: memoised per payload shape.
 */
export const CYCLE_RECORD = 'cycle-record';

export const cycleRecordExplanations: Readonly<Record<string, (f: Finding) => string>> = {
  [CYCLE_RECORD]: (f) =>
    f.signal === 'veto'
      ? 'a phase of the cycle is what the body does, not something somebody did'
      : f.facts.where === 'log'
      ? `an answer in a day's log of the menstrual cycle (it holds "${f.facts.term}") → health`
      : `a part of the menstrual cycle ("${f.facts.term}") in a cycle tracker's record → health`,
};

/** Words only a record of the cycle uses. */
const CYCLE_WORDS = new Set(['menstrual', 'menstruation', 'menses', 'ovulation', 'ovulate', 'fertile', 'fertility', 'luteal',
  'follicular', 'intermenstrual', 'contraceptive', 'contraception']);
const CYCLE_PHRASES = new Set(['cervical mucus', 'pregnancy test', 'birth control', 'pill free']);
/** Parts of the cycle, read once a payload is known to be a cycle record (`flow`, `phase` and `pill` say little on their own). */
const PART_WORDS = new Set([...CYCLE_WORDS, 'period', 'periods', 'cycle', 'cycles', 'phase', 'flow', 'cramp', 'cramps', 'cramping',
  'discharge', 'mucus', 'bleeding', 'spotting', 'pregnancy', 'pregnant', 'pill', 'pills', 'symptom', 'symptoms', 'sexual', 'sex']);
/** What the body does, never somebody: the dates of a fertile window or an ovulation are no event of a person's. */
const BODY_ONLY = new Set(['ovulation', 'ovulate', 'fertile', 'fertility', 'luteal', 'follicular', 'phase']);
/** A calendar unit on its own (`year`, `month`): which page of a calendar was asked for, not an answer. */
const CALENDAR_UNITS = new Set(['year', 'month', 'week', 'day', 'date']);
/** Not the body: how the tracker reminds, where its clock is, which record it is. */
const NOT_BODY = new Set(['reminder', 'reminders', 'enabled', 'notification', 'notifications', 'notify', 'timezone', 'zone',
  'id', 'ids', 'uuid', 'created', 'updated', 'modified']);

const cycleTerms = new BoundedMemo<string | null>(5_000, 256);
/** The cycle word or phrase a key holds, if any. */
function cycleTerm(raw: string): string | undefined {
  return cycleTerms.get(raw, () => termIn(readKey(raw).words, true)) ?? undefined;
}
const partTerms = new BoundedMemo<string | null>(5_000, 256);
function partTerm(raw: string): string | undefined {
  return partTerms.get(raw, () => termIn(readKey(raw).words, false)) ?? undefined;
}
function termIn(words: readonly string[], strict: boolean): string | null {
  for (let i = 0; i < words.length; i++) {
    const word = words[i] ?? '';
    const phrase = `${word} ${words[i + 1] ?? ''}`;
    if (CYCLE_PHRASES.has(phrase)) return phrase;
    if (strict ? CYCLE_WORDS.has(word) : PART_WORDS.has(word)) return word;
  }
  return null;
}

const notBody = new BoundedMemo<boolean>(5_000, 256);
/** A key that is no answer about the body: a reminder, a time zone, an id, a clock time somebody set. */
function isNotBody(raw: string): boolean {
  return notBody.get(raw, () => {
    const words = readKey(raw).words;
    const head = words[words.length - 1] ?? '';
    return words.some((w) => NOT_BODY.has(w)) || head === 'time' || (words.length === 1 && CALENDAR_UNITS.has(head));
  });
}

/** The keys of a field, nearest first, array indices skipped. */
function keysOf(field: ShapeField): string[] {
  const keys: string[] = [];
  for (let at = field.segments.length - 1; at >= 0; at--) {
    const segment = field.segments[at];
    if (typeof segment === 'string') keys.push(segment);
  }
  return keys;
}

/** The key a field answers under: its own, or the list's for an entry (`cravings[0]`); undefined when deeper. */
function answerKey(field: ShapeField): string | undefined {
  const n = field.segments.length;
  const last = field.segments[n - 1];
  if (typeof last === 'string') return last;
  const list = field.segments[n - 2];
  return typeof list === 'string' ? list : undefined;
}

/** The record a field answers in: its parent, or for a list's entry the list's parent. */
function answerRecord(field: ShapeField): string {
  return typeof field.segments[field.segments.length - 1] === 'string' ? parentPath(field) : prefixKey(field, -2);
}

export function cycleRecords(fields: readonly ShapeField[], add: Add): void {
  if (!fields.some((f) => f.segments.some((s) => typeof s === 'string' && cycleTerm(s) !== undefined))) return;
  const parts = new Map<number, string>();
  const partsPerRecord = new Map<string, string>();
  const counts = new Map<string, number>();
  fields.forEach((field, index) => {
    if (field.kind === 'null' || field.kind === 'empty') return;
    const keys = keysOf(field);
    const own = keys[0];
    if (own === undefined || isNotBody(own)) return;
    const term = keys.slice(0, 3).map(partTerm).find((t) => t !== undefined);
    if (term === undefined) return;
    parts.set(index, term);
    const record = answerRecord(field);
    counts.set(record, (counts.get(record) ?? 0) + 1);
    if (!partsPerRecord.has(record)) partsPerRecord.set(record, term);
  });
  fields.forEach((field, index) => {
    const part = parts.get(index);
    if (part !== undefined) {
      add(index, partFinding(part));
      if (BODY_ONLY.has(part)) add(index, NOT_AN_ACT);
      return;
    }
    if (field.kind === 'null' || field.kind === 'empty') return;
    const key = answerKey(field);
    const record = answerRecord(field);
    const held = partsPerRecord.get(record);
    if (key === undefined || held === undefined || (counts.get(record) ?? 0) < 2 || isNotBody(key) || isTimeKey(key)) return;
    add(index, logFinding(held));
  });
}

const findings = new BoundedMemo<Finding>(1_000, 256);
// Certain: vendors' generic words (`level`, `type`, `length`, `period`) veto a reading elsewhere, not in a cycle record.
const partFinding = (term: string) => findings.get(`part\u0000${term}`, () => finding(CYCLE_RECORD, 'certain', ['health'], { of: 'structure', where: 'part', term }));
const NOT_AN_ACT = finding(CYCLE_RECORD, 'veto', ['behaviour'], { of: 'structure', where: 'body' }, 'all');
const logFinding = (term: string) => findings.get(`log\u0000${term}`, () => finding(CYCLE_RECORD, 'certain', ['health'], { of: 'structure', where: 'log', term }));
