import type { PathSegment } from '../payload/index.js';
import type { CompiledPolicy, CompiledProfile, CompiledRule } from './compile.js';
import { templateSegments } from './matchers/path.js';

/** A field the ledger has seen: which device sent it where, its path template, one category ('' for none). */
export interface SeenField {
  readonly deviceId: string;
  readonly host: string;
  readonly path: string;
  readonly category: string;
}

/** A rule no seen field matches, and why a person should look at it. */
export interface UnmatchedRule {
  readonly ruleId: string;
  /** `household`, `default profile` or `device <id>`. */
  readonly scope: string;
  readonly reason: string;
}

interface Seen {
  readonly field: SeenField;
  readonly source: 'body' | 'query';
  readonly segments: readonly PathSegment[];
}

/**
 * The rules of a policy that match nothing in what the ledger has seen: a path that names no seen
 * field or container, a category never seen there, destinations the device never talked to. Such a
 * rule validates but protects nothing, often because of a typo (`$.map.robotPosition`). A pattern
 * naming an array index (`$.list[2]`) cannot be judged against path templates (`$.list[*]`) and is
 * never reported. Pure: the caller reads the ledger.
 */
export function rulesMatchingNothing(cp: CompiledPolicy, seenFields: readonly SeenField[]): UnmatchedRule[] {
  const byDevice = new Map<string, Seen[]>();
  for (const field of seenFields) {
    const parsed = templateSegments(field.path);
    if (parsed === undefined) continue;
    const list = byDevice.get(field.deviceId) ?? [];
    list.push({ field, ...parsed });
    byDevice.set(field.deviceId, list);
  }
  const matched = new Set<CompiledRule['rule']>();
  const owners = new Map<CompiledRule['rule'], { rule: CompiledRule; scope: string; deviceId: string }>();
  for (const profile of [cp.defaultProfile, ...cp.devices.values()]) {
    const seen = byDevice.get(profile.device.id) ?? [];
    for (const rule of profile.rules) {
      if (!owners.has(rule.rule)) owners.set(rule.rule, { rule, scope: scopeOf(rule, profile), deviceId: profile.device.id });
      if (rule.path?.indexed === true || seen.some((s) => ruleMatches(rule, s))) matched.add(rule.rule);
    }
  }
  const devices = byDevice.size;
  const unmatched: UnmatchedRule[] = [];
  for (const [fieldRule, owner] of owners) {
    if (matched.has(fieldRule)) continue;
    const what = [fieldRule.path && `path ${fieldRule.path}`, fieldRule.category && `category ${fieldRule.category}`]
      .filter(Boolean)
      .join(' with ');
    const from =
      owner.rule.scope === 'household'
        ? `any of the ${devices} device(s) in the ledger`
        : byDevice.has(owner.deviceId)
          ? owner.scope
          : `${owner.scope}, which has sent no inspected field the ledger has seen`;
    const where = fieldRule.destinations ? ` to ${fieldRule.destinations.join(' or ')}` : '';
    unmatched.push({ ruleId: fieldRule.id, scope: owner.scope, reason: `its ${what} matches no field seen from ${from}${where}` });
  }
  return unmatched;
}

function scopeOf(rule: CompiledRule, profile: CompiledProfile): string {
  if (rule.scope === 'household') return 'household';
  return profile.device.isDefault ? 'default profile' : `device ${profile.device.id}`;
}

function ruleMatches(rule: CompiledRule, seen: Seen): boolean {
  const { field } = seen;
  if (rule.only !== undefined && !rule.only.some((m) => m.matches(field.host))) return false;
  if (rule.except?.some((m) => m.matches(field.host)) === true) return false;
  if (rule.category !== undefined && field.category !== rule.category) return false;
  return rule.path === undefined || rule.path.matchDepth(seen.source, seen.segments) !== undefined;
}
