import { finding, type Finding } from './detector.js';
import { parentPath, prefixKey } from './field-paths.js';
import { isTimeKey } from './key-detectors.js';
import type { Add, ShapeField } from './shape.js';
import { PERSON_WORDS, THING_WORDS } from './vocabulary.js';
import { readKey, singular } from './words.js';

/**
 * `timed-history`: a list of two or more records that each hold a time and what happened
 * (`[{type: 17, timeStamp}, …]`, `result[*].{event, date}`, `queries[*].{time, …}`) is a history of
 * acts, whatever the vendor calls the list (event-log reads lists *named* as logs): when each entry
 * happened and what kind of act it was are behaviour (docs/CORPUS.md: lock events, usage histories).
 * The shape follows the public event schemas that all put a time beside an act type — schema.org
 * Action (`startTime` + the action's type), the Matter event record (timestamp + event id), the
 * W3C Activity Streams `Activity` (`published` + `type`) — not any vendor's keys. Not a list of things,
 * places or people (`devices[*].{type, lastSeen}`: a thing's type and report time), not data points
 * that hold a measured value (`{type: "glucose", value, time}`: a reading, health's to read), and not a
 * record's bookkeeping times (`updatedAt`, `createdAt`: isTimeKey leaves them).
 * Reads only keys and value kinds: memoised per payload shape.
 */
export const TIMED_HISTORY = 'timed-history';

export const timedHistoryExplanations: Readonly<Record<string, (f: Finding) => string>> = {
  [TIMED_HISTORY]: (f) => `the ${f.facts.role} of an entry in a list of ${f.facts.count} timed acts (a history of what somebody did) → behaviour`,
};

/** Keys that say what an entry's act was: `type`, `event`, `eventCode`, `action`, `command`. */
const ACT_HEADS = new Set(['event', 'action', 'command', 'operation', 'activity', 'type', 'kind', 'code', 'verb']);
/** Words a code or type may carry before its head and still name the act (`eventType`, `action_code`). */
const ACT_QUALIFIERS = new Set(['event', 'action', 'command', 'operation', 'activity', 'history', 'log', 'record', 'entry']);
/** Keys of a measured value: the entry is a data point, not an act. */
const VALUE_WORDS = new Set(['value', 'values', 'val', 'qty', 'quantity', 'amount', 'reading', 'unit', 'units', 'measurement']);
/** Lists of things, places and schedules: their entries' types and times describe the items. */
const NOT_HISTORIES = new Set(['room', 'zone', 'place', 'region', 'area', 'floor', 'home', 'house', 'location', 'schedule',
  'timer', 'alarm', 'rule', 'setting', 'option', 'capability', 'feature', 'network', 'key', 'token', 'permission', 'role',
  'subscription', 'firmware', 'update', 'version', 'release', 'notification']);

type Role = 'time' | 'act';

const roles = new Map<string, Role | null>();
function roleOf(raw: string): Role | undefined {
  let role = roles.get(raw);
  if (role === undefined) {
    const words = readKey(raw).words;
    const head = words[words.length - 1] ?? '';
    role = null;
    if (words.some((w) => VALUE_WORDS.has(w))) role = null;
    else if (isTimeKey(raw)) role = 'time';
    else if (ACT_HEADS.has(head) && words.slice(0, -1).every((w) => ACT_QUALIFIERS.has(w)) && words.some((w) => ACT_QUALIFIERS.has(w))) role = 'act';
    if (roles.size >= 5_000) roles.clear();
    roles.set(raw, role);
  }
  return role ?? undefined;
}

const valueKeys = new Map<string, boolean>();
function measuredValue(raw: string): boolean {
  let measured = valueKeys.get(raw);
  if (measured === undefined) {
    measured = readKey(raw).words.some((w) => VALUE_WORDS.has(w));
    if (valueKeys.size >= 5_000) valueKeys.clear();
    valueKeys.set(raw, measured);
  }
  return measured;
}

const lists = new Map<string, boolean>();
/** Whether the list's key names things, places, people or settings rather than a history. */
function listOfItems(list: string | number | undefined): boolean {
  if (typeof list !== 'string') return false;
  let items = lists.get(list);
  if (items === undefined) {
    const words = readKey(list).words;
    const last = singular(words[words.length - 1] ?? '');
    items = THING_WORDS.has(last) || PERSON_WORDS.has(last) || NOT_HISTORIES.has(last);
    if (lists.size >= 5_000) lists.clear();
    lists.set(list, items);
  }
  return items;
}

interface Entry {
  time: boolean;
  act: boolean;
  measured: boolean;
  members: { index: number; role: Role }[];
}

export function timedHistories(fields: readonly ShapeField[], add: Add): void {
  let entries: Map<string, Entry> | undefined;
  fields.forEach((field, index) => {
    const n = field.segments.length;
    const key = field.segments[n - 1];
    if (typeof key !== 'string' || typeof field.segments[n - 2] !== 'number' || field.kind === 'null' || field.kind === 'boolean') return;
    const role = roleOf(key);
    const measured = role === undefined && measuredValue(key);
    if (role === undefined && !measured) return;
    entries ??= new Map();
    const record = parentPath(field);
    let entry = entries.get(record);
    if (entry === undefined) entries.set(record, (entry = { time: false, act: false, measured: false, members: [] }));
    if (measured) entry.measured = true;
    else if (role !== undefined) {
      entry[role] = true;
      entry.members.push({ index, role });
    }
  });
  if (entries === undefined) return;
  // Entries of one list: a history needs two or more timed acts.
  const histories = new Map<string, Entry[]>();
  for (const entry of entries.values()) {
    if (!entry.time || !entry.act || entry.measured) continue;
    const first = entry.members[0];
    const field = first === undefined ? undefined : fields[first.index];
    if (field === undefined || listOfItems(field.segments[field.segments.length - 3])) continue;
    const list = prefixKey(field, -2);
    const found = histories.get(list);
    if (found === undefined) histories.set(list, [entry]);
    else found.push(entry);
  }
  for (const list of histories.values()) {
    if (list.length < 2) continue;
    const count = String(list.length);
    for (const entry of list) for (const m of entry.members) add(m.index, historyFinding(m.role, count));
  }
}

const findings = new Map<string, Finding>();
function historyFinding(role: Role, count: string): Finding {
  const cacheKey = `${role}\u0000${count}`;
  let f = findings.get(cacheKey);
  if (f === undefined) {
    // An act's `type` or `code` is otherwise negative vocabulary: the history is what names it, so certain.
    f = finding(TIMED_HISTORY, role === 'act' ? 'certain' : 'strong', ['behaviour'], { of: 'structure', role: role === 'act' ? 'kind of act' : 'time', count });
    if (findings.size >= 256) findings.clear();
    findings.set(cacheKey, f);
  }
  return f;
}
