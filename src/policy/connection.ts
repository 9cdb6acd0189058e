import type { CompiledDestination, CompiledPolicy, CompiledProfile } from './compile.js';
import { destinationCounts, resolveMode } from './condition-eval.js';
import { explainOutcome, NO_HOME_STATES, type ConditionRecord, type HomeStates } from './condition-check.js';
import type { ConnectionDecision, DeviceRef, Explanation, FlowTarget, Scheme } from './flow.js';
import { bestHostMatch, canonicalHost, type HostMatcher } from './matchers/host.js';
import { addressScope, cidrContains, parseClientIp, parseIp } from './matchers/ip.js';
import { normalizeMac } from './matchers/mac.js';

/** Device resolution and the connection-level decision, taken before any body is read. */
export interface ResolvedDevice {
  readonly device: DeviceRef;
  readonly profile: CompiledProfile;
}

/** A known MAC wins over addresses; among addresses the longest prefix wins; else the default profile. */
export function resolveDevice(cp: CompiledPolicy, clientAddress: string, mac?: string): ResolvedDevice {
  const normalMac = mac === undefined ? undefined : normalizeMac(mac);
  const byMac = normalMac === undefined ? undefined : cp.byMac.get(normalMac);
  if (byMac !== undefined) return { device: byMac.device, profile: byMac };
  const ip = parseClientIp(clientAddress);
  if (ip !== undefined) {
    for (const entry of cp.byAddress) {
      if (cidrContains(entry.cidr, ip)) return { device: entry.profile.device, profile: entry.profile };
    }
  }
  return { device: cp.defaultProfile.device, profile: cp.defaultProfile };
}

export interface DestinationMatch {
  readonly compiled: CompiledDestination;
  readonly host: HostMatcher;
  /** The condition the entry holds under, when it has one. */
  readonly condition?: ConditionRecord | undefined;
}

/** Lexicographic: own scope, host specificity, port-specific, scheme-specific, then block wins ties. */
function matchKey(m: DestinationMatch): number[] {
  const d = m.compiled;
  return [
    d.scope === 'household' ? 0 : 1,
    m.host.specificity,
    d.ports ? 1 : 0,
    d.schemes ? 1 : 0,
    d.destination.access === 'block' ? 1 : 0,
  ];
}

function beats(a: number[], b: number[]): boolean {
  for (let i = 0; i < a.length; i += 1) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d > 0;
  }
  return false;
}

export function matchDestination(
  profile: CompiledProfile,
  host: string,
  port: number,
  scheme: Scheme,
  states: HomeStates = NO_HOME_STATES,
  records: ConditionRecord[] = [],
): DestinationMatch | undefined {
  let best: DestinationMatch | undefined;
  let bestKey: number[] = [];
  for (const compiled of profile.destinations) {
    if (compiled.ports && !compiled.ports.has(port)) continue;
    if (compiled.schemes && !compiled.schemes.has(scheme)) continue;
    const matcher = bestHostMatch(compiled.hosts, host);
    if (matcher === undefined) continue;
    // A conditioned entry that does not hold now is as if it were not in the policy.
    if (!destinationCounts(compiled, states, records)) continue;
    const condition = compiled.destination.when === undefined ? undefined : records.at(-1);
    const candidate = { compiled, host: matcher, condition };
    const key = matchKey(candidate);
    if (best === undefined || beats(key, bestKey)) [best, bestKey] = [candidate, key];
  }
  return best;
}

function describeMatch(m: DestinationMatch): string {
  const d = m.compiled.destination;
  const id = d.id === undefined ? '' : ` "${d.id}"`;
  const ports = d.ports ? ` port ${d.ports.join('/')}` : '';
  const schemes = d.schemes ? ` ${d.schemes.join('/')}` : '';
  const base = `destination${id} ${d.vendor} (${m.compiled.scopeLabel}) matches ${m.host.glob}${ports}${schemes}`;
  return m.condition === undefined ? base : `${base}, ${explainOutcome(m.condition)}`;
}

export interface ConnectionOutcome {
  readonly decision: ConnectionDecision;
  readonly profile: CompiledProfile;
  readonly match: DestinationMatch | undefined;
  /** What blocks (or in monitor mode would block) the connection, without the monitor-mode prefix. */
  readonly block: Explanation | undefined;
  /** The mode in force, with the condition that put it there (`lockdown while schedule.night is on (…)`). */
  readonly modeLabel: string;
}

/**
 * Refusals that protect the gateway and the home rather than the owner's privacy choices: they hold in
 * every mode, monitor included. Their rule ids are stable names the ledger, the card and tests show.
 */
export const GUARD_RULES = {
  hostInvalid: 'gateway:host-invalid',
  localDestination: 'gateway:local-destination',
} as const;

/**
 * The last outcome per target: the proxy decides a connection before it reads a body and evaluate decides it
 * again for every request, with the same target object (one per request, or per connection for TLS and
 * keep-alive) and the same compiled policy, which with its home states is immutable (withHomeStates makes a
 * new one). Weak: a target that is let go takes its outcome with it.
 */
const lastOutcome = new WeakMap<FlowTarget, { readonly cp: CompiledPolicy; readonly outcome: ConnectionOutcome }>();

export function decideConnection(cp: CompiledPolicy, target: FlowTarget): ConnectionOutcome {
  const last = lastOutcome.get(target);
  if (last !== undefined && last.cp === cp) return last.outcome;
  const outcome = decideAfresh(cp, target);
  lastOutcome.set(target, { cp, outcome });
  return outcome;
}

function decideAfresh(cp: CompiledPolicy, target: FlowTarget): ConnectionOutcome {
  const { device, profile } = resolveDevice(cp, target.clientAddress, target.clientMac);
  const states = cp.states ?? NO_HOME_STATES;
  const resolved = resolveMode(profile, states);
  const mode = resolved.mode;
  const conditions: ConditionRecord[] = [...resolved.records];
  const canonical = canonicalHost(target.host);
  const host = canonical ?? target.host.toLowerCase();
  const match = canonical === undefined ? undefined : matchDestination(profile, host, target.port, target.scheme, states, conditions);
  const destination = match?.compiled.destination;
  const where = `${host}:${target.port}`;
  // The policy "names" a host when an allowing destination matches it by anything but `*`.
  const named = match !== undefined && match.compiled.destination.access === 'allow' && match.host.kind !== 'any';

  let block: Explanation | undefined;
  let pass: Explanation;
  const guard = guardRefusal(canonical, where, named);
  if (guard?.ruleId === GUARD_RULES.hostInvalid) {
    block = guard;
  } else if (profile.quarantine) {
    const who = device.isDefault ? 'unknown clients are' : `device ${device.id} is`;
    block = { ruleId: undefined, reason: `${who} quarantined: every connection is blocked`, blockedBy: 'quarantine' };
  } else if (match !== undefined && match.compiled.destination.access === 'block') {
    block = { ruleId: match.compiled.destination.id, reason: `${describeMatch(match)}: access block`, blockedBy: 'destination' };
  } else if (guard !== undefined) {
    block = guard;
  } else if (match === undefined && mode === 'lockdown') {
    block = { ruleId: undefined, reason: `${resolved.label}: ${where} is not in policy`, blockedBy: 'lockdown-unlisted' };
  }
  if (match === undefined) {
    pass = { ruleId: undefined, reason: `${where} is not in policy: inspected under the field rules` };
  } else {
    const how = match.compiled.destination.inspect ? 'inspected' : 'tunnelled without inspection';
    pass = { ruleId: match.compiled.destination.id, reason: `${describeMatch(match)}: allowed, ${how}` };
  }
  // Quarantine is the owner's explicit act on one device, and guard refusals protect the home: both hold in monitor mode.
  const enforced = block !== undefined && (mode !== 'monitor' || profile.quarantine || guard !== undefined);
  const wouldBlock = block !== undefined && !enforced;
  let explanation = pass;
  if (enforced && block) explanation = block;
  else if (wouldBlock && block) {
    explanation = { ruleId: block.ruleId, reason: `monitor mode, not enforced: ${block.reason}`, blockedBy: block.blockedBy };
  }

  const decision: ConnectionDecision = {
    device,
    client: { address: target.clientAddress, mac: target.clientMac },
    mode,
    destination: { id: destination?.id, vendor: destination?.vendor, party: destination?.party, host, port: target.port, scheme: target.scheme },
    verdict: enforced ? 'block' : destination?.inspect === false ? 'tunnel' : 'inspect',
    verifyUpstream: destination?.verifyUpstream ?? true,
    onUninspectable: destination?.onUninspectable ?? 'allow',
    wouldBlock,
    localAddressAllowed: named,
    explanation,
    ...(conditions.length === 0 ? {} : { conditions }),
  };
  return { decision, profile, match, block, modeLabel: resolved.label };
}

/** An unparseable host, or an IP literal inside the home or this machine that no destination names. */
function guardRefusal(canonical: string | undefined, where: string, named: boolean): Explanation | undefined {
  if (canonical === undefined) {
    return { ruleId: GUARD_RULES.hostInvalid, reason: `${where} is not a valid host name or IP address`, blockedBy: 'gateway' };
  }
  const ip = parseIp(canonical);
  const scope = ip === undefined ? 'public' : addressScope(ip);
  if (scope === 'public' || named) return undefined;
  return {
    ruleId: GUARD_RULES.localDestination,
    reason: `${where} is a ${scope} address: the gateway relays there only when a destination in the policy names it`,
    blockedBy: 'gateway',
  };
}

/** Block, tunnel or inspect, for the proxy to decide before reading a body. */
export function evaluateConnection(cp: CompiledPolicy, target: FlowTarget): ConnectionDecision {
  return decideConnection(cp, target).decision;
}

/**
 * Whether the destination that matches the target lists the target's scheme itself (`schemes: ["mqtt"]`)
 * rather than matching every scheme: the policy says this host is where the device speaks that protocol.
 */
export function destinationListsScheme(cp: CompiledPolicy, target: FlowTarget): boolean {
  const canonical = canonicalHost(target.host);
  if (canonical === undefined) return false;
  const { profile } = resolveDevice(cp, target.clientAddress, target.clientMac);
  const match = matchDestination(profile, canonical, target.port, target.scheme, cp.states ?? NO_HOME_STATES);
  return match?.compiled.schemes?.has(target.scheme) === true;
}
