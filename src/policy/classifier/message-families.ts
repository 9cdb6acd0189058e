import type { PayloadField } from '../../payload/index.js';
import { BoundedMemo } from '../../memo.js';
import { finding, type Finding } from './detector.js';
import { parentPath } from './field-paths.js';
import type { Add, ShapeField } from './shape.js';
import { readKey } from './words.js';

/**
 * `message-family`: an `event` or `action` whose value names a family of messages that a sibling
 * `<family>_type` narrows down (`{event: "ARMING", arming_type: "ARM-STAY"}`, `{event: "ZONE_EVENT",
 * zone_event_type: "ZONE_UPDATE"}`, `{action: "ALARM", alarmType: "POLICE"}`) is the envelope's kind of
 * message, as a push protocol's message name is (api-verbs.ts): which act happened is the sibling's and the
 * record's, not the family's name, so the key's behaviour reading (user commands and events) is vetoed for
 * it. Only when the sibling's key repeats the value's words: an event beside an unrelated `type` keeps its reading.
 */
export const MESSAGE_FAMILY = 'message-family';

export const messageFamilyExplanations: Readonly<Record<string, (f: Finding) => string>> = {
  [MESSAGE_FAMILY]: (f) => `"${f.facts.key}" names the family of the message ("${f.facts.sibling}" says which one), not what somebody did`,
};

const NAMING_KEYS = new Set(['event', 'action', 'event type', 'message type', 'msg type']);
const TYPE_HEADS = new Set(['type', 'kind']);

const namings = new BoundedMemo<boolean>(5_000, 256);
function namingKey(raw: string): boolean {
  return namings.get(raw, () => NAMING_KEYS.has(readKey(raw).words.join(' ')));
}

/** `arming_type` → "arming"; undefined for a key that is not `<words> type`. */
const families = new BoundedMemo<string | null>(5_000, 256);
function familyOf(raw: string): string | undefined {
  return families.get(raw, () => {
    const words = readKey(raw).words;
    return words.length >= 2 && TYPE_HEADS.has(words[words.length - 1] ?? '') ? words.slice(0, -1).join(' ') : null;
  }) ?? undefined;
}

/** A value's words joined (`ZONE_EVENT` → "zone event"), memoised by the value: it repeats request after request. */
const valueTexts = new BoundedMemo<string>(5_000, 64);
function valueWords(value: string): string {
  return valueTexts.get(value, joinedWords);
}
function joinedWords(text: string): string {
  return readKey(text).words.join(' ');
}

interface FamilyPlan {
  /** A naming field and the families its siblings' type keys name, with those keys. */
  readonly naming: number;
  readonly families: ReadonlyMap<string, string>;
}

/** Plan: string fields under an event or action key with a sibling `<words>_type`. */
export function planMessageFamilies(fields: readonly ShapeField[]): FamilyPlan[] | undefined {
  let byRecord: Map<string, Map<string, string>> | undefined;
  for (const field of fields) {
    if (field.key === undefined || field.kind !== 'string') continue;
    const family = familyOf(field.key);
    if (family === undefined) continue;
    const record = parentPath(field);
    let known = (byRecord ??= new Map()).get(record);
    if (known === undefined) byRecord.set(record, (known = new Map()));
    known.set(family, field.key);
  }
  if (byRecord === undefined) return undefined;
  let plan: FamilyPlan[] | undefined;
  fields.forEach((field, index) => {
    if (field.key === undefined || field.kind !== 'string' || !namingKey(field.key)) return;
    const known = byRecord?.get(parentPath(field));
    if (known !== undefined) (plan ??= []).push({ naming: index, families: known });
  });
  return plan;
}

export function detectMessageFamilies(plan: readonly FamilyPlan[], fields: readonly PayloadField[], _home: unknown, add: Add): void {
  for (const entry of plan) {
    const field = fields[entry.naming];
    if (field === undefined || typeof field.value !== 'string' || field.value.length > 60 || field.key === undefined) continue;
    const sibling = entry.families.get(valueWords(field.value));
    if (sibling !== undefined) add(entry.naming, familyFinding(field.key, sibling));
  }
}

const findings = new BoundedMemo<Finding>(256, 256);
function familyFinding(key: string, sibling: string): Finding {
  return findings.get(`${key}\u0001${sibling}`, () => finding(MESSAGE_FAMILY, 'veto', ['behaviour'], { of: 'value', key: key.slice(0, 40), sibling: sibling.slice(0, 40) }, 'all'));
}
