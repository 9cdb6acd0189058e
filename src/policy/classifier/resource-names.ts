import type { ScalarValue } from '../../payload/index.js';
import { finding, type Detector, type Finding } from './detector.js';

/**
 * `resource-name`: a cloud API's resource name (Google's AIP-122, used by Dialogflow, Actions on Google, Pub/Sub
 * and Firebase: `projects/<project>/agent/intents/<uuid>`, `projects/<p>/agent/sessions/<s>/contexts/<c>`) points
 * at a definition the vendor stores — an intent as the agent's author defined it, a session's context — not at
 * anything a person did: the behaviour reading its key gives (`intent.name` reads "intent name") is vetoed. What
 * the person did is in the record's other parts (the query text, the intent's display name). A veto of behaviour
 * only: an id inside the name keeps its own reading.
 */
export const RESOURCE_NAME = 'resource-name';

/** `projects/` then at least three more segments, none empty, no spaces: a full resource name, not a file path. */
const RESOURCE = /^projects\/[^/\s]+(?:\/[^/\s]+){2,}$/;

const VETO = finding(RESOURCE_NAME, 'veto', ['behaviour'], { of: 'value' });

export const resourceNameDetector: Detector<{ readonly value: ScalarValue }, unknown> = {
  name: RESOURCE_NAME,
  detect({ value }): Finding | undefined {
    if (typeof value !== 'string' || value.length < 12 || value.length > 512 || value.charCodeAt(0) !== 0x70 /* p */) return undefined;
    return RESOURCE.test(value) ? VETO : undefined;
  },
  explain: () => "a cloud API's resource name (projects/…) points at the vendor's definition, not at what somebody did → not behaviour",
};
