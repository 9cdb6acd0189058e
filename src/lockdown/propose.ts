import { GatewayError } from '../errors.js';
import type { PrivacyReport } from '../ledger/index.js';
import type { Party } from '../destinations/index.js';
import { parsePolicy, type DataCategory, type Destination, type Policy } from '../policy/index.js';

export const LEARNING_DAYS = 7;
export const LEARNED_DESTINATION_PREFIX = 'learned:';
const DAY_MS = 86_400_000;

/** One destination the device used during learning, and what the proposal does with it. */
export interface ProposedDestination {
  readonly host: string;
  readonly vendor: string | undefined;
  readonly party: Party;
  /** Countries of the addresses the gateway connected to (ISO 3166 alpha-2); empty when unknown. */
  readonly countries: readonly string[];
  readonly requests: number;
  readonly categories: readonly DataCategory[];
  readonly access: 'allow' | 'block';
  /** true when nothing names the party: allowed so the device keeps working, but the owner should look. */
  readonly review: boolean;
  readonly reason: string;
}

export interface LockdownProposal {
  readonly deviceId: string;
  readonly observedDays: number;
  readonly learningComplete: boolean;
  readonly destinations: readonly ProposedDestination[];
}

/**
 * "First and support parties as observed, third parties never" (Blocking Without Breaking, PETS 2021:
 * every third-party destination observed could be blocked without breaking the device). Destinations of
 * unknown party are allowed and flagged for review rather than silently breaking the device.
 */
export function proposeLockdown(report: PrivacyReport, now: number): LockdownProposal {
  const observedDays = Math.max(0, Math.floor((now - report.period.from) / DAY_MS));
  const destinations = new Map<string, ProposedDestination>();
  for (const d of report.destinations) {
    const known = destinations.get(d.host);
    const third = d.name.party === 'third';
    destinations.set(d.host, {
      host: d.host,
      vendor: d.name.vendor,
      party: d.name.party,
      countries: [...new Set([...(known?.countries ?? []), ...d.name.countries])].sort(),
      requests: (known?.requests ?? 0) + d.requests,
      categories: [...new Set([...(known?.categories ?? []), ...d.categories])],
      access: third ? 'block' : 'allow',
      review: d.name.party === 'unknown',
      reason: third ? `third party (${d.name.partyReason}): blocked` : `${d.name.party} party (${d.name.partyReason})`,
    });
  }
  return {
    deviceId: report.device.id,
    observedDays,
    learningComplete: observedDays >= LEARNING_DAYS,
    destinations: [...destinations.values()].sort((a, b) => b.requests - a.requests || a.host.localeCompare(b.host)),
  };
}

/** The policy with the device locked down to the proposal; earlier `learned:` destinations are replaced. */
export function applyLockdown(policy: Policy, proposal: LockdownProposal): Policy {
  const device = policy.devices.find((candidate) => candidate.id === proposal.deviceId);
  if (device === undefined) {
    throw new GatewayError('NOT_FOUND', `No device "${proposal.deviceId}" in the policy; add it before locking it down`);
  }
  const learned: Destination[] = proposal.destinations.map((d) => ({
    id: `${LEARNED_DESTINATION_PREFIX}${d.host}`.slice(0, 100),
    vendor: (d.vendor ?? d.host).slice(0, 100),
    hosts: [d.host],
    access: d.access,
    inspect: true,
    verifyUpstream: true,
    onUninspectable: 'allow',
    allowOpaque: false,
  }));
  const kept = device.destinations.filter((d) => !d.id?.startsWith(LEARNED_DESTINATION_PREFIX));
  const locked = { ...device, mode: 'lockdown' as const, destinations: [...kept, ...learned] };
  return parsePolicy({ ...policy, devices: policy.devices.map((d) => (d.id === device.id ? locked : d)) });
}
