import { compileHostGlob, normalizeHost, type Policy } from '../policy/index.js';
import type { Party } from './party.js';

/** What the owner's policy says about one device's destinations, for naming them. */
export interface NamingContext {
  readonly manufacturer: string | undefined;
  /** The party the owner gave the most specific policy destination matching the host. */
  ownerParty(host: string): Exclude<Party, 'unknown'> | undefined;
}

export const NO_NAMING_CONTEXT: NamingContext = { manufacturer: undefined, ownerParty: () => undefined };

/** The device's own destinations first, then the policy-wide ones; the most specific glob wins within each. */
export function namingContext(policy: Policy, deviceId: string): NamingContext {
  const device = policy.devices.find((candidate) => candidate.id === deviceId);
  const layers = [device?.destinations ?? [], policy.destinations].map((destinations) =>
    destinations.flatMap((destination) =>
      destination.party === undefined ? [] : destination.hosts.map((glob) => ({ matcher: compileHostGlob(glob), party: destination.party })),
    ),
  );
  return {
    manufacturer: device?.manufacturer,
    ownerParty(host) {
      const normal = normalizeHost(host);
      for (const layer of layers) {
        const best = layer
          .filter((entry) => entry.matcher.matches(normal))
          .sort((a, b) => b.matcher.specificity - a.matcher.specificity)[0];
        if (best !== undefined) return best.party;
      }
      return undefined;
    },
  };
}
