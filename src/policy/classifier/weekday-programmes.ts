import { spanRole, type SpanRole } from './activity-records.js';
import { finding, type Finding } from './detector.js';
import { prefixKey } from './field-paths.js';
import type { Add, ShapeField } from './shape.js';
import { readKey } from './words.js';

/**
 * `weekday-programme`: a record keyed by the days of the week (`timeprogram.monday[*]`, `timeProgramHeating.tuesday[*]`,
 * `left.monday.alarm`) is a weekly programme somebody set — a heating, hot-water or ventilation timetable, a bed's
 * alarm — and the times of its slots are a schedule the user set (docs/CORPUS.md: schedules the user set are
 * behaviour). A slot with a start alone (`{startTime: 360, setpoint: 21}`: it runs until the next one) has no span
 * for `activity-span` to read; the weekday keys above it say it is a plan. Only the slot's start, end and time: its
 * set point, mode, intensity and duration are settings of the slot. At least three weekdays as keys of one record,
 * so a lone `sun` (the sun's times in a weather record) is no day of a plan.
 * Reads only keys and value kinds: memoised per payload shape.
 */
export const WEEKDAY_PROGRAMME = 'weekday-programme';
/**
 * `programme-slot`: the same plan as a list of slots under a name that says programme (`thermostat_daily_programs[*]
 * .periods[*]`, `timeProgram.slots[*]`): a slot's start and the preset or mode it switches to (`climate_preset_key:
 * "sleep"`: when the household sleeps, leaves, comes home) are behaviour; its set point is a setting.
 */
export const PROGRAMME_SLOT = 'programme-slot';

export const weekdayProgrammeExplanations: Readonly<Record<string, (f: Finding) => string>> = {
  [WEEKDAY_PROGRAMME]: (f) => `the ${f.facts.role} of a slot under "${f.facts.day}", in a programme keyed by ${f.facts.count} weekdays (a weekly plan somebody set) → behaviour`,
  [PROGRAMME_SLOT]: (f) => `the ${f.facts.role} of a slot of "${f.facts.programme}" (a programme somebody set: when it switches and to what) → behaviour`,
};

const WEEKDAYS = new Set(['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday',
  'mon', 'tue', 'tues', 'wed', 'thu', 'thur', 'thurs', 'fri', 'sat', 'sun']);
const SLOT_ROLES: ReadonlySet<SpanRole> = new Set<SpanRole>(['start', 'end', 'time']);
const MIN_WEEKDAYS = 3;
/** How far below its weekday a slot's time may sit: `monday[*].startTime`, `monday.alarm.time`, `monday[*].slot.start`. */
const MAX_DEPTH = 3;

function weekday(segment: string | number | undefined): boolean {
  if (typeof segment !== 'string') return false;
  const words = readKey(segment).words;
  return words.length === 1 && WEEKDAYS.has(words[0] ?? '');
}

export function weekdayProgrammes(fields: readonly ShapeField[], add: Add): void {
  // The weekday keys of each record, by the record's path.
  let days: Map<string, Set<string>> | undefined;
  for (const field of fields) {
    const segments = field.segments;
    for (let i = 0; i < segments.length - 1; i++) {
      const segment = segments[i];
      if (typeof segment !== 'string' || !weekday(segment)) continue;
      days ??= new Map();
      const record = prefixKey(field, i);
      const seen = days.get(record) ?? new Set<string>();
      seen.add(segment.toLowerCase());
      days.set(record, seen);
    }
  }
  if (days === undefined) return;
  fields.forEach((field, index) => {
    if (field.kind !== 'number' && field.kind !== 'string') return;
    const segments = field.segments;
    const n = segments.length;
    const key = segments[n - 1];
    if (typeof key !== 'string') return;
    const role = spanRole(key);
    if (!SLOT_ROLES.has(role)) return;
    for (let i = Math.max(0, n - 1 - MAX_DEPTH); i < n - 1; i++) {
      const segment = segments[i];
      if (typeof segment !== 'string' || !weekday(segment)) continue;
      const count = days?.get(prefixKey(field, i))?.size ?? 0;
      if (count >= MIN_WEEKDAYS) add(index, slotFinding(String(role), segment, count));
      return;
    }
  });
}

const findings = new Map<string, Finding>();
function slotFinding(role: string, day: string, count: number): Finding {
  const cacheKey = `${role}\u0000${day}\u0000${count}`;
  let f = findings.get(cacheKey);
  if (f === undefined) {
    // Keys come from senders: bounded.
    if (findings.size >= 1_024) findings.clear();
    findings.set(cacheKey, (f = finding(WEEKDAY_PROGRAMME, 'strong', ['behaviour'], { of: 'structure', role, day, count: String(count) })));
  }
  return f;
}

const PROGRAMME_WORDS = new Set(['program', 'programs', 'programme', 'programmes', 'timetable', 'timetables']);
/** What a slot switches to: a preset, a mode, a scene (`climate_preset_key`, `mode`), not its set point. */
const SWITCHES_TO = new Set(['preset', 'mode', 'scene', 'profile']);
const TIMED_WORDS = new Set(['time', 'hour', 'hours', 'minute', 'minutes', 'at', 'date', 'timestamp']);
/** How far above a slot's list its programme may be named: `programs[*].periods[*]`, `timeProgram.monday[*]`. */
const MAX_PROGRAMME_DEPTH = 3;

/** The key above a list entry that names a programme, within reach; undefined when none does. */
function programmeOf(segments: ShapeField['segments'], entry: number): string | undefined {
  for (let i = entry - 1; i >= Math.max(0, entry - 1 - MAX_PROGRAMME_DEPTH); i--) {
    const segment = segments[i];
    if (typeof segment === 'string' && readKey(segment).words.some((w) => PROGRAMME_WORDS.has(w))) return segment;
  }
  return undefined;
}

export function programmeSlots(fields: readonly ShapeField[], add: Add): void {
  // Slots (list entries under a programme) by their path: whether one has a start, and its members that may fire.
  let slots: Map<string, { start: boolean; programme: string; members: { index: number; role: string }[] }> | undefined;
  fields.forEach((field, index) => {
    const segments = field.segments;
    const n = segments.length;
    const key = segments[n - 1];
    if (typeof key !== 'string' || typeof segments[n - 2] !== 'number' || (field.kind !== 'string' && field.kind !== 'number')) return;
    const role = spanRole(key);
    const words = readKey(key).words;
    const switches = field.kind === 'string' && words.some((w) => SWITCHES_TO.has(w));
    if (role !== 'start' && role !== 'time' && !switches) return;
    // A bare number under a key naming no time (`start1: 43200`) may be an offset or a whole-day default: as activity-span reads it.
    if (field.kind === 'number' && !switches && !words.some((w) => TIMED_WORDS.has(w))) return;
    const programme = programmeOf(segments, n - 2);
    if (programme === undefined) return;
    slots ??= new Map();
    const path = prefixKey(field, n - 1);
    const slot = slots.get(path) ?? { start: false, programme, members: [] };
    if (role === 'start' || role === 'time') slot.start = true;
    slot.members.push({ index, role: switches ? 'preset' : 'start' });
    slots.set(path, slot);
  });
  if (slots === undefined) return;
  for (const slot of slots.values()) {
    if (!slot.start) continue;
    for (const m of slot.members) add(m.index, programmeFinding(m.role, slot.programme));
  }
}

function programmeFinding(role: string, programme: string): Finding {
  const cacheKey = `programme\u0000${role}\u0000${programme}`;
  let f = findings.get(cacheKey);
  if (f === undefined) {
    if (findings.size >= 1_024) findings.clear();
    findings.set(cacheKey, (f = finding(PROGRAMME_SLOT, 'strong', ['behaviour'], { of: 'structure', role, programme })));
  }
  return f;
}
