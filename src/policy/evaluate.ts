import { formatPath, soleItemIndex } from '../payload/index.js';
import { ACTION_STRICTNESS, type CompiledPolicy, type CompiledProfile, type CompiledRule } from './compile.js';
import { checkCondition, explainOutcome, NO_HOME_STATES, type ConditionRecord, type HomeStates } from './condition-check.js';
import type { Condition } from './conditions.js';
import { decideConnection } from './connection.js';
import { itemPathOf, KindDecisions, kindFits, type ItemPath } from './field-decision.js';
import type { ClassifiedField, Decision, Explanation, FieldAction, FieldDecision, Flow, Mode, OpaqueFinding } from './flow.js';

/**
 * The per-request decision: which rule wins for each field, whether the request is blocked,
 * and why. Pure; runs once per inspected request over every field. The rules that apply to a host,
 * and among them the ones whose path can match a path template (`$.ap_list[*].ssid`), are worked
 * out once and cached per compiled profile, so per field only the category tests (and patterns
 * naming an array index) remain, in precedence order, stopping at the first match. A path rule on an
 * object or array covers every field below it (see PathMatcher.matchDepth).
 */
const NO_RULE: Explanation = { ruleId: undefined, reason: 'no rule' };
const LOCKDOWN_DROP: Explanation = { ruleId: undefined, reason: 'lockdown: not explicitly allowed' };

/**
 * A rule that can match fields of one template, with how deep its path matched when that is known
 * from the template alone (index-free patterns); undefined for category-only and indexed rules.
 */
interface Candidate {
  readonly rule: CompiledRule;
  readonly depth: number | undefined;
}

/**
 * The rules that can match one template's fields, and the kind of decision its last field got with its
 * decisions (reused by the next field it fits: most fields of a template are decided alike, see DecisionKind).
 */
interface TemplateRules {
  readonly candidates: readonly Candidate[];
  decisions: KindDecisions | undefined;
  /** The template around its only `[*]`, when its fields' paths can be built from it (KindDecision). */
  readonly itemPath: ItemPath | undefined;
}

/** The rules of one profile that apply to one host (most specific first), and their candidates per template. */
interface HostRules {
  readonly rules: readonly CompiledRule[];
  readonly byTemplate: Map<string, TemplateRules>;
  /** The last request's field decisions for this host, handed out again while every one is the same (decideFields). */
  lastDecisions: readonly FieldDecision[] | undefined;
}

/** Hosts and templates come from requests and payloads: the caches are bounded and start over when full. */
const MAX_HOSTS = 512;
const MAX_TEMPLATES = 10_000;
const hostRulesCache = new WeakMap<CompiledProfile, Map<string, HostRules>>();

function hostRules(profile: CompiledProfile, host: string): HostRules {
  let byHost = hostRulesCache.get(profile);
  if (byHost === undefined) {
    byHost = new Map();
    hostRulesCache.set(profile, byHost);
  }
  let entry = byHost.get(host);
  if (entry === undefined) {
    if (byHost.size >= MAX_HOSTS) byHost.clear();
    entry = { rules: rulesForHost(profile.rules, host), byTemplate: new Map(), lastDecisions: undefined };
    byHost.set(host, entry);
  }
  return entry;
}

/** The rules that apply to this host, still most specific first. */
function rulesForHost(rules: readonly CompiledRule[], host: string): CompiledRule[] {
  return rules.filter(
    (r) =>
      (r.only === undefined || r.only.some((m) => m.matches(host))) &&
      (r.except === undefined || !r.except.some((m) => m.matches(host))),
  );
}

/**
 * The rules that can match fields with this field's template: category rules, patterns naming an
 * array index (checked per field), and index-free patterns that match the template. A field without
 * a template (built by hand, not by a parser) gets every rule and has each pattern checked.
 */
function candidatesFor(hr: HostRules, field: ClassifiedField['field']): TemplateRules {
  const template = field.pathTemplate;
  if (template === undefined) return { candidates: hr.rules.map((rule) => ({ rule, depth: undefined })), decisions: undefined, itemPath: undefined };
  const cached = hr.byTemplate.get(template);
  if (cached !== undefined) return cached;
  if (hr.byTemplate.size >= MAX_TEMPLATES) hr.byTemplate.clear();
  const candidates: Candidate[] = [];
  for (const rule of hr.rules) {
    const path = rule.path;
    if (path === undefined || path.indexed) candidates.push({ rule, depth: undefined });
    else {
      const depth = path.matchDepth(field.source, field.segments);
      if (depth !== undefined) candidates.push({ rule, depth });
    }
  }
  const entry: TemplateRules = { candidates, decisions: undefined, itemPath: itemPathOf(template) };
  hr.byTemplate.set(template, entry);
  return entry;
}

interface Match {
  readonly rule: CompiledRule;
  /** How many segments of the field the rule's path named (undefined for a category-only rule). */
  readonly depth: number | undefined;
  /** The condition the rule was read with, when it has one. */
  readonly condition?: ConditionRecord | undefined;
}

/**
 * The rules that decide a field: the first matching rule that certainly applies, the conditioned rules
 * before it whose state was never seen (any of them might apply: decideField takes the stricter), and
 * the first conditioned rule skipped because its condition does not hold (named in the explanation).
 */
interface Matches {
  readonly first: Match | undefined;
  readonly unsure: readonly Match[];
  readonly skipped: Match | undefined;
}

/** Nothing matched and nothing is unsure: most fields of a payload, so one shared object. */
const NO_MATCHES: Matches = { first: undefined, unsure: [], skipped: undefined };

function firstMatch(candidates: readonly Candidate[], cf: ClassifiedField, conditions: ConditionReader): Matches {
  const field = cf.field;
  const cached = field.pathTemplate !== undefined;
  // Allocated only for conditioned rules: most fields are decided by no rule or one plain rule.
  let unsure: Match[] | undefined;
  let skipped: Match | undefined;
  // Indexed loops here and in decideField: run for every field of every request, where for-of's iterator
  // results were a third of evaluate's allocations (24 of 97 KB per 10 KB request).
  for (let i = 0; i < candidates.length; i++) {
    const { rule, depth: known } = candidates[i] as Candidate;
    if (rule.category !== undefined && !cf.categories.includes(rule.category)) continue;
    const path = rule.path;
    const depth = path === undefined || (cached && !path.indexed) ? known : path.matchDepth(field.source, field.segments);
    if (path !== undefined && depth === undefined) continue;
    if (rule.when === undefined) return { first: { rule, depth }, unsure: unsure ?? NO_MATCHES.unsure, skipped };
    const condition = conditions.read(rule, rule.when);
    const match = { rule, depth, condition };
    if (condition.assumed) (unsure ??= []).push(match);
    else if (condition.holds) return { first: match, unsure: unsure ?? NO_MATCHES.unsure, skipped };
    else skipped ??= match;
  }
  return unsure === undefined && skipped === undefined ? NO_MATCHES : { first: undefined, unsure: unsure ?? NO_MATCHES.unsure, skipped };
}

/** Reads each conditioned rule once per request and keeps what it read for the decision. */
class ConditionReader {
  readonly records = new Map<CompiledRule, ConditionRecord>();
  constructor(private readonly states: HomeStates) {}

  read(rule: CompiledRule, when: Condition): ConditionRecord {
    let record = this.records.get(rule);
    if (record === undefined) {
      // Unknown state: the rule counts as a possibility and decideField keeps the strictest outcome.
      record = { ...checkCondition(when, this.states, true), guards: 'rule', id: rule.rule.id };
      this.records.set(rule, record);
    }
    return record;
  }
}

function conditioned(explanation: Explanation, condition: ConditionRecord | undefined): Explanation {
  return condition === undefined ? explanation : { ...explanation, reason: `${explanation.reason}, ${explainOutcome(condition)}` };
}

/** The container a rule matched, when it is not the field itself. */
function containerOf(field: ClassifiedField['field'], depth: number | undefined): FieldDecision['container'] {
  if (depth === undefined) return undefined;
  const segments = field.segments;
  if (depth >= segments.length) return undefined;
  return { path: formatPath(field.source, segments.slice(0, depth)), depth };
}

/**
 * A category rule matched because the classifier named the category: the reason says which detector(s)
 * decided it (`… → redact — key "lat": word "latitude" → location`), for the ledger, `inspect` and the card.
 */
/**
 * A category rule's explanation with the classifier's: one object per rule and classification, kept, because a
 * decision's kind is shared only while its explanation is the very same object (field-decision.ts kindFits):
 * made per field, every field a category rule decides got a kind and a decision of its own on every request.
 * The classifier's explanations are its words, shared per template; at most MAX_CLASSIFIED per rule are kept.
 */
function withClassification(rule: Explanation, classification: string): Explanation {
  let byClassification = classifiedExplanations.get(rule);
  if (byClassification === undefined) classifiedExplanations.set(rule, (byClassification = new Map()));
  let explanation = byClassification.get(classification);
  if (explanation === undefined) {
    explanation = { ...rule, reason: `${rule.reason} — ${classification}` };
    if (byClassification.size >= MAX_CLASSIFIED) byClassification.clear();
    byClassification.set(classification, explanation);
  }
  return explanation;
}

const MAX_CLASSIFIED = 1_024;
const classifiedExplanations = new WeakMap<Explanation, Map<string, Explanation>>();

function describeOpaque(opaque: OpaqueFinding): string {
  return `${opaque.kind}, ${opaque.length} bytes: ${opaque.reason}`;
}

interface FieldContext {
  readonly rules: HostRules;
  readonly mode: Mode;
  /** The mode with the condition that put it in force, for the lockdown explanation. */
  readonly modeLabel: string;
  readonly allowOpaque: boolean;
  readonly host: string;
  readonly conditions: ConditionReader;
}

function ruleOutcome(match: Match, cf: ClassifiedField): { action: FieldAction; explanation: Explanation } {
  const explanation =
    match.rule.category !== undefined && cf.explanation !== undefined && cf.explanation !== ''
      ? withClassification(match.rule.explanation, cf.explanation)
      : match.rule.explanation;
  return { action: match.rule.rule.action, explanation: conditioned(explanation, match.condition) };
}

function decideField(cf: ClassifiedField, ctx: FieldContext): FieldDecision {
  const rules = candidatesFor(ctx.rules, cf.field);
  const { first, unsure, skipped } = firstMatch(rules.candidates, cf, ctx.conditions);
  let { action, explanation } = first === undefined ? fallback(cf, ctx) : ruleOutcome(first, cf);
  let match = first;
  // The stricter reading: a rule whose state was never seen wins when it is stricter than what applies otherwise.
  for (let i = 0; i < unsure.length; i++) {
    const candidate = unsure[i] as Match;
    if (ACTION_STRICTNESS[candidate.rule.rule.action] > ACTION_STRICTNESS[action]) {
      ({ action, explanation } = ruleOutcome(candidate, cf));
      match = candidate;
    }
  }
  if (match === undefined && skipped?.condition !== undefined) {
    explanation = { ...explanation, reason: `${explanation.reason}; rule "${skipped.rule.rule.id}" does not apply: ${explainOutcome(skipped.condition)}` };
  }
  const field = cf.field;
  const template = field.pathTemplate;
  const source = field.source;
  const opaque = cf.opaque !== undefined;
  const applied = ctx.mode !== 'monitor' && action !== 'allow';
  const decidedBy = cf.explanation === '' ? undefined : cf.explanation;
  const container = match === undefined ? undefined : containerOf(field, match.depth);
  let decisions = rules.decisions;
  if (decisions === undefined || !kindFits(decisions.kind, template, source, cf.categories, decidedBy, opaque, action, applied, explanation, container)) {
    decisions = new KindDecisions({ template, source, categories: cf.categories, decidedBy, opaque, action, applied, explanation, container });
    rules.decisions = decisions;
  }
  // The decision keeps the field's path (or an allowed list item's index) and the shared kind, never the
  // classified field (whose value may be a slice of the body): decisions live until the request is recorded,
  // after the vendor's answer. The ledger reads the path only of fields that are not allowed.
  const item = rules.itemPath;
  if (action === 'allow' && item !== undefined) {
    const index = soleItemIndex(field);
    if (index >= 0) return decisions.item(index, item);
  }
  return decisions.at(field.path);
}

/** What a field gets when no rule applies: an opaque value blocks, lockdown drops, else it passes. */
function fallback(cf: ClassifiedField, ctx: FieldContext): { action: FieldAction; explanation: Explanation } {
  let action: FieldAction;
  let explanation: Explanation;
  if (cf.opaque !== undefined && !ctx.allowOpaque) {
    action = 'block';
    explanation = {
      ruleId: undefined,
      reason: `opaque value (${describeOpaque(cf.opaque)}) has no rule and ${ctx.host} does not allow opaque data`,
    };
  } else if (ctx.mode === 'lockdown') {
    action = 'drop';
    explanation = ctx.modeLabel === 'lockdown' ? LOCKDOWN_DROP : { ...LOCKDOWN_DROP, reason: `${ctx.modeLabel}: not explicitly allowed` };
  } else {
    return ALLOWED;
  }
  return { action, explanation };
}

/** The outcome of most fields (no rule, not opaque, not lockdown): shared, as its callers only read it. */
const ALLOWED: { readonly action: FieldAction; readonly explanation: Explanation } = { action: 'allow', explanation: NO_RULE };

/** The block a field causes: a rule's block names the field; an opaque value without a rule is an opaque block. */
function fieldBlock(field: FieldDecision): Explanation {
  const blockedBy = field.explanation.ruleId === undefined && field.opaque ? 'opaque' : 'field';
  return { ...field.explanation, blockedBy, field: field.template ?? field.path };
}

function summary(mode: Mode, label: string, block: Explanation | undefined, changed: number): Explanation {
  if (mode === 'monitor') {
    if (block) {
      const reason = `monitor mode, nothing enforced; would block: ${block.reason}`;
      return { ruleId: block.ruleId, reason, blockedBy: block.blockedBy, field: block.field };
    }
    if (changed === 0) return { ruleId: undefined, reason: `${label} mode: nothing to change` };
    return { ruleId: undefined, reason: `${label} mode, nothing enforced; ${changed} field(s) would be changed` };
  }
  if (block) return { ruleId: block.ruleId, reason: `blocked: ${block.reason}`, blockedBy: block.blockedBy, field: block.field };
  return { ruleId: undefined, reason: changed > 0 ? `${label}: ${changed} field(s) changed` : `${label}: forwarded unchanged` };
}

/** Lists of more fields are not kept for the next request (a host's list is ~8 bytes a field). */
const MAX_KEPT_DECISIONS = 4_096;

/**
 * The decisions of a payload's fields. Decisions are shared per kind across requests (field-decision.ts), so a
 * device sending one shape gets the same objects request after request: the host's last list is then handed
 * out again instead of a new one (~5 KB per 10 KB body). A new list is made from the first decision that
 * differs. A list may be read by several requests at once: nothing writes to one (readonly). Not frozen: a
 * frozen array sends every `for…of` that meets one (here, the ledger's) to a slow path that allocates an
 * iterator result per element, for plain arrays too.
 */
function decideFields(fields: readonly ClassifiedField[], ctx: FieldContext): readonly FieldDecision[] {
  const n = fields.length;
  const last = ctx.rules.lastDecisions;
  let same = last !== undefined && last.length === n ? last : undefined;
  // Allocated at its size, as map would: pushing regrows it a dozen times for a 10 KB body.
  let made: FieldDecision[] | undefined = same === undefined ? new Array<FieldDecision>(n) : undefined;
  for (let i = 0; i < n; i++) {
    const decision = decideField(fields[i] as ClassifiedField, ctx);
    if (same !== undefined) {
      if (same[i] === decision) continue;
      made = new Array<FieldDecision>(n);
      for (let j = 0; j < i; j++) made[j] = same[j] as FieldDecision;
      same = undefined;
    }
    if (made !== undefined) made[i] = decision;
  }
  if (same !== undefined) return same;
  const list = made ?? [];
  if (n <= MAX_KEPT_DECISIONS) ctx.rules.lastDecisions = list;
  return list;
}

/** Decides one request: per-field actions, verdict, violation, each with its explanation. */
export function evaluate(flow: Flow, cp: CompiledPolicy): Decision {
  const { decision: connection, profile, match, block: connectionBlock, modeLabel } = decideConnection(cp, flow.target);
  const mode = connection.mode;
  const connectionConditions = connection.conditions ?? [];
  if (connection.verdict === 'block') {
    const explanation = connection.explanation;
    const conditions = connectionConditions.length === 0 ? {} : { conditions: connectionConditions };
    return { connection, verdict: 'block', violation: true, fields: [], block: explanation, explanation, pseudonyms: profile.pseudonyms, ...conditions };
  }
  let block = connectionBlock;
  const payload = flow.payload;
  const allowOpaque = match?.compiled.destination.allowOpaque ?? false;
  const host = connection.destination.host;
  const conditionReader = new ConditionReader(cp.states ?? NO_HOME_STATES);
  const ctx: FieldContext = { rules: hostRules(profile, host), mode, modeLabel, allowOpaque, host, conditions: conditionReader };
  const fields = payload === undefined ? [] : decideFields(payload.fields, ctx);

  let changed = 0;
  let nonAllow = false;
  for (const field of fields) {
    if (field.action !== 'allow') nonAllow = true;
    if (field.action === 'block') block ??= fieldBlock(field);
    else if (field.action !== 'allow') changed += 1;
  }
  if (payload?.opaque !== undefined && !allowOpaque) {
    block ??= {
      ruleId: undefined,
      reason: `opaque body (${describeOpaque(payload.opaque)}) and ${ctx.host} does not allow opaque data`,
      blockedBy: 'opaque',
    };
  }
  const enforced = block !== undefined && mode !== 'monitor';
  const conditions = [...connectionConditions, ...conditionReader.records.values()];
  return {
    connection,
    verdict: enforced ? 'block' : 'forward',
    violation: block !== undefined || nonAllow,
    fields,
    block,
    explanation: summary(mode, modeLabel, block, changed),
    pseudonyms: profile.pseudonyms,
    ...(conditions.length === 0 ? {} : { conditions }),
  };
}
