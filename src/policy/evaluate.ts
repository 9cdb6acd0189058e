import type { CompiledPolicy, CompiledRule } from './compile.js';
import { decideConnection } from './connection.js';
import type { ClassifiedField, Decision, Explanation, FieldAction, FieldDecision, Flow, Mode, OpaqueFinding } from './flow.js';

/**
 * The per-request decision: which rule wins for each field, whether the request is blocked,
 * and why. Pure; runs once per inspected request over every field, so the per-field work is a
 * scan of the precompiled, precedence-sorted rule list that stops at the first match.
 */
const NO_RULE: Explanation = { ruleId: undefined, reason: 'no rule' };
const LOCKDOWN_DROP: Explanation = { ruleId: undefined, reason: 'lockdown: not explicitly allowed' };

/** The rules that apply to this host, still most specific first. */
function rulesForHost(rules: readonly CompiledRule[], host: string): CompiledRule[] {
  return rules.filter(
    (r) =>
      (r.only === undefined || r.only.some((m) => m.matches(host))) &&
      (r.except === undefined || !r.except.some((m) => m.matches(host))),
  );
}

function firstMatch(rules: readonly CompiledRule[], cf: ClassifiedField): CompiledRule | undefined {
  const { source, segments } = cf.field;
  for (const rule of rules) {
    if (rule.category !== undefined && !cf.categories.includes(rule.category)) continue;
    if (rule.path !== undefined && !rule.path.matches(source, segments)) continue;
    return rule;
  }
  return undefined;
}

function describeOpaque(opaque: OpaqueFinding): string {
  return `${opaque.kind}, ${opaque.length} bytes: ${opaque.reason}`;
}

interface FieldContext {
  readonly rules: readonly CompiledRule[];
  readonly mode: Mode;
  readonly allowOpaque: boolean;
  readonly host: string;
}

function decideField(cf: ClassifiedField, ctx: FieldContext): FieldDecision {
  const rule = firstMatch(ctx.rules, cf);
  let action: FieldAction;
  let explanation: Explanation;
  if (rule !== undefined) {
    [action, explanation] = [rule.rule.action, rule.explanation];
  } else if (cf.opaque !== undefined && !ctx.allowOpaque) {
    action = 'block';
    explanation = {
      ruleId: undefined,
      reason: `opaque value (${describeOpaque(cf.opaque)}) has no rule and ${ctx.host} does not allow opaque data`,
    };
  } else if (ctx.mode === 'lockdown') {
    [action, explanation] = ['drop', LOCKDOWN_DROP];
  } else {
    [action, explanation] = ['allow', NO_RULE];
  }
  return {
    path: cf.field.path,
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
  const ctx: FieldContext = { rules: rulesForHost(profile.rules, host), mode, allowOpaque, host };
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
