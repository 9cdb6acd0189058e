import type { Purpose } from './catalogue.js';

export const PARTIES = ['first', 'support', 'third'] as const;
/** first: the device's own maker; support: CDN, cloud, time; third: analytics and advertising. */
export type Party = (typeof PARTIES)[number] | 'unknown';

// Words that say nothing about who a company is: "TP-Link Systems Inc." and "TP-Link" are one maker.
const FILLER = new Set([
  'inc', 'ltd', 'llc', 'gmbh', 'corp', 'corporation', 'company', 'co', 'bv', 'ag', 'sa', 'plc', 'limited',
  'systems', 'technologies', 'technology', 'electronics', 'international', 'group', 'the', 'and', 'home',
]);

function makerWords(name: string): Set<string> {
  const words = name.toLowerCase().replace(/-/g, '').split(/[^a-z0-9]+/);
  return new Set(words.filter((word) => word.length >= 2 && !FILLER.has(word)));
}

/** True when two company names share a distinctive word ("Signify (Philips Hue)" and "Philips"). */
export function sameMaker(a: string, b: string): boolean {
  const theirs = makerWords(b);
  return [...makerWords(a)].some((word) => theirs.has(word));
}

export interface PartyInput {
  readonly domain: string;
  readonly vendor: string | undefined;
  readonly purpose: Purpose | undefined;
  readonly manufacturer: string | undefined;
  readonly ownerParty: Exclude<Party, 'unknown'> | undefined;
}

export interface PartyVerdict {
  readonly party: Party;
  readonly reason: string;
}

const SUPPORT: readonly Purpose[] = ['cloud', 'cdn', 'time', 'connectivity', 'iot-platform'];
const THIRD: readonly Purpose[] = ['analytics', 'advertising'];

/** Whose destination this is for one device, with the reason an owner can check. */
export function partyOf(input: PartyInput): PartyVerdict {
  const { vendor, purpose, manufacturer } = input;
  if (input.ownerParty !== undefined) return { party: input.ownerParty, reason: 'the owner chose it in the policy' };
  if (manufacturer !== undefined && vendor !== undefined && sameMaker(vendor, manufacturer)) {
    return { party: 'first', reason: `${vendor} is the device's maker (${manufacturer})` };
  }
  if (purpose !== undefined && THIRD.includes(purpose)) return { party: 'third', reason: `${purpose} service` };
  if (purpose !== undefined && SUPPORT.includes(purpose)) return { party: 'support', reason: `${purpose} service` };
  // Makers run together words in domains ("tplinkcloud", "ecovacs-iot"), so a label part may *start*
  // with the maker's word; containing it anywhere would make "newvendor" the maker "Vendor".
  const labelParts = (input.domain.split('.')[0] ?? '').split('-');
  const carriesName = (word: string): boolean => word.length >= 3 && labelParts.some((part) => part.startsWith(word));
  if (manufacturer !== undefined && [...makerWords(manufacturer)].some(carriesName)) {
    return { party: 'first', reason: `the domain ${input.domain} carries the maker's name (${manufacturer})` };
  }
  if (purpose === 'device-cloud' && manufacturer !== undefined) {
    return { party: 'third', reason: `another maker's service (${vendor ?? input.domain}), not ${manufacturer}` };
  }
  const missing = manufacturer === undefined ? 'the device has no known maker' : 'no catalogue entry';
  return { party: 'unknown', reason: `${missing}; name the destination's party in the policy` };
}
