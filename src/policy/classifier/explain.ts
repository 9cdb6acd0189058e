import type { Finding } from './detector.js';
import { actCountExplanations } from './act-counts.js';
import { healthMentionExplanations } from './health-mentions.js';
import { stateSubjectExplanations } from './state-subjects.js';
import { lastActExplanations } from './last-acts.js';
import { resourceLoadExplanations } from './resource-loads.js';
import { assistantReplyExplanations } from './assistant-replies.js';
import { nicknameExplanations } from './nicknames.js';
import { coordinatePartExplanations } from './coordinate-parts.js';
import { networkKeyExplanations } from './network-keys.js';
import { peopleSettingExplanations } from './people-settings.js';
import { personPictureExplanations } from './person-pictures.js';
import { otherPartyKeyExplanations } from './other-party-keys.js';
import { keyExplanations } from './key-detectors.js';
import { knowledgeExplanations } from './knowledge-detectors.js';
import { structureExplanations } from './structure.js';
import { VALUE_DETECTORS } from './value-detectors.js';

/**
 * Every detector's `explain()`, by name. Findings are plain data (they are cached per path template and
 * travel with the field), so the sentence is made from them when a field's decision is explained.
 */
export const MEDIA_BYTES = 'media-bytes';

const EXPLAINERS: ReadonlyMap<string, (f: Finding) => string> = new Map([
  ...Object.entries(keyExplanations),
  ...Object.entries(healthMentionExplanations),
  ...Object.entries(stateSubjectExplanations),
  ...Object.entries(lastActExplanations),
  ...Object.entries(resourceLoadExplanations),
  ...Object.entries(assistantReplyExplanations),
  ...Object.entries(actCountExplanations),
  ...Object.entries(nicknameExplanations),
  ...Object.entries(coordinatePartExplanations),
  ...Object.entries(networkKeyExplanations),
  ...Object.entries(peopleSettingExplanations),
  ...Object.entries(personPictureExplanations),
  ...Object.entries(otherPartyKeyExplanations),
  ...Object.entries(knowledgeExplanations),
  ...Object.entries(structureExplanations),
  ...VALUE_DETECTORS.map((d) => [d.name, (f: Finding) => d.explain(f)] as const),
  [MEDIA_BYTES, (f: Finding) => `value is a ${f.facts.validator ?? 'media file'} (magic bytes) → media`],
]);

export function explainFinding(f: Finding): string {
  const explain = EXPLAINERS.get(f.detector);
  return explain === undefined ? `${f.detector} → ${f.categories.join(', ')}` : explain(f);
}

/** The deciding findings of one field as one sentence, strongest first. */
export function explainFindings(findings: readonly Finding[]): string {
  if (findings.length === 1) return findings[0] === undefined ? '' : explainFinding(findings[0]);
  return findings.map(explainFinding).join('; ');
}

/** Names of the detectors that decided a field, without repeats. */
export function decidedBy(findings: readonly Finding[]): string[] {
  return [...new Set(findings.map((f) => f.detector))];
}
