import type { CompiledPolicy, CompiledProfile, CompiledRule } from './compile.js';
import { decideConnection } from './connection.js';
import type { ClassifiedField, Decision, Explanation, FieldAction, FieldDecision, Flow, Mode, OpaqueFinding } from './flow.js';

/**
 * The per-request decision: which rule wins for each field, whether the request is blocked,
 * and why. Pure; runs once per inspected request over every field. The rules that apply to a host,
 * and among them the ones whose path can match a path template (`$.ap_list[*].ssid`), are worked
 * out once and cached per compiled profile, so per field only the category tests (and patterns
 * naming an array index) remain, in precedence order, stopping at the first match.
 */
const NO_RULE: Explanation = { ruleId: undefined, reason: 'no rule' };
const LOCKDOWN_DROP: Explanation = { ruleId: undefined, reason: 'lockdown: not explicitly allowed' };

/** The rules of one profile that apply to one host (most specific first), and their candidates per template. */
interface HostRules {
  readonly rules: readonly CompiledRule[];
  readonly byTemplate: Map<string, readonly CompiledRule[]>;
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
    entry = { rules: rulesForHost(profile.rules, host), byTemplate: new Map() };
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
function candidatesFor(hr: HostRules, field: ClassifiedField['field']): readonly CompiledRule[] | undefined {
  const template = field.pathTemplate;
  if (template === undefined) return undefined;
  let candidates = hr.byTemplate.get(template);
  if (candidates === undefined) {
    if (hr.byTemplate.size >= MAX_TEMPLATES) hr.byTemplate.clear();
    candidates = hr.rules.filter((r) => r.path === undefined || r.path.indexed || r.path.matches(field.source, field.segments));
    hr.byTemplate.set(template, candidates);
  }
  return candidates;
}

function firstMatch(hr: HostRules, cf: ClassifiedField): CompiledRule | undefined {
  const field = cf.field;
  const candidates = candidatesFor(hr, field);
  const rules = candidates ?? hr.rules;
  for (const rule of rules) {
    if (rule.category !== undefined && !cf.categories.includes(rule.category)) continue;
    const path = rule.path;
    if (path !== undefined && (candidates === undefined || path.indexed) && !path.matches(field.source, field.segments)) continue;
    return rule;
  }
  return undefined;
}

/**
 * A category rule matched because the classifier named the category: the reason says which detector(s)
 * decided it (`… → redact — key "lat": word "latitude" → location`), for the ledger, `inspect` and the card.
 */
function withClassification(rule: Explanation, classification: string): Explanation {
  return { ruleId: rule.ruleId, reason: `${rule.reason} — ${classification}` };
}

function describeOpaque(opaque: OpaqueFinding): string {
  return `${opaque.kind}, ${opaque.length} bytes: ${opaque.reason}`;
}

interface FieldContext {
  readonly rules: HostRules;
  readonly mode: Mode;
  readonly allowOpaque: boolean;
  readonly host: string;
}

function decideField(cf: ClassifiedField, ctx: FieldContext): FieldDecision {
  const rule = firstMatch(ctx.rules, cf);
  let action: FieldAction;
  let explanation: Explanation;
  if (rule !== undefined) {
    action = rule.rule.action;
    explanation = rule.category !== undefined && cf.explanation ? withClassification(rule.explanation, cf.explanation) : rule.explanation;
  } else if (cf.opaque !== undefined && !ctx.allowOpaque) {
    action = 'block';
    explanation = {
      ruleId: undefined,
      reason: `opaque value (${describeOpaque(cf.opaque)}) has no rule and ${ctx.host} does not allow opaque data`,
    };
  } else if (ctx.mode === 'lockdown') {
    action = 'drop';
    explanation = LOCKDOWN_DROP;
  } else {
    action = 'allow';
    explanation = NO_RULE;
  }
  return {
    path: cf.field.path,
    template: cf.field.pathTemplate,
    source: cf.field.source,
    categories: cf.categories,
    opaque: cf.opaque !== undefined,
    action,
    applied: ctx.mode !== 'monitor' && action !== 'allow',
    explanation,
  };
}

function summary(mode: Mode, block: Explanation | undefined, changed: number): Explanation {
  if (mode === 'monitor') {
    if (block) return { ruleId: block.ruleId, reason: `monitor mode, nothing enforced; would block: ${block.reason}` };
    if (changed === 0) return { ruleId: undefined, reason: 'monitor mode: nothing to change' };
    return { ruleId: undefined, reason: `monitor mode, nothing enforced; ${changed} field(s) would be changed` };
  }
  if (block) return { ruleId: block.ruleId, reason: `blocked: ${block.reason}` };
  return { ruleId: undefined, reason: changed > 0 ? `${mode}: ${changed} field(s) changed` : `${mode}: forwarded unchanged` };
}

/** Decides one request: per-field actions, verdict, violation, each with its explanation. */
export function evaluate(flow: Flow, cp: CompiledPolicy): Decision {
  const { decision: connection, profile, match, block: connectionBlock } = decideConnection(cp, flow.target);
  const mode = connection.mode;
  if (connection.verdict === 'block') {
    const explanation = connection.explanation;
    return { connection, verdict: 'block', violation: true, fields: [], block: explanation, explanation };
  }
  let block = connectionBlock;
  const payload = flow.payload;
  const allowOpaque = match?.compiled.destination.allowOpaque ?? false;
  const host = connection.destination.host;
  const ctx: FieldContext = { rules: hostRules(profile, host), mode, allowOpaque, host };
  const fields = payload === undefined ? [] : payload.fields.map((cf) => decideField(cf, ctx));

  let changed = 0;
  let nonAllow = false;
  for (const field of fields) {
    if (field.action !== 'allow') nonAllow = true;
    if (field.action === 'block') block ??= field.explanation;
    else if (field.action !== 'allow') changed += 1;
  }
  if (payload?.opaque !== undefined && !allowOpaque) {
    block ??= {
      ruleId: undefined,
      reason: `opaque body (${describeOpaque(payload.opaque)}) and ${ctx.host} does not allow opaque data`,
    };
  }
  const enforced = block !== undefined && mode !== 'monitor';
  return {
    connection,
    verdict: enforced ? 'block' : 'forward',
    violation: block !== undefined || nonAllow,
    fields,
    block,
    explanation: summary(mode, block, changed),
  };
}
