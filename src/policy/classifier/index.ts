/**
 * The classifier: independent detectors, each a small unit with `explain()`, whose findings combine
 * into a field's categories (see detector.ts for how strong, weak, certain and veto findings combine).
 * - key (key-detectors.ts): `key` (words, abbreviations, unit suffixes), `negative-vocabulary`,
 *   `parent` (`owner.id`), `thing-name`, `container` (`scan[*]`, `schedule[*]`), `neutral-container`,
 *   `geometry-container`, `key-as-value` (an e-mail or MAC used as an object key);
 * - value (value-detectors.ts): `identifier-shape` (e-mail, phone via libphonenumber, IP, MAC/EUI-64,
 *   IMEI/ICCID Luhn, VIN check digit, SIP), `secret-shape` (JWT, authorization headers, API key formats,
 *   signed URLs), `media-url`, `coordinates`, `contextual-shape` (phone digits, postal codes),
 *   `hardware-id`, `speech`, `small-index`; `media-bytes` (payload.ts, magic bytes);
 * - structure (structure.ts, records.ts): `sibling-names-value` (`{type: "weight", value}`, or the type
 *   of a record up to two levels above: `point[*].value[*].intVal` named by `dataTypeName`),
 *   `coordinate-pair` (`[lat, lon]`, GeoJSON), `event-time` (also records named for an event:
 *   `motion_report.changed`), `network-scan`, `record-subject`;
 * - typed records (typed-records.ts, record-parts.ts): `typed-event` (`{type: "nfcCardScanned", start}`:
 *   the act, its times and what it detected), `typed-subject` (`{type: "person", id}`, `{rid, rtype}`),
 *   `typed-id` (`registryType: "nfc"` beside `registryId`), `thing-reference` (`device: "<hex id>"`),
 *   `presence-mode` (`mode: "away"`), `reference` (`entities: {device, house}`), `address-part` (a state
 *   beside a city), `utterance-words` (`tokens[*]` beside an `intent`: what was said);
 * - record context (record-context.ts): `health-record` (numbers of a record of body measurements),
 *   `health-time` (start/end of such a record), `radio-scan` (`{address, rssi}` lists), `event-log` (times
 *   and acts of a list named as a log); value: `random-token` (generated strings under unknown keys);
 * - concepts (health-ranges.ts, key-material.ts): `health-range` (an unknown key's number within the
 *   physiological range of the measurement its record is named for), `key-material` (hex or base64 of a
 *   key's length under a key named for a secret's role);
 * - knowledge (knowledge-detectors.ts): `home-registry`, `home-zone`, `traffic-identifier`.
 * Key-derived findings are cached per path template; values are checked per value.
 */
export { classifyField, detectField, type ClassifiableField, type FieldClassification } from './classify.js';
export { classifyPayload } from './payload.js';
export { normaliseKey, readKey, splitWords } from './words.js';
export { decidedBy, explainFinding, explainFindings } from './explain.js';
export type { Detector, DetectionContext, Finding, Signal } from './detector.js';
export type { ClassifyContext } from './payload.js';
export type { ClassifierKnowledge, HomeKnowledge, KnownValue, TrafficKnowledge } from './knowledge.js';
