import { finding, type Finding } from './detector.js';
import type { HomeKnowledge, TrafficKnowledge } from './knowledge.js';

/**
 * Detectors that ask what the home and the traffic already know. Their findings carry the home's own
 * label ("the serial number of Kitchen plug in Home Assistant"), never the value they matched.
 */
export const HOME_REGISTRY = 'home-registry';
export const HOME_ZONE = 'home-zone';
export const TRAFFIC = 'traffic-identifier';

/** Texts longer than this are no identifier the home registry holds; skip the lookup. */
const MAX_LOOKUP_LENGTH = 256;

export type Where = 'value' | 'object key' | 'path segment';

export function detectKnownValue(home: HomeKnowledge | undefined, text: string, where: Where): Finding | undefined {
  if (home === undefined || text.length < 3 || text.length > MAX_LOOKUP_LENGTH) return undefined;
  const known = home.lookup(text);
  if (known === undefined) return undefined;
  return finding(HOME_REGISTRY, 'certain', [known.category], { of: 'knowledge', where, label: known.label });
}

/** A coordinate pair within the home zone's radius is the home's location, whatever its keys say. */
export function detectNearHome(home: HomeKnowledge | undefined, latitude: number, longitude: number): Finding | undefined {
  if (home === undefined || Math.abs(latitude) > 90 || Math.abs(longitude) > 180) return undefined;
  const metres = home.metresFromHome(latitude, longitude);
  if (metres === undefined || metres > home.homeRadiusMetres) return undefined;
  return finding(HOME_ZONE, 'certain', ['location'], { of: 'knowledge', metres: String(Math.round(metres)) });
}

/** Constant per device, different between devices: an identifier under a key nobody recognises. */
export function detectTrafficIdentifier(
  traffic: TrafficKnowledge | undefined,
  host: string | undefined,
  pathTemplate: string | undefined,
): Finding | undefined {
  if (traffic === undefined || host === undefined || pathTemplate === undefined) return undefined;
  const evidence = traffic.identifierEvidence(host, pathTemplate);
  if (evidence === undefined) return undefined;
  return finding(TRAFFIC, 'strong', ['device'], { of: 'knowledge', evidence });
}

export const knowledgeExplanations: Readonly<Record<string, (f: Finding) => string>> = {
  [HOME_REGISTRY]: (f) => `${f.facts.where ?? 'value'} matches ${f.facts.label ?? 'something Home Assistant knows'} → ${f.categories.join(', ')}`,
  [HOME_ZONE]: (f) => `coordinate pair ${f.facts.metres ?? '?'} m from the home zone's centre → location`,
  [TRAFFIC]: (f) => `the traffic shows an identifier: ${f.facts.evidence ?? 'constant per device, different between devices'} → device`,
};
