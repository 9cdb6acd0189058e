import { BoundedMemo } from '../../memo.js';
import { finding, type Finding } from './detector.js';
import { parentPath, within } from './field-paths.js';
import { isTimeKey } from './key-detectors.js';
import type { Add, ShapeField } from './shape.js';
import { readKey } from './words.js';

/**
 * `sent-command`: a record of a command somebody sent to a machine — its name (`commandName: "startProgram"`,
 * `command: "start"`) beside when it was sent, accepted or executed — is a user command (docs/CORPUS.md:
 * user commands are behaviour). Appliance clouds keep these as a command log (an app's remote start of a
 * washer or an oven, each entry `{command: {commandName, timestamp, parameters}, timestampAccepted,
 * timestampExecuted}`), as do the command queues of SmartThings- and Matter-style controllers. Behaviour:
 * the command's name, its times and the entry's around it, and what the person chose with it: the program
 * or recipe and the delay they set before it starts (a schedule the user set). The command's other
 * parameters (levels, modes, switches) and the sending app's identity are the machine's settings and
 * the vendor's bookkeeping, left to their own keys; key-detectors.ts keeps a command history's container
 * from colouring them (`commandInHistory`).
 * Reads only keys and value kinds: memoised per payload shape.
 */
export const SENT_COMMAND = 'sent-command';

export const sentCommandExplanations: Readonly<Record<string, (f: Finding) => string>> = {
  [SENT_COMMAND]: (f) => `${f.facts.part} of a command somebody sent (its record has "${f.facts.name}" and a time) → behaviour`,
};

const NAME_KEYS = new Set(['command', 'command name', 'cmd', 'cmd name']);
/** What the person chose with the command: which program or recipe, and how long to wait before it runs. */
const CHOICE_KEYS = new Set(['program', 'program name', 'recipe', 'recipe id', 'recipe name', 'delay', 'delay time']);
/** `timestampAccepted`, `timeSent`: a time word first, the step of the command's life after it. */
const TIME_FIRST = new Set(['timestamp', 'time', 'ts', 'date']);

const kinds = new BoundedMemo<'name' | 'choice' | 'time' | null>(5_000, 256);
function partOf(raw: string): 'name' | 'choice' | 'time' | undefined {
  return kinds.get(raw, () => {
    const words = readKey(raw).words;
    const text = words.join(' ');
    if (NAME_KEYS.has(text)) return 'name';
    if (CHOICE_KEYS.has(text)) return 'choice';
    return isTimeKey(raw) || (words.length === 2 && TIME_FIRST.has(words[0] ?? '')) ? 'time' : null;
  }) ?? undefined;
}

interface CommandRecord {
  readonly name: string;
  readonly nameIndex: number;
  /** The entry the command sits in (`$[0]` for `$[0].command.commandName`), or the record itself. */
  readonly entry: string;
}

export function sentCommands(fields: readonly ShapeField[], add: Add): void {
  let records: Map<string, CommandRecord> | undefined;
  for (let index = 0; index < fields.length; index++) {
    const field = fields[index];
    if (field === undefined || field.kind !== 'string' || field.key === undefined || partOf(field.key) !== 'name') continue;
    const record = parentPath(field);
    const segments = field.segments;
    // `{command: {commandName, …}, timestampAccepted}`: a command nested in its log entry.
    const entry = typeof segments[segments.length - 2] === 'string' && segments.length >= 2 ? entryOf(record) : record;
    (records ??= new Map()).set(record, { name: field.key, nameIndex: index, entry });
  }
  if (records === undefined) return;
  const timed = new Set<string>();
  const times: number[] = [];
  for (let index = 0; index < fields.length; index++) {
    const field = fields[index];
    if (field === undefined || field.key === undefined || field.kind === 'null' || field.kind === 'empty' || field.kind === 'boolean') continue;
    if (partOf(field.key) !== 'time') continue;
    const parent = parentPath(field);
    for (const [record, command] of records) {
      if (parent === record || parent === command.entry) {
        timed.add(record);
        times.push(index);
      }
    }
  }
  if (timed.size === 0) return;
  for (const [record, command] of records) {
    if (!timed.has(record)) continue;
    add(command.nameIndex, partFinding('the name', command.name));
  }
  for (const index of times) {
    const field = fields[index];
    const command = field === undefined ? undefined : commandAround(records, timed, parentPath(field));
    if (command !== undefined) add(index, partFinding('the time', command.name));
  }
  for (let index = 0; index < fields.length; index++) {
    const field = fields[index];
    if (field === undefined || field.key === undefined || field.kind === 'null' || field.kind === 'empty' || field.kind === 'boolean') continue;
    if (partOf(field.key) !== 'choice') continue;
    for (const record of timed) {
      const command = records.get(record);
      if (command !== undefined && within(field.path, record)) {
        add(index, partFinding('what the person chose', command.name));
        break;
      }
    }
  }
}

function entryOf(record: string): string {
  const dot = record.lastIndexOf('.');
  const bracket = record.lastIndexOf('[');
  const cut = Math.max(dot, bracket);
  return cut > 0 ? record.slice(0, cut) : record;
}

function commandAround(records: ReadonlyMap<string, CommandRecord>, timed: ReadonlySet<string>, parent: string): CommandRecord | undefined {
  for (const record of timed) {
    const command = records.get(record);
    if (command !== undefined && (parent === record || parent === command.entry)) return command;
  }
  return undefined;
}

const findings = new BoundedMemo<Finding>(256, 256);
function partFinding(part: string, name: string): Finding {
  return findings.get(`${part}\u0001${name}`, () => finding(SENT_COMMAND, 'strong', ['behaviour'], { of: 'structure', part, name }));
}
