/**
 * The raw personal values of the labelled corpora: for every fixture of test/fixtures/corpus (labels in
 * corpus-labels.json) and of test/fixtures/classifier-corpus/dev (labels.json), the values found at the
 * labelled paths, with their categories. The never-a-raw-value scan looks for each of them in
 * everything the gateway keeps or shows.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RELATIVES } from '../../src/policy/classifier/relation-vocabulary.js';
import { gatewayPhrases, gatewayWords } from './gateway-words.js';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures');

/** A directory of fixtures and the file labelling them. */
export interface CorpusSource {
  readonly dir: string;
  readonly labels: string;
}

export const SHARED_CORPUS: CorpusSource = { dir: join(FIXTURES, 'corpus'), labels: join(FIXTURES, 'corpus-labels.json') };
export const DEV_CORPUS: CorpusSource = {
  dir: join(FIXTURES, 'classifier-corpus', 'dev'),
  labels: join(FIXTURES, 'classifier-corpus', 'dev', 'labels.json'),
};

interface LabelledFile {
  /** query-dict: a JSON object of query parameters; query-url/query: a URL; form: `a=b&c=d`. */
  readonly format: 'json' | 'query-dict' | 'query-url' | 'query' | 'form';
  readonly fields: Readonly<Record<string, readonly string[]>>;
}

export interface LabelledValue {
  readonly path: string;
  /** The label's last key (`$.coords.lat` → `lat`): the name a query or path parameter gets. */
  readonly name: string;
  readonly categories: readonly string[];
  readonly value: string | number | boolean | null;
}

export interface CorpusFixture {
  readonly file: string;
  /** The fixture as a JSON document (query fixtures become one object of their parameters). */
  readonly json: Buffer;
  readonly values: readonly LabelledValue[];
}

type Step = { readonly key: string } | { readonly any: true };

/** `$.a["b c"][*].d` → steps; `$query.x` → one key. */
function stepsOf(path: string): Step[] {
  const steps: Step[] = [];
  const re = /\.([^.[\]]+)|\[\*\]|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]/g;
  const body = path.startsWith('$query') ? path.slice('$query'.length) : path.slice(1);
  for (const match of body.matchAll(re)) {
    if (match[1] !== undefined) steps.push({ key: match[1] });
    else if (match[2] !== undefined) steps.push({ key: match[2] });
    else if (match[3] !== undefined) steps.push({ key: JSON.parse(match[3]) as string });
    else steps.push({ any: true });
  }
  return steps;
}

function valuesAt(node: unknown, steps: readonly Step[]): unknown[] {
  const [step, ...rest] = steps;
  if (step === undefined) return [node];
  if ('any' in step) return Array.isArray(node) ? node.flatMap((item) => valuesAt(item, rest)) : [];
  if (node === null || typeof node !== 'object') return [];
  const child = (node as Record<string, unknown>)[step.key];
  return child === undefined ? [] : valuesAt(child, rest);
}

function documentOf(path: string, format: LabelledFile['format']): unknown {
  const text = readFileSync(path, 'utf8');
  if (format === 'json' || format === 'query-dict') return JSON.parse(text);
  if (format === 'form') return Object.fromEntries(new URLSearchParams(text.trim()));
  return Object.fromEntries(new URLSearchParams(text.trim().slice(text.indexOf('?') + 1)));
}

function isScalar(value: unknown): value is string | number | boolean | null {
  return value === null || ['string', 'number', 'boolean'].includes(typeof value);
}

export function loadCorpus(source: CorpusSource = SHARED_CORPUS): CorpusFixture[] {
  const labels = JSON.parse(readFileSync(source.labels, 'utf8')) as { files: Record<string, LabelledFile> };
  return Object.entries(labels.files).map(([file, labelled]) => {
    const document = documentOf(join(source.dir, file), labelled.format);
    const values: LabelledValue[] = [];
    for (const [path, categories] of Object.entries(labelled.fields)) {
      const steps = stepsOf(path);
      const last = [...steps].reverse().find((step): step is { key: string } => 'key' in step);
      for (const value of valuesAt(document, steps).filter(isScalar)) {
        values.push({ path, name: last?.key ?? 'value', categories, value });
      }
    }
    const json = labelled.format === 'json' ? readFileSync(join(source.dir, file)) : Buffer.from(JSON.stringify(document));
    return { file, json, values };
  });
}

/** Words of every object key in the corpus (`autostartOnBoot` → autostart, on, boot, "autostart on boot"), lower case. */
function keyWords(corpus: readonly CorpusFixture[]): Set<string> {
  const words = new Set<string>();
  const visit = (node: unknown, parent: { readonly key: string; readonly phrase: string } | undefined): void => {
    if (Array.isArray(node)) node.forEach((item) => visit(item, parent));
    else if (node !== null && typeof node === 'object') {
      for (const [key, child] of Object.entries(node)) {
        const parts = key.replace(/([a-z])([A-Z])/g, '$1 $2').split(/[^A-Za-z0-9]+/).map((word) => word.toLowerCase());
        for (const word of parts) words.add(word);
        // Numbers with a dot inside a key (`pm10.0`, `10.0_um_count`) are in the ledger's paths: a labelled `"10.0"`
        // of another file (an expense's cost) cannot be told from them.
        for (const number of key.match(/\d+(?:\.\d+)+/g) ?? []) words.add(number);
        // and the key as a phrase: a placeholder `"User Name"` under `userName` reads as the key's own words.
        const phrase = parts.filter(Boolean).join(' ');
        words.add(phrase);
        // A publisher's placeholder that repeats its key (`"firstName": "firstName"`) is in every path.
        words.add(key.toLowerCase());
        if (parent !== undefined) {
          // ... or its last two keys: `"agent.username"` under `$.agent.username` is in the ledger's paths, and
          // `"visitor name"` under `$.visitor.name` in the explanation `key "name" under "visitor" reads "visitor name"`.
          words.add(`${parent.key}.${key}`.toLowerCase());
          words.add(`${parent.phrase} ${phrase}`);
        }
        visit(child, { key, phrase });
      }
    }
  };
  for (const fixture of corpus) visit(JSON.parse(fixture.json.toString('utf8')), undefined);
  return words;
}

/**
 * Which labelled values the scan searches for. Skipped, and why:
 * - booleans and null, also as the strings `true`/`false`/`null` of a form, and empty strings: they
 *   identify nobody;
 * - numbers and strings shorter than 4 characters (`72`, `on`, `lnY`): they occur by chance in any file
 *   (inside dates, counters, sizes) and cannot identify anyone alone;
 * - a value that is a word of the corpus's own keys (`start`, `dock`, `home`, `default`): the ledger
 *   rightly shows schema keys (`$.slots[*].range.start`, `$.body.devices[*].home_id`), and a value
 *   equal to a schema word cannot be told from it; so is a whole key repeated as a publisher's placeholder
 *   (`"firstName": "firstName"`, `"UIDSignature": "UIDSignature="`, `user_id=user_id`), also as a phrase in
 *   any case or quoted (`"reqssid": "\"Wifi SSID\""` beside a `wifiSSID` key elsewhere), and a placeholder that
 *   repeats a key with its parent (`"agent.username"`, `"visitor name"` under `$.visitor.name`: the ledger's paths
 *   and the explanations' "reads \"visitor name\"" hold it), and a dotted
 *   number inside a key (`"10.0"` beside an air sensor's `pm10.0` key in another file);
 * - a common English function word (`with`, `from`, `while`, `somebody`, a speech token of a transcript, a
 *   publisher's anonymised user name): the gateway's own sentences (explanations, reasons) use them, and such a
 *   word alone identifies nobody;
 * - a word the gateway's report uses for what it did (`redacted`, `hashed`): a publisher's mask `"REDACTED"` is
 *   the same word, and it identifies nobody;
 * - any other word of the gateway's own sentences (gateway-words.ts: the words of the literals in `src/` that hold
 *   a space, such as an explanation's "the last things somebody did" or the log's "devices on your network"): a
 *   transcript's single word `things` or `your` is the same word; values of two or more words are searched,
 *   unless the gateway writes that very phrase (gateway-words.ts `gatewayPhrases`: a placeholder `"JSON Web Token"`
 *   is the validators' name for a token's form, a network named `"Home Network"` the explanations' "home network");
 * - a word of the classifier's relation vocabulary (relation-vocabulary.ts `RELATIVES`): explanations name the
 *   relation a key read ("key names the owner's dependent"), so a publisher's placeholder first name `"Dependent"`
 *   is the same word;
 * - the year the test runs in and its neighbours as a whole number (a step count of `2026`): every row the
 *   ledger writes carries a timestamp of this year, so such a number cannot be told from it (other years, a
 *   birth year, are searched);
 * - a bare time of day (`17:00`, `7:30`, `06:45:00`): every timestamp the ledger, the logs and the pages write
 *   holds one, and the test's own clock passes through whichever the run happens to span (a curfew's
 *   `"unlock_time": "17:00"` matched a report written at 17:00); a time alone identifies nobody. Times inside a
 *   longer value (`Mon 17:00-18:30`) are searched with it;
 * - `skip`: values the test itself stores on purpose (the upstream's address is the destination host).
 */
const FUNCTION_WORDS = new Set(['with', 'from', 'that', 'this', 'than', 'then', 'into', 'onto', 'when', 'what', 'where', 'which', 'there', 'their', 'have', 'been', 'were', 'will', 'would', 'could', 'should', 'about', 'after', 'before', 'under', 'over', 'only', 'also', 'each', 'every', 'some', 'none', 'other', 'while', 'until', 'since', 'because', 'somebody', 'someone', 'anybody', 'anyone', 'nobody', 'everyone', 'everybody']);
/** What the gateway did with a field: the policy's actions and the report's words for them (src/ledger/report-markdown.ts). */
const HANDLING_WORDS = ['allow', 'redact', 'hash', 'drop', 'block', 'redacted', 'hashed', 'removed'];

/** This year and its neighbours: inside every timestamp the ledger writes during the test. */
const YEAR = new Date().getUTCFullYear();
const RUN_YEARS = new Set([YEAR - 1, YEAR, YEAR + 1].map(String));
/** A clock time with nothing around it: hours, minutes, optional seconds. */
const TIME_OF_DAY = /^([01]?\d|2[0-3]):[0-5]\d(:[0-5]\d)?$/;

export function searchableValues(corpus: readonly CorpusFixture[], skip: readonly string[]): (value: LabelledValue['value']) => string | undefined {
  const words = keyWords(corpus);
  for (const word of [...FUNCTION_WORDS, ...HANDLING_WORDS, ...RELATIVES, ...gatewayWords()]) words.add(word);
  const gatewayPhrase = gatewayPhrases();
  return (value) => {
    if (value === null || typeof value === 'boolean') return undefined;
    const text = String(value).trim();
    const bare = text.toLowerCase().replace(/=+$/, '').replace(/^["']|["']$/g, '');
    if (text.length < 4 || ['true', 'false', 'null'].includes(text) || words.has(bare) || skip.includes(text)) return undefined;
    if (RUN_YEARS.has(text) || TIME_OF_DAY.test(text)) return undefined;
    if (gatewayPhrase(bare)) return undefined;
    return text;
  };
}
