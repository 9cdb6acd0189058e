import { BoundedMemo } from '../../memo.js';
import { finding, type Finding } from './detector.js';
import { parentPath } from './field-paths.js';
import { detectKeyWords } from './key-detectors.js';
import { showsADevice, showsAPerson } from './records.js';
import type { Add, ShapeField } from './shape.js';
import { readKey } from './words.js';

/**
 * `sign-in`: when a person last signed in, was last seen or last active (`lastLogin`, `last_connection_date`,
 * `recentSessionLoggedOn`, `LastActivityDate`) is what that person did and when (docs/CORPUS.md), in a record
 * whose other keys show it is a person's or their session's (`email`, `firstName`, `username`), or whose own key
 * names people (`user.lastSeen`, `persons[*].last_seen`), and none shows a machine (`serialNumber`, `hostname`). The same words on a device's record are the machine's own
 * heartbeat (a sensor's `last_seen`, a camera's `lastLogin` to its cloud), which the vocabulary reads as a
 * report time: that stays unlabelled. The record decides, by what its keys are, not by which vendor sent it.
 * The acts are those of schema.org's LoginAction/CheckInAction and of the access logs identity providers
 * keep per user (OpenID Connect's `auth_time`, SCIM's `lastLogin`-style meta).
 * Reads keys only (a shape detector, memoised per payload shape).
 */
export const SIGN_IN = 'sign-in';

export const signInExplanations: Readonly<Record<string, (f: Finding) => string>> = {
  [SIGN_IN]: (f) => `when a person last signed in or was last seen (the record's "${f.facts.sibling}" shows it is a person's) → behaviour`,
};

/** Words of an act of a person on an account or a service. */
const ACT_WORDS = new Set(['seen', 'login', 'logon', 'logged', 'signin', 'signed', 'connection', 'connected', 'activity', 'active', 'visit', 'access', 'accessed']);
/** Words that make it the latest (or the one before): a first connection is when an account was made. */
const RECENCY = new Set(['last', 'latest', 'recent', 'previous']);
/** What the key ends in: the time itself, or the act (`lastSeen`); not what was seen with it (`lastSeenUserAgent`). */
const TIME_HEADS = new Set(['date', 'time', 'at', 'on', 'in', 'timestamp', 'datetime', 'ts']);

const timeKeys = new BoundedMemo<boolean>(5_000, 256);
function isSignInTime(raw: string): boolean {
  return timeKeys.get(raw, () => {
    const words = readKey(raw).words;
    const head = words[words.length - 1] ?? '';
    // A first connection or login is when an account was made; a person first seen is their first visit.
    if ((words.includes('first') && !words.includes('seen')) || !words.some((w) => ACT_WORDS.has(w))) return false;
    if (!ACT_WORDS.has(head) && !TIME_HEADS.has(head)) return false;
    // `connection_date` names its act by itself; `lastSeen` needs its recency (a bare `seen` flag is no time).
    return words.some((w) => RECENCY.has(w) || w === 'first') || TIME_HEADS.has(head);
  });
}

const machineKeys = new BoundedMemo<boolean>(5_000, 256);
/**
 * A sibling that names a machine: a device's own id (reference-aware, records.ts) or its host name. Not any
 * address: a person's session keeps the address they came from (`lastSeenRemoteAddress`).
 */
function showsAMachine(raw: string): boolean {
  return machineKeys.get(raw, () => {
    if (showsADevice(raw)) return true;
    const key = readKey(raw);
    return key.words.includes('hostname') || key.joined.endsWith('hostname') ? detectKeyWords(key).some((f) => f.categories.includes('network')) : false;
  });
}

export function signIns(fields: readonly ShapeField[], add: Add): void {
  let candidates: number[] | undefined;
  for (let index = 0; index < fields.length; index++) {
    const field = fields[index];
    if (field === undefined || (field.kind !== 'string' && field.kind !== 'number')) continue;
    const key = field.segments[field.segments.length - 1];
    if (typeof key === 'string' && isSignInTime(key)) (candidates ??= []).push(index);
  }
  if (candidates === undefined) return;
  const records = new Map<string, { person: string | undefined; machine: boolean }>();
  for (const index of candidates) {
    const field = fields[index];
    if (field !== undefined) records.set(parentPath(field), { person: undefined, machine: false });
  }
  for (const field of fields) {
    const key = field.segments[field.segments.length - 1];
    if (typeof key !== 'string') continue;
    const record = records.get(parentPath(field));
    if (record === undefined) continue;
    if (showsAMachine(key)) record.machine = true;
    else if (record.person === undefined && showsAPerson(key)) record.person = key;
  }
  for (const index of candidates) {
    const field = fields[index];
    const record = field === undefined ? undefined : records.get(parentPath(field));
    if (field === undefined || record === undefined || record.machine) continue;
    const person = record.person ?? personRecordName(field.segments);
    if (person !== undefined) add(index, signInFinding(person));
  }
}

/**
 * Records named for people (`user.lastSeen`, `persons[*].last_seen`, `members[*].lastLogin`): the record's own key
 * shows whose it is when no sibling does. Not `account` or `profile`, which a device has too.
 */
const PERSON_RECORDS = new Set(['user', 'users', 'person', 'persons', 'people', 'member', 'members', 'visitor', 'visitors',
  'guest', 'guests', 'resident', 'residents', 'occupant', 'occupants', 'patient', 'patients', 'friend', 'friends',
  'customer', 'customers']);
function personRecordName(segments: readonly (string | number)[]): string | undefined {
  for (let i = segments.length - 2; i >= 0; i--) {
    const segment = segments[i];
    if (typeof segment !== 'string') continue;
    const words = readKey(segment).words;
    return PERSON_RECORDS.has(words[words.length - 1] ?? '') ? segment : undefined;
  }
  return undefined;
}

const findings = new BoundedMemo<Finding>(256, 256);
/** Certain: a key the vocabulary reads as a report time (`lastLogin`) is, in a person's record, the person's act. */
function signInFinding(sibling: string): Finding {
  return findings.get(sibling, () => finding(SIGN_IN, 'certain', ['behaviour'], { of: 'structure', sibling }));
}
