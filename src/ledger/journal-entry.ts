import { z } from 'zod';
import { ERROR_CODES } from '../errors.js';
import { BLOCK_KINDS, DATA_CATEGORIES } from '../policy/index.js';
import { templateUrlPath } from '../payload/index.js';
import type { ConnectionDecision, DataCategory, Decision, Explanation, FieldDecision } from '../policy/index.js';
import { ConnectionParts } from './journal-connection.js';
import type { LineBuffer } from './line-buffer.js';
import type { FlowRecord } from './record.js';
import type { RecordShape } from './record-shape.js';

/**
 * The lines of the record journal (journal.ts): what the ledger keeps of one FlowRecord, and nothing more.
 * A line is the projection of the record the Aggregator reads, with the ledger's own templating applied
 * first: the request path templated (ids, e-mails out), texts clipped, each field by its template, and a
 * field's own path and rule reason only for fields whose action is not `allow` (the decisions row's
 * explanation holds exactly those). A value's only trace is its keyed fingerprint, as in field_observations.
 *
 * A device sends the same shape again and again, so a record's field decisions are written once as a
 * `shape` line (record-shape.ts says when two records have the same) and each record names its shape and
 * adds one fingerprint per template: a record line stays a few hundred bytes, cheap to write once per
 * answered request, and nothing per field is done for it. A shape line lists each distinct field decision
 * once (`f`) and then, per field, which of them it is (`r`): a list of thirty networks is one decision per
 * template and thirty small numbers.
 */
const MAX_TEXT = 512;
/** Longer than the ledger's 512: MQTT topics are templated once more before they are clipped. */
const MAX_PATH = 2048;
/** Shapes the journal is known to hold since it was last emptied; past it they are written again. */
const MAX_SHAPES = 1024;

// The types allow no other category; the schema below would refuse the line on replay.
const KNOWN_CATEGORIES = new Set<string>(DATA_CATEGORIES);
const isDataCategory = (category: string): category is DataCategory => KNOWN_CATEGORIES.has(category);

const clip = (text: string, max = MAX_TEXT): string => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

const text = z.string();
const optionalText = text.nullable();
/** [ruleId, reason, blockedBy, field template] */
const explanationSchema = z.tuple([optionalText, text, z.enum(BLOCK_KINDS).nullable(), optionalText]);
/** [key (template or path), categories, action, applied, opaque, decidedBy, own path, ruleId, reason] */
const fieldSchema = z.tuple([
  text,
  z.array(z.enum(DATA_CATEGORIES)),
  z.enum(['allow', 'redact', 'hash', 'drop', 'block']),
  z.boolean(),
  z.boolean(),
  optionalText,
  optionalText,
  optionalText,
  optionalText,
]);

/**
 * The field decisions of the records that name it; `shape` is the sequence number of the first. With `r`,
 * `f` lists each distinct decision once and `r` says which one each field has (journals written before
 * `r` list every field in `f`).
 */
export const journalShapeSchema = z.object({
  shape: z.number().int().positive(),
  f: z.array(fieldSchema),
  r: z.array(z.number().int().nonnegative()).optional(),
});

export const journalEntrySchema = z.object({
  /** Sequence number: the ledger stores the last one it committed, so a replay never counts a record twice. */
  s: z.number().int().positive(),
  at: z.number(),
  /** device: [id, name, isDefault] */
  d: z.tuple([text, text, z.boolean()]),
  /** destination: [host, port, scheme, vendor] */
  t: z.tuple([text, z.number().int(), z.enum(['http', 'https', 'mqtt', 'mqtts']), optionalText]),
  m: z.enum(['monitor', 'enforce', 'lockdown']),
  /** the connection's verdict, wouldBlock and explanation */
  cv: z.enum(['inspect', 'tunnel', 'block']),
  cw: z.boolean(),
  ce: explanationSchema,
  /** decision: [verdict, violation, block, explanation, shape] */
  x: z.tuple([z.enum(['forward', 'block']), z.boolean(), explanationSchema.nullable(), explanationSchema, z.number().int().positive()]).nullable(),
  /** fingerprints: [index of a field in its shape, keyed fingerprint of its template (or path)] */
  f: z.array(z.tuple([z.number().int().nonnegative(), text])),
  i: z.boolean(),
  me: optionalText,
  p: optionalText,
  up: z.number(),
  dn: z.number(),
  e: z.tuple([z.enum(ERROR_CODES), text]).nullable(),
  ua: optionalText,
});

export type JournalEntry = z.infer<typeof journalEntrySchema>;
export type JournalShape = z.infer<typeof journalShapeSchema>;
type ExplanationTuple = z.infer<typeof explanationSchema>;
export type FieldTuple = z.infer<typeof fieldSchema>;

/**
 * Writes journal lines, remembering the shapes already in the journal. `forget()` when the journal is
 * emptied or a write failed: a journal must hold every shape its records name.
 */
export class JournalLines {
  /** Shape id -> the sequence number of its line in the journal. */
  private readonly written = new Map<number, number>();
  /** The connection part of a line (d, t, m, cv, cw, ce), made once while it stays the same. */
  private readonly connections = new ConnectionParts(connectionJson);

  forget(): void {
    this.written.clear();
  }

  /**
   * Writes the line(s) of `record` into `line`, each with its newline: its shape's line first when the
   * journal lacks it. `shape` is the shape of the record's decision (RecordShapes.of); without one the
   * shape line is written with the record.
   */
  write(line: LineBuffer, record: FlowRecord, seq: number, shape?: RecordShape): void {
    const { connection, decision, error } = record;
    let x: JournalEntry['x'] = null;
    let f: [number, string][] = [];
    if (decision !== undefined) {
      let shapeSeq = shape === undefined ? undefined : this.written.get(shape.id);
      if (shapeSeq === undefined) {
        shapeSeq = seq;
        const body = shape === undefined ? shapeBody(decision.fields) : (shape.journalBody ??= shapeBody(decision.fields));
        line.text('{"shape":').number(seq).text(',').text(body).text('\n');
        if (shape !== undefined) {
          if (this.written.size >= MAX_SHAPES) this.written.clear();
          this.written.set(shape.id, seq);
        }
      }
      f = shape === undefined ? fingerprintsByField(record, decision.fields) : fingerprintsByKey(record, shape);
      const block = decision.block === undefined ? null : explanationTuple(decision.block);
      x = [decision.verdict, decision.violation, block, explanationTuple(decision.explanation), shapeSeq];
    }
    const rest: Omit<JournalEntry, 's' | 'at' | keyof ConnectionPart> = {
      x,
      f,
      i: record.inspectable,
      me: record.method ?? null,
      p: record.path === undefined ? null : clip(templateUrlPath(record.path), MAX_PATH),
      up: record.bytesUp,
      dn: record.bytesDown,
      e: error === undefined ? null : [error.code, clip(error.message)],
      ua: record.upstreamAddress ?? null,
    };
    // The same JSON as stringifying the whole entry, its parts made (or remembered) separately and never joined
    // into one string (LineBuffer says why).
    line.text('{"s":').number(seq).text(',"at":').number(record.at).text(',').text(this.connections.json(connection));
    line.moreMembers(JSON.stringify(rest)).text('\n');
  }
}

type ConnectionPart = Pick<JournalEntry, 'd' | 't' | 'm' | 'cv' | 'cw' | 'ce'>;

/** The connection part of a line, without its braces. */
function connectionJson(connection: ConnectionDecision): string {
  const { device, destination } = connection;
  const part: ConnectionPart = {
    d: [device.id, device.name, device.isDefault],
    t: [destination.host, destination.port, destination.scheme, destination.vendor ?? null],
    m: connection.mode,
    cv: connection.verdict,
    cw: connection.wouldBlock,
    ce: explanationTuple(connection.explanation),
  };
  return JSON.stringify(part).slice(1, -1);
}

function explanationTuple(explanation: Explanation): ExplanationTuple {
  return [explanation.ruleId ?? null, clip(explanation.reason), explanation.blockedBy ?? null, explanation.field ?? null];
}

function fieldTuple(field: FieldDecision): FieldTuple {
  const explained = field.action !== 'allow';
  return [
    field.template ?? field.path,
    field.categories.filter(isDataCategory),
    field.action,
    field.applied,
    field.opaque,
    field.decidedBy === undefined ? null : clip(field.decidedBy, MAX_PATH),
    explained ? field.path : null,
    explained ? (field.explanation.ruleId ?? null) : null,
    explained ? clip(field.explanation.reason) : null,
  ];
}

/** A shape line's JSON after its sequence number: each distinct field tuple once, then which one each field has. */
function shapeBody(fields: readonly FieldDecision[]): string {
  const distinct = new Map<string, number>();
  const tuples: string[] = [];
  const refs: number[] = [];
  for (const field of fields) {
    const json = JSON.stringify(fieldTuple(field));
    let ref = distinct.get(json);
    if (ref === undefined) {
      ref = tuples.length;
      distinct.set(json, ref);
      tuples.push(json);
    }
    refs.push(ref);
  }
  return `"f":[${tuples.join(',')}],"r":[${refs.join(',')}]}`;
}

/** One fingerprint per template, named by its first field: the ledger keeps one per template. */
function fingerprintsByKey(record: FlowRecord, shape: RecordShape): [number, string][] {
  const f: [number, string][] = [];
  // forEach, not for…of: a Map's iterator makes a [key, value] array per entry (~1 KB a 1 KB request).
  record.fingerprints.forEach((fingerprint, key) => {
    const index = shape.firstIndex.get(key);
    if (index !== undefined) f.push([index, fingerprint]);
  });
  return f;
}

function fingerprintsByField(record: FlowRecord, fields: readonly FieldDecision[]): [number, string][] {
  const f: [number, string][] = [];
  const seen = new Set<string>();
  fields.forEach((field, index) => {
    const key = field.template ?? field.path;
    const fingerprint = record.fingerprints.get(key);
    if (fingerprint !== undefined && !seen.has(key)) {
      seen.add(key);
      f.push([index, fingerprint]);
    }
  });
  return f;
}

/**
 * The FlowRecord a journal entry stands for, as the Aggregator reads it: what the entry does not hold
 * (the client's address, upstream verification, a field's source) is filled with neutral values the
 * ledger never reads. Undefined when the entry names a shape the journal does not hold.
 */
export function recordOfEntry(entry: JournalEntry, shapes: ReadonlyMap<number, readonly FieldTuple[]>): FlowRecord | undefined {
  const [id, name, isDefault] = entry.d;
  const [host, port, scheme, vendor] = entry.t;
  const connection: ConnectionDecision = {
    device: { id, name, isDefault },
    client: { address: '', mac: undefined },
    mode: entry.m,
    destination: { id: undefined, vendor: vendor ?? undefined, host, port, scheme },
    verdict: entry.cv,
    verifyUpstream: true,
    onUninspectable: 'block',
    wouldBlock: entry.cw,
    explanation: explanationOf(entry.ce),
  };
  const fingerprints = new Map<string, string>();
  let decision: Decision | undefined;
  if (entry.x !== null) {
    const [verdict, violation, block, explanation, shapeSeq] = entry.x;
    const shape = shapes.get(shapeSeq);
    if (shape === undefined) return undefined;
    for (const [index, fingerprint] of entry.f) {
      const key = shape[index]?.[0];
      if (key !== undefined) fingerprints.set(key, fingerprint);
    }
    decision = {
      connection,
      verdict,
      violation,
      block: block === null ? undefined : explanationOf(block),
      explanation: explanationOf(explanation),
      fields: shape.map(fieldOf),
    };
  }
  return {
    at: entry.at,
    connection,
    decision,
    inspectable: entry.i,
    method: entry.me ?? undefined,
    path: entry.p ?? undefined,
    fingerprints,
    bytesUp: entry.up,
    bytesDown: entry.dn,
    durationMs: 0,
    error: entry.e === null ? undefined : { code: entry.e[0], message: entry.e[1] },
    upstreamAddress: entry.ua ?? undefined,
  };
}

function explanationOf([ruleId, reason, blockedBy, field]: ExplanationTuple): Explanation {
  return { ruleId: ruleId ?? undefined, reason, blockedBy: blockedBy ?? undefined, field: field ?? undefined };
}

function fieldOf(tuple: FieldTuple): FieldDecision {
  const [key, categories, action, applied, opaque, decidedBy, ownPath, ruleId, reason] = tuple;
  return {
    path: ownPath ?? key,
    template: key,
    source: 'body',
    categories,
    action,
    applied,
    opaque,
    decidedBy: decidedBy ?? undefined,
    explanation: { ruleId: ruleId ?? undefined, reason: reason ?? '' },
  };
}

/** A shape line's field tuples, one per field; undefined when `r` names a tuple the line does not have. */
export function shapeFields(shape: JournalShape): readonly FieldTuple[] | undefined {
  if (shape.r === undefined) return shape.f;
  const fields: FieldTuple[] = [];
  for (const ref of shape.r) {
    const tuple = shape.f[ref];
    if (tuple === undefined) return undefined;
    fields.push(tuple);
  }
  return fields;
}
