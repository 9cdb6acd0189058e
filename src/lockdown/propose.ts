import type { PrivacyReport } from '../ledger/index.js';
import type { Party } from '../destinations/index.js';
import type { DataCategory, Policy } from '../policy/index.js';
import { LEARNED_DESTINATION_PREFIX, lockDown, type LockDownEntry } from '../policy-edits/index.js';

export const LEARNING_DAYS = 7;
export { LEARNED_DESTINATION_PREFIX };
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

/**
 * The policy with the device locked down to the proposal (or to the owner's reviewed copy of it): the
 * same edit the page's API and Home Assistant's `lock_down` apply. Earlier `learned:` destinations are
 * replaced; a device the policy does not have is NOT_FOUND.
 */
export function applyLockdown(
  policy: Policy,
  proposal: { readonly deviceId: string; readonly destinations: readonly LockDownEntry[] },
): Policy {
  return lockDown(policy, proposal.deviceId, proposal.destinations);
}
