import type { DataCategory } from './categories.js';
import type { HomeStates } from './condition-check.js';
import type { Condition } from './conditions.js';
import type { DeviceRef, Explanation, FieldAction, Mode, PseudonymScope } from './flow.js';
import { compileHostGlob, type HostMatcher } from './matchers/host.js';
import { parseCidr, type CidrMatcher } from './matchers/ip.js';
import { normalizeMac } from './matchers/mac.js';
import { compilePathPattern, type PathMatcher } from './matchers/path.js';
import { DEFAULT_DEVICE_ID, type ConditionalMode, type Destination, type FieldRule, type Policy } from './schema.js';

/**
 * A policy with every matcher built once, so that evaluating a request only runs precomputed tests.
 * Each device (and the default profile) gets its own merged, precedence-sorted rule and destination
 * lists: the first rule that matches a field is the winner.
 */
export type ScopeKind = 'device' | 'default' | 'household';

export interface CompiledDestination {
  readonly destination: Destination;
  readonly scope: ScopeKind;
  readonly scopeLabel: string;
  readonly hosts: readonly HostMatcher[];
  readonly ports: ReadonlySet<number> | undefined;
  readonly schemes: ReadonlySet<string> | undefined;
}

export interface CompiledRule {
  readonly rule: FieldRule;
  readonly scope: ScopeKind;
  readonly path: PathMatcher | undefined;
  readonly category: DataCategory | undefined;
  readonly only: readonly HostMatcher[] | undefined;
  readonly except: readonly HostMatcher[] | undefined;
  /** The Home Assistant condition the rule applies under, if any (read per request from HomeStates). */
  readonly when: Condition | undefined;
  /** Built once; its reason reads `rule "no-location" (device doorbell): category location → redact`. */
  readonly explanation: Explanation;
}

export interface CompiledProfile {
  readonly device: DeviceRef;
  /** The mode when no conditional mode holds. */
  readonly mode: Mode;
  /** Modes that replace `mode` while their condition holds (the first that holds wins). */
  readonly modeWhen: readonly ConditionalMode[];
  readonly quarantine: boolean;
  /** Whose key pseudonymises hashed values for this device (see Decision.pseudonyms). */
  readonly pseudonyms: PseudonymScope;
  /** The device's (or default profile's) destinations first, then the household's. */
  readonly destinations: readonly CompiledDestination[];
  /** Most specific first. */
  readonly rules: readonly CompiledRule[];
}

export interface CompiledPolicy {
  readonly policy: Policy;
  readonly defaultProfile: CompiledProfile;
  readonly devices: ReadonlyMap<string, CompiledProfile>;
  readonly byMac: ReadonlyMap<string, CompiledProfile>;
  /** Longest prefix first, so the first containing entry is the most specific. */
  readonly byAddress: readonly { readonly cidr: CidrMatcher; readonly profile: CompiledProfile }[];
  /**
   * The Home Assistant states conditions are read from (see withHomeStates); absent: none known, so
   * every condition takes its stricter reading.
   */
  readonly states?: HomeStates | undefined;
}

/** The policy in force with the states of the moment: what evaluate() reads conditions from. */
export function withHomeStates(cp: CompiledPolicy, states: HomeStates): CompiledPolicy {
  return { ...cp, states };
}

/** Higher is stricter; ties between equally specific rules go to the strictest action. */
export const ACTION_STRICTNESS: Record<FieldAction, number> = { allow: 0, hash: 1, redact: 2, drop: 3, block: 4 };

function hostList(globs: readonly string[] | undefined): HostMatcher[] | undefined {
  return globs?.map(compileHostGlob);
}

function ruleReason(rule: FieldRule, scopeLabel: string): string {
  const what = [rule.path && `path ${rule.path}`, rule.category && `category ${rule.category}`].filter(Boolean);
  let reason = `rule "${rule.id}" (${scopeLabel}): ${what.join(' with ')} → ${rule.action}`;
  if (rule.destinations) reason += `, only for destination ${rule.destinations.join(' or ')}`;
  if (rule.except) reason += `, unless destination ${rule.except.join(' or ')}`;
  return reason;
}

function compileRule(rule: FieldRule, scope: ScopeKind, scopeLabel: string): CompiledRule {
  return {
    rule,
    scope,
    path: rule.path === undefined ? undefined : compilePathPattern(rule.path),
    category: rule.category,
    only: hostList(rule.destinations),
    except: hostList(rule.except),
    when: rule.when,
    explanation: { ruleId: rule.id, reason: ruleReason(rule, scopeLabel) },
  };
}

/**
 * Compared in order: device > household, path > category, more literals, fixed depth, category too, scoped,
 * conditioned (a rule "while X" is the exception to the same rule without one), strictest.
 */
function specificity(r: CompiledRule): number[] {
  return [
    r.scope === 'household' ? 0 : 1,
    r.path ? 1 : 0,
    r.path?.literalCount ?? 0,
    r.path?.anyDepth === false ? 1 : 0,
    r.category ? 1 : 0,
    r.only ? 1 : 0,
    r.when ? 1 : 0,
    ACTION_STRICTNESS[r.rule.action],
  ];
}

function byPrecedence(a: CompiledRule, b: CompiledRule): number {
  const sa = specificity(a);
  const sb = specificity(b);
  for (let i = 0; i < sa.length; i += 1) {
    const d = (sb[i] ?? 0) - (sa[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

function compileDestination(destination: Destination, scope: ScopeKind, scopeLabel: string): CompiledDestination {
  return {
    destination,
    scope,
    scopeLabel,
    hosts: destination.hosts.map(compileHostGlob),
    ports: destination.ports && new Set(destination.ports),
    schemes: destination.schemes && new Set(destination.schemes),
  };
}

interface ScopeInput {
  readonly destinations: readonly Destination[];
  readonly rules: readonly FieldRule[];
}

function compileProfile(
  device: DeviceRef,
  mode: Mode,
  modeWhen: readonly ConditionalMode[],
  quarantine: boolean,
  pseudonyms: PseudonymScope,
  own: ScopeInput,
  household: { destinations: CompiledDestination[]; rules: CompiledRule[] },
): CompiledProfile {
  const scope: ScopeKind = device.isDefault ? 'default' : 'device';
  const label = device.isDefault ? 'default profile' : `device ${device.id}`;
  const rules = [...own.rules.map((r) => compileRule(r, scope, label)), ...household.rules].sort(byPrecedence);
  const destinations = [...own.destinations.map((d) => compileDestination(d, scope, label)), ...household.destinations];
  return { device, mode, modeWhen, quarantine, pseudonyms, destinations, rules };
}

export function compilePolicy(policy: Policy): CompiledPolicy {
  const household = {
    destinations: policy.destinations.map((d) => compileDestination(d, 'household', 'household')),
    rules: policy.rules.map((r) => compileRule(r, 'household', 'household')),
  };
  const fallback = policy.defaultProfile;
  const defaultProfile = compileProfile(
    { id: DEFAULT_DEVICE_ID, name: 'Unknown device', isDefault: true },
    fallback.mode ?? policy.mode,
    [],
    fallback.quarantine ?? false,
    fallback.pseudonyms ?? policy.pseudonyms,
    fallback,
    household,
  );
  const devices = new Map<string, CompiledProfile>();
  const byMac = new Map<string, CompiledProfile>();
  const byAddress: { cidr: CidrMatcher; profile: CompiledProfile }[] = [];
  for (const device of policy.devices) {
    const ref: DeviceRef = { id: device.id, name: device.name, isDefault: false, ...(device.manufacturer === undefined ? {} : { manufacturer: device.manufacturer }) };
    const profile = compileProfile(ref, device.mode ?? policy.mode, device.modeWhen ?? [], device.quarantine, device.pseudonyms ?? policy.pseudonyms, device, household);
    devices.set(device.id, profile);
    for (const text of device.macs ?? []) {
      const mac = normalizeMac(text);
      if (mac !== undefined) byMac.set(mac, profile);
    }
    for (const text of device.addresses) {
      const cidr = parseCidr(text);
      if (cidr !== undefined) byAddress.push({ cidr, profile });
    }
  }
  byAddress.sort((a, b) => b.cidr.prefix - a.cidr.prefix);
  return { policy, defaultProfile, devices, byMac, byAddress };
}
