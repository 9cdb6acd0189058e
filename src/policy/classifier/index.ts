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
 * - shape of a record (activity-records.ts, people-lists.ts, media-records.ts, opening-states.ts):
 *   `activity-span` (start and end or duration), `activity-quantity` (activity-quantities.ts: a record
 *   with a duration and a distance or energy), `set-time` (set-times.ts: `"06:00"`, a time somebody set),
 *   `weekly-schedule`, `people-list` (lists and maps of
 *   people, invitations: third_party), `media-record`, `media-in-text`, `recognised-words`,
 *   `opening-state` (door/window/trunk open or locked anywhere on the path); `person-id` (person-ids.ts:
 *   an id under the vendor's own word in a person's record), `home-record` (home-records.ts: the id and
 *   name of a record holding a household's rooms, people or devices);
 * - concepts (health-ranges.ts, key-material.ts): `health-range` (an unknown key's number within the
 *   physiological range of the measurement its record is named for), `key-material` (hex or base64 of a
 *   key's length under a key named for a secret's role);
 * - key mentions (health-mentions.ts, act-counts.ts): `health-mention` (a key or record that mentions a
 *   body measurement before the vendor's own word: `hrv_balance`, `hrv_samples.*`), `act-count` (a count
 *   of an act: `clean_count`, `pir_total`, `ride_totals.count`), `nickname` (nicknames.ts: a nickname or
 *   pseudonym not under a thing);
 * - what is not the household's (precision round): `product-picture` (product-pictures.ts: a picture of a
 *   record naming its product or model, a render, a logo: the vendor's), `bare-file-name` (file-names.ts,
 *   a value detector: a file name with no picture, video or audio type is no media), `oauth-client`
 *   (oauth-clients.ts: `client_id` in an OAuth exchange is the app's); plan-settings.ts (what a plan sets
 *   is a setting, when it runs is behaviour), read by the `container` detector; place-in-habit.ts (a place
 *   inside a trip or a schedule is location, not behaviour too), applied where a key is analysed;
 * - people, units and networks (sixth round): `related-person`, `recognised-face`, `access-grant`
 *   (other-people.ts, words in relation-vocabulary.ts from vCard RELATED, schema.org Person and FHIR),
 *   `message-parties` (message-records.ts), `device-record` (device-records.ts: Matter/Zigbee basic
 *   information), `animal-record` (animal-records.ts: a pet is no person); value: `lan-address`
 *   (lan-addresses.ts: CIDR ranges, URLs and names of the home network);
 * - sixth round, behaviour and location: `playing-record` (playing-records.ts: a record naming a recording),
 *   `opening-value` (opening-values.ts: a door's or lock's state said by its value), `detected-person`
 *   (detected-people.ts: a sighting's class naming a person), `weekday-mask` (weekday-masks.ts: a plan's
 *   days as one number), `exercise-type` (exercise-types.ts: a value naming a kind of exercise), `odometer`
 *   (odometers.ts), `api-verb` (api-verbs.ts: a top-level action naming an API data call, veto),
 *   `fix-companion` (fix-companions.ts: heading, speed, altitude, accuracy beside a
 *   latitude and longitude), `no-place` (place-placeholders.ts: a bare place key whose value is no place);
 * - sixth round (standards and parts of records): health-vocabulary.ts (HealthKit, Health Connect, Open
 *   mHealth, FHIR/LOINC, IEEE 11073, Nightscout names), `measurement-flag` and `glucose-trend`
 *   (measurement-parts.ts), `sleep-quantity` (sleep-quantities.ts), `health-typed-record`
 *   (typed-health-records.ts), `health-text` (health-texts.ts), `body-count` (measurement-parts.ts),
 *   `record-key` (numeric-keys.ts), `auth-mode` (auth-modes.ts), `access-session` (access-sessions.ts),
 *   `glued-secret` (glued-secrets.ts), `media-locator` and `media-quantity` (media-locators.ts); value:
 *   `url-parts` (url-parts.ts: userinfo password, secret query parameter, IP host, stream scheme, setup
 *   payloads, relative media paths);
 * - seventh round (health, credentials, media): `unit-value` and `unit-name` (unit-values.ts: a unit
 *   written as a value), credential-vocabulary.ts (Thread, Matter, Z-Wave, Zigbee, WPA3 secrets),
 *   `public-key` (public-keys.ts, veto), `conversation-turn` (conversation-turns.ts);
 * - ninth round (location, network): place-containers.ts (how far a place container reaches, which keys name
 *   one), `coordinate-part` (coordinate-parts.ts), `glued-ssid` (network-keys.ts); value: `network-text`
 *   (network-texts.ts: ICE candidates, SDP, Windows computer names, labels under a host-name key);
 * - ninth round (health, credentials, media): `property-bookkeeping` and `picture-size` (measured-values.ts:
 *   a measurement's meaning stays on its value; a height beside a width), `animal-body` (animal-bodies.ts),
 *   `machine-sleep` (machine-sleep.ts: an appliance's sleep mode), `query-auth` (query-auth.ts: Subsonic's
 *   query authentication), all vetoes of health but `query-auth`;
 * - tenth round (people's own activities): `consumption-record` (consumption-records.ts: a work's id beside a
 *   position in it or the time spent on it: somebody listening, watching or reading), `catalogue-entry`
 *   (catalogue-entries.ts, a veto read by `playing-record`: a library's entry for a recording nobody is playing),
 *   `household-entry` (household-entries.ts: an entry of a shopping list or of a meal plan or food diary),
 *   `training-set` (training-sets.ts: repetitions beside an exercise or a weight; the weight is the load, not health);
 * - tenth round (behaviour recorded by machines): `consumption-series` (consumption-series.ts: a list of
 *   numbers named by consumption or usage, a usage history), `weekday-programme` (weekday-programmes.ts: a
 *   slot's times under a record keyed by weekdays; `programme-slot`: a slot's start and preset under a programme), `lan-presence` (lan-presence.ts: a client of the home network
 *   there or not, in a router's list of clients), `limit-alarm` (limit-alarms.ts: a high or low limit's alarm is the
 *   machine's, veto of behaviour), `away-mode` (away-modes.ts: the switch of a holiday or away mode);
 * - tenth round (location, network, device, media): geo-features.ts (a GeoJSON feature list is places, not
 *   capabilities), `recognised-alternatives` (recognised-alternatives.ts: timed words given as alternatives),
 *   `speech-piece` (speech-pieces.ts: pieces and bytes that spell out a transcript);
 * - eleventh round (units, credentials): `secret-record` and `relay-login` (secret-records.ts: a bare `key` beside
 *   a secret's scheme, kind or expiry; a TURN/STUN relay's user name), `speech-piece` also vetoes credentials;
 * - eleventh round (behaviour): `energy-flow` (energy-flows.ts: panels' production, feed-in, a battery's flows,
 *   veto of behaviour), `file-tags` (playing-records.ts: a media file's own tags, veto of behaviour);
 * - twelfth round (behaviour): `event-kind` (event-kinds.ts: an event's kind says what happened, or that the
 *   device did it by itself: veto of behaviour on its times), `message-time` (message-times.ts: when a text message
 *   came or went), `consumption-report` (consumption-reports.ts: a report's sums and bounds of the use; the draw
 *   right now is no use), `daily-consumption` (listening-days.ts: time listened or watched per day beside records of it);
 * - twelfth round (people, units, health, credentials): value: `party-number` (party-numbers.ts: a call's or a message's
 *   party written as E.164 digits without the `+`), `care-record` reads what a FHIR Observation found (`value[x]`)
 *   and a Patient's own extensions; `device-record` reads rtl_433's `mic` and `battery_ok` as describing a unit;
 *   `sleep-time` (sleep-times.ts: the time in bed a sleep record measures is health);
 * - thirteenth round (units, credentials, networks, places): `webhook-delivery` (webhook-deliveries.ts: a webhook's
 *   id in the event it delivers is no secret, veto); `address-part` reads a postal `pin`; `device-record` reads a
 *   `make` and a client id beside a hardware address; `reference` reads a link by the collection its id follows;
 * - thirteenth round (health, media): `body-temperature` (body-temperatures.ts: a bare temperature in a body's range among
 *   body measurements); value: `vendor-drawing` (vendor-drawings.ts: an icon, logo or default placeholder by its path) and
 *   `no-picture` (no-picture-values.ts: a URL template, a yes/no as text), vetoes of media;
 * - fifteenth round (behaviour): `acted-event` (acted-events.ts: the times of an event whose record names who did it),
 *   `planned-task` (planned-tasks.ts: a to-do's, a chore's or a habit's text, due times and recurrence);
 * - knowledge (knowledge-detectors.ts): `home-registry`, `home-zone`, `traffic-identifier`.
 * Key-derived findings are cached per path template; values are checked per value.
 *
 * Per payload shape (shape-memo.ts): a device sends the same shape again and again, so what the shape
 * decides is worked out once per shape — the findings of structure detectors that read only the shape,
 * the plans of those that read values, each field's key analysis — and a payload of a known shape
 * costs only what its values decide; a value that repeats at its place (an id, an enum, a name) gets
 * its value findings from that field's memo (the last number or string of ≤ 64 characters, classify.ts),
 * and so does what the home knows of its keys and value while the home's `generation` is unchanged. The shape is the format and every field's source, segments, path
 * template, key and value kind, compared in full (a hash only picks the bucket); the memo holds at
 * most 16,384 fields and 1,024 shapes (oldest out first; about 190–250 bytes a field, 3–4 MB full), so
 * varied shapes cost recomputation only.
 *
 * Adding a structure detector (one that reads a whole payload and hands fields findings by index):
 * register it in STRUCTURE_DETECTORS (structure.ts; its place there is the order of a field's
 * findings) and declare what it reads (shape.ts):
 * - `shapeDetector(name, (fields: ShapeField[], add) => …)` when it reads only keys, paths and value
 *   kinds. A ShapeField has no value (it does not type-check to read one, and at run time there is
 *   none), and its findings are memoised per shape;
 * - `valueDetector(name, plan, detect)` when it reads any value (a sibling's text, a number's range):
 *   `plan(shapeFields)` says which fields could fire (memoised), `detect(plan, fields, home, add)` reads
 *   the values of every payload; nothing it finds is memoised;
 * - `fieldsDetector(name, relevant, detect)` for a values detector written over the whole payload:
 *   `relevant(shapeFields)` names the fields that can change what it finds (memoised), and `detect`
 *   runs on those fields only. When no plan is written yet, `wholePayload(name, detect)` is correct.
 * A new key or value detector of one field (key-detectors.ts, value-detectors.ts) needs nothing: key
 * readings are cached per template as before, value detectors run on every value.
 * test/policy/classifier-shape-memo.test.ts holds the memo to the unmemoised classifier
 * (`classifyUnmemoised`) with other values under every corpus shape; bench/classifier-golden.mjs
 * must stay byte-identical.
 */
export { classifyField, detectField, type ClassifiableField, type FieldClassification } from './classify.js';
export { classifyPayload } from './payload.js';
export { normaliseKey, readKey, splitWords } from './words.js';
export { decidedBy, explainFinding, explainFindings } from './explain.js';
export type { Detector, DetectionContext, Finding, Signal } from './detector.js';
export type { ClassifyContext } from './payload.js';
export type { ClassifierKnowledge, HomeKnowledge, KnownValue, TrafficKnowledge } from './knowledge.js';
