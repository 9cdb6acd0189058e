import { isIPv6 } from 'node:net';

/**
 * Keys and URL path segments that are values (`{"contacts": {"anna@example.org": 1}}`,
 * `/devices/0B7K3CDR600421X`) are written as placeholders (`$.contacts.{personal}`,
 * `/devices/{device}`) wherever a path is stored or shown, so the ledger, reports, events and the
 * card never hold the value. The one recogniser for every place that builds a path. Pure.
 *
 * A key is a value when
 * - its shape says so, wherever it is: an e-mail or a phone number ({personal}), a MAC ({device}), an
 *   IP address ({network}), a UUID, long hex or a serial-like mix of letters and many digits ({id}),
 *   a number of 4+ digits or with a fraction ({number}), or free text — whitespace, `@`, quotes,
 *   braces or other characters no schema uses in a name ({name});
 * - or its parent names a collection (`networks`, `contacts`, `devices`, `rooms`, …) and the key is
 *   not a generic field name (`count`, `items`, `ssid`, `name`, …): members of a collection are keyed
 *   by what they are. The parent's kind wins over the shape (`/users/{personal}`, not `{id}`).
 * Array items are not collections' members here: `devices[*].firmware` is a schema key.
 * A plain word that is a value and sits under no collection (`{"kitchen": …}`) cannot be told from a
 * schema key; that limit is documented in docs/POLICY.md.
 */
export type ValuePlaceholder = 'personal' | 'network' | 'device' | 'location' | 'id' | 'number' | 'name';

/** A Map, not an object: keys such as `constructor` come from payloads. */
const COLLECTIONS = new Map<string, ValuePlaceholder>();
function collections(kind: ValuePlaceholder, names: string): void {
  for (const name of names.split(' ')) COLLECTIONS.set(name, kind);
}
collections('network', 'networks ssids wifis wlans wifinetworks accesspoints aps bssids savednetworks knownnetworks neighbors neighbours');
collections('personal', 'contacts users members persons people emails friends guests accounts owners family recipients subscribers phones profiles');
collections('device', 'devices clients nodes things sensors serials hosts peers gateways bridges stations accessories macs');
collections('location', 'rooms zones places regions locations areas geofences waypoints');

/** Field names that follow a collection's name as schema, not as a member's id. */
const GENERIC = new Set(
  ('count total items list data results result entries next prev previous page pages size limit offset cursor version ' +
    'enabled default active current primary connected saved known available updated type status name id ssid bssid mac ' +
    'password email phone address ip channel rssi security encryption me self all search new batch bulk settings config ' +
    'info state register login logout add remove delete update get set online offline summary stats history events token ' +
    'key keys values value children members devices users networks rooms').split(' '),
);

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/;
const PHONE = /^\+?\d[\d\s().-]{6,}$/;
const MAC = /^[0-9a-f]{2}([:-])(?:[0-9a-f]{2}\1){4,6}[0-9a-f]{2}$/i;
const MAC_DOTTED = /^[0-9a-f]{4}\.[0-9a-f]{4}\.[0-9a-f]{4}$/i;
const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}(?::\d+)?(?:\/\d{1,2})?$/;
const UUID = /^\{?[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}\}?$/i;
const NUMBER = /^[-+]?\d+(?:[.,]\d+)?$/;
const HEX = /^(?:0x)?[0-9a-f]{8,}$/i;
const TOKEN = /^[A-Za-z0-9][A-Za-z0-9_.:~-]{5,}$/;
/** Characters no schema puts in a field name, but people put in names, and values carry. */
const FREE_TEXT = /[\s@"'{}<>,;=+%\\|!?#&()^`\u0000-\u001f\u007f]/;

function normalise(key: string): string {
  return key.toLowerCase().replace(/[-_\s]/g, '');
}

/** The placeholder kind of a collection name (`networks` → network), if it names one. */
export function collectionKind(name: string | undefined): ValuePlaceholder | undefined {
  return name === undefined ? undefined : COLLECTIONS.get(normalise(name));
}

function countDigits(key: string): number {
  let digits = 0;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    if (c >= 0x30 && c <= 0x39) digits++;
  }
  return digits;
}

/** The placeholder a key's shape alone calls for. */
export function shapePlaceholder(key: string): ValuePlaceholder | undefined {
  const length = key.length;
  if (length === 0) return undefined;
  if (length > 64) return 'id';
  if (key.includes('@') && EMAIL.test(key)) return 'personal';
  if (MAC.test(key) || MAC_DOTTED.test(key)) return 'device';
  if (IPV4.test(key) || (key.includes(':') && isIPv6(key.replace(/^\[|\]$/g, '')))) return 'network';
  const digits = countDigits(key);
  if (digits >= 7 && PHONE.test(key) && !NUMBER.test(key)) return 'personal';
  if (UUID.test(key)) return 'id';
  if (NUMBER.test(key)) return digits >= 4 || /[.,]/.test(key) ? 'number' : undefined;
  if (FREE_TEXT.test(key)) return 'name';
  if (digits >= 1 && HEX.test(key)) return 'id';
  if (TOKEN.test(key) && digits >= 4 && digits / length >= 0.3) return 'id';
  if (length >= 12 && TOKEN.test(key) && looksRandom(key)) return 'id';
  return undefined;
}

/**
 * A capital run that is an acronym word (`SSID` in `SSIDPassword`, `AP` in `isAPMode`): two or more
 * capitals ending before a capitalised word, a digit, a separator or the end.
 */
const ACRONYM = '[A-Z]{2,}(?=[A-Z][a-z]|[\\d_.:~-]|$)';
const NAME_WORD = `(?:[a-z]+|[A-Z][a-z]+|${ACRONYM})`;
/**
 * A name written in camelCase or PascalCase, with separators (`TimeZoneName`, `autostartOnBoot`,
 * `isAPModeEnabled`, `Device.TimeZoneName`): words that each start with a capital, or are an acronym,
 * or digits; a lower-case word only first or after a separator.
 */
const CAMEL_CASE_NAME = new RegExp(`^${NAME_WORD}(?:[A-Z][a-z]+|${ACRONYM}|\\d+|[_.:~-]+${NAME_WORD})*$`);

/**
 * Base64-like tokens (`ikBwaAEXSCSFjwCFqogY8g`): upper and lower case mixed throughout, not in words.
 * A long lower-case run is a word (`autostartOnBoot`, `chargedInKWh`); a name of short words
 * (`TimeZoneName`, `ModeAuxHeatOn`) has none, so its words are read by camelCase's grammar too. Of
 * random 12–22 character base64 tokens with both cases, 88 % pass both tests (92 % the run alone).
 */
function looksRandom(key: string): boolean {
  let upper = 0;
  let lower = 0;
  let run = 0;
  let longestRun = 0;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    const isLower = c >= 0x61 && c <= 0x7a;
    if (c >= 0x41 && c <= 0x5a) upper++;
    if (isLower) lower++;
    run = isLower ? run + 1 : 0;
    if (run > longestRun) longestRun = run;
  }
  return upper >= key.length / 4 && lower >= key.length / 4 && longestRun <= 4 && !CAMEL_CASE_NAME.test(key);
}

/**
 * The placeholder for `key` when it is a value, given the key (or URL segment) it sits under; undefined
 * when it is a schema key written as is.
 */
export function valueKeyPlaceholder(key: string, parent: string | undefined): ValuePlaceholder | undefined {
  // Already a placeholder (a path templated before): the same, so templating twice changes nothing.
  const written = parsePlaceholder(key);
  if (written !== undefined) return written;
  const collection = collectionKind(parent);
  if (collection !== undefined && key !== '' && !GENERIC.has(normalise(key)) && collectionKind(key) === undefined) {
    return collection;
  }
  return shapePlaceholder(key);
}

/** How a placeholder is written in a path: `{personal}`. */
export function placeholderText(placeholder: ValuePlaceholder): string {
  return `{${placeholder}}`;
}

export const PLACEHOLDERS: readonly ValuePlaceholder[] = ['personal', 'network', 'device', 'location', 'id', 'number', 'name'];

/** The placeholder a pattern step such as `{network}` names, if it is one. */
export function parsePlaceholder(text: string): ValuePlaceholder | undefined {
  if (!text.startsWith('{') || !text.endsWith('}')) return undefined;
  const name = text.slice(1, -1);
  return PLACEHOLDERS.find((placeholder) => placeholder === name);
}
