import { catalogueEntry, type Purpose } from './catalogue.js';
import { countryOf } from './country.js';
import { partyOf, type Party } from './party.js';
import { registrableDomain } from '../policy/index.js';

export interface NamingInput {
  readonly host: string;
  /** The vendor the owner named in the policy; it overrides the catalogue. */
  readonly ownerVendor?: string | undefined;
  readonly ownerParty?: Exclude<Party, 'unknown'> | undefined;
  /** The device's maker (from Home Assistant's device registry or the policy). */
  readonly manufacturer?: string | undefined;
  /** Upstream addresses the gateway actually connected to for this host. */
  readonly addresses?: readonly string[] | undefined;
}

export interface DestinationName {
  readonly host: string;
  readonly domain: string;
  readonly vendor: string | undefined;
  readonly vendorSource: 'owner' | 'catalogue' | undefined;
  /** Where the catalogue's naming comes from (its `source`); undefined for owner names. */
  readonly source: string | undefined;
  readonly purpose: Purpose | undefined;
  readonly party: Party;
  readonly partyReason: string;
  /** Countries of the addresses used, sorted, each once; empty when none is known. */
  readonly countries: readonly string[];
}

/** Names one destination: registrable domain, vendor, purpose, party and countries. Pure but for the lazy table. */
export function nameDestination(input: NamingInput): DestinationName {
  const domain = registrableDomain(input.host);
  const entry = catalogueEntry(input.host);
  const vendor = input.ownerVendor ?? entry?.vendor;
  const vendorSource = input.ownerVendor !== undefined ? 'owner' : entry !== undefined ? 'catalogue' : undefined;
  const verdict = partyOf({
    domain,
    vendor,
    purpose: entry?.purpose,
    manufacturer: input.manufacturer,
    ownerParty: input.ownerParty,
  });
  const countries = new Set<string>();
  for (const address of [...(input.addresses ?? []), input.host]) {
    const country = countryOf(address);
    if (country !== undefined) countries.add(country);
  }
  return {
    host: input.host,
    domain,
    vendor,
    vendorSource,
    source: vendorSource === 'catalogue' ? entry?.source : undefined,
    purpose: entry?.purpose,
    party: verdict.party,
    partyReason: verdict.reason,
    countries: [...countries].sort(),
  };
}
