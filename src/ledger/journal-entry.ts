import { z } from 'zod';
import { ERROR_CODES } from '../errors.js';
import { templateUrlPath } from '../payload/index.js';
import { BLOCK_KINDS, DATA_CATEGORIES } from '../policy/index.js';
import type { ConnectionDecision, DataCategory, Decision, Explanation, FieldDecision } from '../policy/index.js';
import type { FlowRecord } from './record.js';

/**
 * One line of the record journal (journal.ts): what the ledger keeps of one FlowRecord, and nothing more.
 * It is the projection of the record the Aggregator reads, with the ledger's own templating applied first:
 * the request path templated (ids, e-mails out), texts clipped, each field by its template, and a field's
 * own path and rule reason only for fields whose action is not `allow` (the decisions row's explanation
 * holds exactly those). A value's only trace is its keyed fingerprint, as in field_observations. Short
 * keys keep the line small: it is written once per answered request.
 */
const MAX_TEXT = 512;
/** Longer than the ledger's 512: MQTT topics are templated once more before they are clipped. */
const MAX_PATH = 2048;

// The types allow no other category; the schema below would refuse the line on replay.
const KNOWN_CATEGORIES = new Set<string>(DATA_CATEGORIES);
const isDataCategory = (category: string): category is DataCategory => KNOWN_CATEGORIES.has(category);

const clip = (text: string, max = MAX_TEXT): string => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

const text = z.string();
const optionalText = text.nullable();
/** [ruleId, reason, blockedBy, field template] */
const explanationSchema = z.tuple([optionalText, text, z.enum(BLOCK_KINDS).nullable(), optionalText]);
/** [key (template or path), categories, action, applied, opaque, decidedBy, fingerprint, own path, ruleId, reason] */
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
  optionalText,
]);

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
  /** decision: [verdict, violation, block, explanation, fields] */
  x: z.tuple([z.enum(['forward', 'block']), z.boolean(), explanationSchema.nullable(), explanationSchema, z.array(fieldSchema)]).nullable(),
  i: z.boolean(),
  me: optionalText,
  p: optionalText,
  up: z.number(),
  dn: z.number(),
  e: z.tuple([z.enum(ERROR_CODES), text]).nullable(),
  ua: optionalText,
});

export type JournalEntry = z.infer<typeof journalEntrySchema>;

type ExplanationTuple = z.infer<typeof explanationSchema>;
type FieldTuple = z.infer<typeof fieldSchema>;

/** The journal line of `record` (without its newline). */
export function journalLine(record: FlowRecord, seq: number): string {
  const { connection, decision, error } = record;
  const { device, destination } = connection;
  const entry: JournalEntry = {
    s: seq,
    at: record.at,
    d: [device.id, device.name, device.isDefault],
    t: [destination.host, destination.port, destination.scheme, destination.vendor ?? null],
    m: connection.mode,
    cv: connection.verdict,
    cw: connection.wouldBlock,
    ce: explanationTuple(connection.explanation),
    x: decision === undefined ? null : decisionTuple(decision, record.fingerprints),
    i: record.inspectable,
    me: record.method ?? null,
    p: record.path === undefined ? null : clip(templateUrlPath(record.path), MAX_PATH),
    up: record.bytesUp,
    dn: record.bytesDown,
    e: error === undefined ? null : [error.code, clip(error.message)],
    ua: record.upstreamAddress ?? null,
  };
  return JSON.stringify(entry);
}

function explanationTuple(explanation: Explanation): ExplanationTuple {
  return [explanation.ruleId ?? null, clip(explanation.reason), explanation.blockedBy ?? null, explanation.field ?? null];
}

function decisionTuple(decision: Decision, fingerprints: ReadonlyMap<string, string>): NonNullable<JournalEntry['x']> {
  const fields: FieldTuple[] = [];
  for (const field of decision.fields) {
    const key = field.template ?? field.path;
    const explained = field.action !== 'allow';
    fields.push([
      key,
      field.categories.filter(isDataCategory),
      field.action,
      field.applied,
      field.opaque,
      field.decidedBy === undefined ? null : clip(field.decidedBy, MAX_PATH),
      fingerprints.get(key) ?? null,
      explained ? field.path : null,
      explained ? (field.explanation.ruleId ?? null) : null,
      explained ? clip(field.explanation.reason) : null,
    ]);
  }
  const block = decision.block === undefined ? null : explanationTuple(decision.block);
  return [decision.verdict, decision.violation, block, explanationTuple(decision.explanation), fields];
}

/**
 * The FlowRecord a journal entry stands for, as the Aggregator reads it: what the entry does not hold
 * (the client's address, upstream verification, a field's source) is filled with neutral values the
 * ledger never reads.
 */
export function recordOfEntry(entry: JournalEntry): FlowRecord {
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
    const [verdict, violation, block, explanation, fields] = entry.x;
    decision = {
      connection,
      verdict,
      violation,
      block: block === null ? undefined : explanationOf(block),
      explanation: explanationOf(explanation),
      fields: fields.map((field) => fieldOf(field, fingerprints)),
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

function fieldOf(tuple: FieldTuple, fingerprints: Map<string, string>): FieldDecision {
  const [key, categories, action, applied, opaque, decidedBy, fingerprint, ownPath, ruleId, reason] = tuple;
  if (fingerprint !== null) fingerprints.set(key, fingerprint);
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
