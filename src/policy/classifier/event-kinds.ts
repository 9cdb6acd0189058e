import type { PayloadField } from '../../payload/index.js';
import { BoundedMemo } from '../../memo.js';
import { finding, type Finding } from './detector.js';
import { prefixKey } from './field-paths.js';
import { isTimeKey } from './key-detectors.js';
import { valueDetector, type ShapeField } from './shape.js';
import { readKey } from './words.js';

/**
 * `event-kind`: the kind of an event written under a key that says so (`event_type`, `EventType`, `eve_EventType`,
 * `eventKind`, `event_name`), in a record that is an event — the message itself (a webhook's or a bridge's push) or
 * a record with a time of its own — is what happened: a lock latched, a contact's event started, a device came onto
 * the network, a camera captured somebody (docs/CORPUS.md: events with who and when are behaviour). Its key's head
 * (`type`, `name`) is negative vocabulary elsewhere, so the finding is certain.
 * A kind naming the device's own life — a heartbeat (`alive`), a restart, a tamper alarm, a measurement it took
 * (`measured-temperature`), transport mode, a firmware or battery notice (the housekeeping messages of sensor
 * networks and webhooks) — is the machine's, not an act: it vetoes behaviour on the kind and on the record's
 * times (`EventTime`). A kind naming an insulin therapy's entry (`Temp Basal`, `Meal Bolus`: Nightscout's
 * treatments) is the body's, and a kind that only says a state was reported (`changeReport`) says nothing of
 * what: neither is read. Reads values: the plan (event-kind keys, their records' times) is memoised per shape.
 */
export const EVENT_KIND = 'event-kind';

export const eventKindExplanations: Readonly<Record<string, (f: Finding) => string>> = {
  [EVENT_KIND]: (f) =>
    f.signal === 'veto'
      ? `"${f.facts.key}" of an event its kind says the device did by itself (${f.facts.word}): not behaviour`
      : `"${f.facts.key}" names the kind of an event (what happened) → behaviour`,
};

/** Heads an event's kind is written under, after the word `event` (`event_type`, `eventKind`, `EventName`). */
const KIND_HEADS = new Set(['type', 'kind']);
/** A device's own life: it reports these whatever anybody does. */
const MACHINE_WORDS = new Set(['alive', 'keepalive', 'heartbeat', 'ping', 'restart', 'restarted', 'reboot', 'rebooted', 'boot',
  'booted', 'startup', 'measured', 'measurement', 'measurements', 'tamper', 'tampered', 'transport', 'battery', 'firmware',
  'upgrade', 'update', 'updated', 'calibration', 'diagnostic', 'diagnostics', 'error', 'errors', 'fault', 'faults', 'warning',
  'offline', 'online', 'connected', 'disconnected', 'connection', 'config', 'configuration', 'setting', 'settings', 'system', 'signal',
  'wifi', 'power', 'sync', 'synced', 'low', 'status']);
/**
 * What people do to a home and what its sensors see them do: a lock's and a door's states and how they were
 * reached (`STATE_CHANGED_NIGHT_LOCK`, `GO_TO_STATE_INSTANTOPEN_OPEN`), a sensor's event starting, going on and
 * ending (a contact opened until it closes, a motion), a capture, a press, an arrival, a device joining or leaving
 * the network (presence), an alarm armed or disarmed.
 */
const ACT_WORDS = new Set(['motion', 'movement', 'person', 'people', 'human', 'face', 'visit', 'visitor', 'access', 'entry',
  'exit', 'arrive', 'arrived', 'arrival', 'leave', 'left', 'depart', 'departed', 'ring', 'rang', 'ding', 'doorbell', 'press',
  'pressed', 'button', 'touch', 'tap', 'key', 'capture', 'captured', 'detected', 'detection', 'start', 'started', 'end',
  'ended', 'continue', 'stop', 'stopped', 'new', 'down', 'up', 'joined', 'armed', 'disarmed', 'arm', 'disarm', 'alarm',
  'intrusion', 'overload', 'call', 'missed', 'answered']);
/** A lock's or an opening's state: what an event says even when it carries no time (a lock's push on each change). */
const OPENING_WORDS = new Set(['lock', 'locked', 'unlock', 'unlocked', 'latch', 'latched', 'open', 'opened', 'close', 'closed',
  'door', 'window', 'gate']);
/** Words that leave the kind unread: a therapy's entry (health), a bare report of a state. */
const UNREAD_WORDS = new Set(['basal', 'bolus', 'insulin', 'carb', 'carbs', 'glucose', 'bg', 'cgm', 'report', 'reported']);
/** `sms:received`, `device.created`: a webhook's name for its message (api-verbs.ts reads those), not the act told. */
const CALL_NAME = /[.:/]/;
/** Kinds are short names; longer texts are messages. */
const MAX_KIND_LENGTH = 64;

const kindKeys = new BoundedMemo<boolean>(5_000, 256);
function isKindKey(raw: string): boolean {
  return kindKeys.get(raw, () => {
    const words = readKey(raw).words;
    const n = words.length;
    return n >= 2 && words[n - 2] === 'event' && KIND_HEADS.has(words[n - 1] ?? '');
  });
}

interface KindPlan {
  readonly index: number;
  readonly key: string;
  /** The record's time fields (by index), which a device's own event takes out of behaviour. */
  readonly times: readonly number[];
  /** The message itself with no time: only an opening's or a lock's change is read as an act there. */
  readonly untimed: boolean;
}

function planEventKinds(fields: readonly ShapeField[]): KindPlan[] | undefined {
  let kinds: { index: number; key: string; record: string; root: boolean }[] | undefined;
  const timesByRecord = new Map<string, number[]>();
  fields.forEach((field, index) => {
    const key = field.segments[field.segments.length - 1];
    if (typeof key !== 'string') return;
    if (field.kind === 'string' && isKindKey(key)) (kinds ??= []).push({ index, key, record: prefixKey(field, -1), root: field.segments.length === 1 });
    else if (isTimeKey(key)) {
      const record = prefixKey(field, -1);
      const times = timesByRecord.get(record);
      if (times === undefined) timesByRecord.set(record, [index]);
      else times.push(index);
    }
  });
  if (kinds === undefined) return undefined;
  const planned: KindPlan[] = [];
  for (const { index, key, record, root } of kinds) {
    const times = timesByRecord.get(record) ?? [];
    // An event is the message itself, or a record that says when it happened; a kind elsewhere is a setting (which events notify).
    if (root || times.length > 0) planned.push({ index, key, times, untimed: times.length === 0 });
  }
  return planned.length === 0 ? undefined : planned;
}

type Reading = { readonly act: 'opening' | 'other' } | { readonly act: undefined; readonly word: string } | undefined;

const readings = new BoundedMemo<Reading | null>(5_000, MAX_KIND_LENGTH);
function readKind(value: string): Reading {
  return readings.get(value, () => {
    const words = readKey(value, false).words;
    if (CALL_NAME.test(value) || words.length === 0 || words.every((w) => /^\d+$/.test(w)) || words.some((w) => UNREAD_WORDS.has(w))) return null;
    const machine = words.find((w) => MACHINE_WORDS.has(w));
    if (machine !== undefined) return { act: undefined, word: machine };
    if (words.some((w) => OPENING_WORDS.has(w))) return { act: 'opening' };
    return words.some((w) => ACT_WORDS.has(w)) ? { act: 'other' } : null;
  }) ?? undefined;
}

export const eventKinds = valueDetector(EVENT_KIND, planEventKinds, (plan, fields: readonly PayloadField[], _home, add) => {
  for (const { index, key, times, untimed } of plan) {
    const value = fields[index]?.value;
    if (typeof value !== 'string' || value.length > MAX_KIND_LENGTH) continue;
    const reading = readKind(value);
    if (reading === undefined) continue;
    if (reading.act !== undefined) {
      if (untimed && reading.act !== 'opening') continue;
      add(index, finding(EVENT_KIND, 'certain', ['behaviour'], { of: 'structure', key }));
      continue;
    }
    const veto = finding(EVENT_KIND, 'veto', ['behaviour'], { of: 'structure', key, word: reading.word }, 'all');
    add(index, veto);
    for (const at of times) add(at, veto);
  }
});
