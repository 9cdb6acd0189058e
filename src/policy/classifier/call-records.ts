import { BoundedMemo } from '../../memo.js';
import { finding, type Finding } from './detector.js';
import { parentPath, prefixKey } from './field-paths.js';
import { isTimeKey } from './key-detectors.js';
import type { Add, ShapeField } from './shape.js';
import { readKey } from './words.js';

/**
 * `call-record`: a record of a phone call — it names the call by its id (`callid`, `callId`, `CallSid`,
 * `call_control_id`) and has a party (`from`, `to`, `caller`, `cli`) — as voice platforms' call events and
 * call detail records carry them (Sinch's ICE/ACE/DiCE callbacks, TwiML and TeXML status callbacks, CDRs). When
 * the call happened, how long it lasted and how it ended (`result: ANSWERED`, `reason: CALLERHANGUP`) are a call
 * history (docs/CORPUS.md: call and message events are behaviour). Only the record's own keys: the parties are
 * message-records' and people's, the rates and debits the vendor's bill, the ids bookkeeping.
 * Reads only keys and value kinds: memoised per payload shape.
 */
export const CALL_RECORD = 'call-record';

export const callRecordExplanations: Readonly<Record<string, (f: Finding) => string>> = {
  [CALL_RECORD]: (f) => `${f.facts.part} of a phone call (its record has "${f.facts.id}" and a party) → behaviour`,
};

const ID_HEADS = new Set(['id', 'sid', 'uuid']);
const PARTY_KEYS = new Set(['from', 'to', 'caller', 'callee', 'cli', 'caller id', 'called', 'calling', 'originator', 'destination']);
const OUTCOME_KEYS = new Set(['result', 'reason', 'hangup cause', 'hangup reason', 'end reason', 'disconnect reason', 'call status', 'answered by']);
const DURATION_KEYS = new Set(['duration', 'call duration', 'billsec', 'talk time', 'conversation duration']);
/** A call record's own bookkeeping, not when the call happened. */
const BOOKKEEPING = new Set(['updated', 'update', 'modified', 'expires', 'expiry', 'created', 'deleted']);

type Part = 'id' | 'party' | 'time' | 'duration' | 'outcome';

const parts = new BoundedMemo<Part | null>(5_000, 256);
function partOf(raw: string): Part | undefined {
  return parts.get(raw, () => {
    const words = readKey(raw).words;
    const text = words.join(' ');
    if (text === 'callid' || (words[0] === 'call' && ID_HEADS.has(words[words.length - 1] ?? ''))) return 'id';
    if (PARTY_KEYS.has(text)) return 'party';
    if (DURATION_KEYS.has(text)) return 'duration';
    if (OUTCOME_KEYS.has(text)) return 'outcome';
    return isTimeKey(raw) && !words.some((w) => BOOKKEEPING.has(w)) ? 'time' : null;
  }) ?? undefined;
}

interface Call {
  id?: string;
  party: boolean;
  members: { index: number; part: Part }[];
}

export function callRecords(fields: readonly ShapeField[], add: Add): void {
  let calls: Map<string, Call> | undefined;
  for (let index = 0; index < fields.length; index++) {
    const field = fields[index];
    if (field === undefined || field.kind === 'null' || field.kind === 'empty' || field.kind === 'boolean') continue;
    // A party kept as an object (`to: {type, endpoint}`) counts by its key, one level up.
    const segments = field.segments;
    const nested = segments[segments.length - 2];
    if (typeof nested === 'string' && partOf(nested) === 'party') {
      ensure((calls ??= new Map()), prefixKey(field, -2)).party = true;
    }
    if (field.key === undefined) continue;
    const part = partOf(field.key);
    if (part === undefined) continue;
    const call = ensure((calls ??= new Map()), parentPath(field));
    if (part === 'id') call.id ??= field.key;
    else if (part === 'party') call.party = true;
    else call.members.push({ index, part });
  }
  if (calls === undefined) return;
  for (const call of calls.values()) {
    if (call.id === undefined || !call.party) continue;
    for (const m of call.members) add(m.index, partFinding(m.part, call.id));
  }
}

function ensure(calls: Map<string, Call>, record: string): Call {
  let call = calls.get(record);
  if (call === undefined) calls.set(record, (call = { party: false, members: [] }));
  return call;
}

const PART_TEXT: Readonly<Record<Part, string>> = { id: 'the id', party: 'a party', time: 'when', duration: 'how long', outcome: 'how it ended' };
const findings = new BoundedMemo<Finding>(256, 256);
function partFinding(part: Part, id: string): Finding {
  return findings.get(`${part}\u0001${id}`, () => finding(CALL_RECORD, 'strong', ['behaviour'], { of: 'structure', part: PART_TEXT[part], id: id.slice(0, 40) }));
}
