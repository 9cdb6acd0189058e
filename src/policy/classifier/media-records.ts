import { BoundedMemo } from '../../memo.js';
import type { PayloadField } from '../../payload/index.js';
import { finding, type Finding } from './detector.js';
import { prefixKey } from './field-paths.js';
import type { ShapeField } from './shape.js';
import { readKey, singular } from './words.js';

/**
 * Detectors that find pictures, clips and recordings where a vendor's key does not name them:
 * - `media-record`: a record named for a picture or a recording (`photo`, `image`, `avatar`, `snapshot`,
 *   `clip`) refers to it by a file name, a path, a URL or a content hash (`photo.title`, `photo.hash`,
 *   `snapshot.key`). Those references are media; the record's sizes, formats and ids are not, and a
 *   word that is no reference (`original_filename: "file"`) is not either. A URL there is the picture
 *   whatever its key (`avatar.icon_l`, `avatar.full`: the same picture in another size); a file someone
 *   attached (`attachment.file_name`, `attachment.file_url`) is theirs whatever its type, while the
 *   attachment's link preview (`attachment.url`) is the linked site's;
 * - `media-in-text`: a text that carries a path or URL to a media file among other data
 *   (`"/var/lib/motioneye/Camera1/15-25-30.mp4,2022-02-05T15:25:30"`, `.mp4.thumb`), or a file name with
 *   a cache-busting query (`cropped.jpg?1696346286094`);
 * - `recognised-words`: a list of two or more records each holding a text, a confidence and a start and
 *   end (`{word, conf, start, end}`) is speech recognised word by word: the texts are what somebody said
 *   (media). A word alone is no command (LABELLING: behaviour is commands and intents, the utterance the
 *   words make up); timed pieces of speech (sentences, cues, captions) are utterances: media and behaviour.
 *   An object detector's `{label, score, box}` has no start and end in a stream.
 */
export const MEDIA_RECORD = 'media-record';
export const MEDIA_IN_TEXT = 'media-in-text';
export const RECOGNISED_WORDS = 'recognised-words';

export const mediaRecordExplanations: Readonly<Record<string, (f: Finding) => string>> = {
  [MEDIA_RECORD]: (f) =>
    f.facts.record === 'attachment'
      ? `"${f.facts.key}" of an attachment refers to the file somebody attached (${f.facts.shape}) → media`
      : `"${f.facts.key}" of a record named "${f.facts.record}" refers to a picture or recording (${f.facts.shape}) → media`,
  [RECOGNISED_WORDS]: (f) =>
    f.facts.list === 'speech'
      ? `"${f.facts.key}" of a list of ${f.facts.count} timed pieces of speech (sentences, cues, captions) → media, behaviour`
      : `"${f.facts.key}" of a list of ${f.facts.count} texts each with a confidence and a start and end (speech recognised word by word) → media`,
  [MEDIA_IN_TEXT]: (f) => `value carries ${f.facts.shape} of a ${f.facts.extension} file → media`,
};

type Add = (index: number, f: Finding) => void;

const MEDIA_RECORDS = new Set(['photo', 'image', 'picture', 'pic', 'avatar', 'snapshot', 'thumbnail', 'thumb', 'video', 'clip',
  'recording', 'audio', 'still', 'selfie', 'portrait']);
const REFERENCE_KEYS = new Set(['title', 'name', 'filename', 'file name', 'file', 'hash', 'url', 'href', 'src', 'path', 'uri',
  'link', 'location', 'key', 'object key', 'original filename', 'file path', 'source']);
const EXTENSIONS = 'jpe?g|png|gif|webp|heic|bmp|mp4|m4v|mov|mkv|webm|avi|m3u8|mp3|m4a|aac|wav|ogg|oga|opus|flac|amr';
/** A path or URL inside a longer text, its file name ending in a media extension (maybe one more: `.mp4.thumb`). */
const PATH_IN_TEXT = new RegExp(`(?:^|[\\s,;|"'(])(?:[a-z]+:\\/\\/|\\/)[^\\s,;|"']*\\.(${EXTENSIONS})(?:\\.[a-z]{2,5})?(?=$|[\\s,;|"')?#])`, 'i');
/** A bare file name with a query: `1696346281223-cropped.jpg?1696346286094`. */
const NAME_WITH_QUERY = new RegExp(`^[\\w.-]{1,200}\\.(${EXTENSIONS})\\?[\\w=&.-]{1,100}$`, 'i');
const HASH = /^[\w-]{16,128}$/;

const recordWords = new BoundedMemo<string | null>(5_000, 256);
function mediaRecordWord(raw: string): string | undefined {
  return recordWords.get(raw, () => {
    const words = readKey(raw).words;
    const head = singular(words[words.length - 1] ?? '');
    // The vocabulary word, never the whole key: keys can be values, and explanations reach the ledger.
    return MEDIA_RECORDS.has(head) ? head : null;
  }) ?? undefined;
}

function referenceKey(raw: string): string | undefined {
  const joined = readKey(raw).words.join(' ');
  return REFERENCE_KEYS.has(joined) ? joined : undefined;
}

const ATTACHMENTS = new Set(['attachment', 'attached', 'attach']);
/** Keys of an attachment that name its file (`file_name`, `fileUrl`), not the page a link preview shows. */
const FILE_REFERENCES = new Set(['file', 'file name', 'filename', 'file url', 'file uri', 'file path', 'file link', 'download url']);
// Two memos keyed by the strings themselves, computed by named functions: a key joined per field
// (`${parent}\u0000${key}`) and a closure per lookup allocated ~50 bytes for every string field of every request
// (+32 KB per 10 KB bench body), though almost no holder is an attachment.
const attachmentHolders = new BoundedMemo<boolean>(5_000, 256);
const fileReferences = new BoundedMemo<string | null>(5_000, 256);
/** The key's words when it names the file of a record named for an attachment (`attachments[*]` as well). */
function attachedFile(parent: string, key: string): string | undefined {
  if (!attachmentHolders.get(parent, namesAttachment)) return undefined;
  return fileReferences.get(key, fileReference) ?? undefined;
}

function namesAttachment(parent: string): boolean {
  const words = readKey(parent).words;
  return ATTACHMENTS.has(singular(words[words.length - 1] ?? ''));
}

function fileReference(key: string): string | null {
  const joined = readKey(key).words.join(' ');
  return FILE_REFERENCES.has(joined) ? joined : null;
}

/** How a string refers to a file: a path, a URL, a file name or a content hash; undefined for words. */
function referenceShape(value: string): string | undefined {
  if (value.length > 2048 || /\s/.test(value)) return undefined;
  if (/^[a-z]+:\/\//i.test(value)) return 'a URL';
  if (value.includes('/')) return 'a path';
  if (/\.[a-z0-9]{2,5}(?:$|\?)/i.test(value)) return 'a file name';
  if (HASH.test(value) && /\d/.test(value) && /[a-z]/i.test(value)) return 'a content hash';
  return undefined;
}

/** Plan of `mediaRecords`: it reads non-empty strings only, each on its own. */
export function mediaRecordFields(fields: readonly ShapeField[]): number[] | undefined {
  let strings: number[] | undefined;
  fields.forEach((field, index) => {
    if (field.kind === 'string') (strings ??= []).push(index);
  });
  return strings;
}

export function mediaRecords(fields: readonly PayloadField[], add: Add): void {
  fields.forEach((field, index) => {
    const value = field.value;
    if (typeof value !== 'string' || value.length < 5) return;
    const key = field.segments[field.segments.length - 1];
    const parent = field.segments[field.segments.length - 2];
    if (typeof key === 'string' && typeof parent === 'string') {
      const record = mediaRecordWord(parent);
      const reference = record === undefined ? undefined : referenceKey(key);
      const shape = record === undefined ? undefined : referenceShape(value);
      if (record !== undefined && shape !== undefined && (reference !== undefined || shape === 'a URL')) {
        add(index, finding(MEDIA_RECORD, 'strong', ['media'], { of: 'structure', key: reference ?? 'url', record, shape }));
        return;
      }
    }
    // The attachment itself or one of a list of them (`attachments[0].file_url`).
    const holder = typeof parent === 'number' ? field.segments[field.segments.length - 3] : parent;
    const attached = typeof key === 'string' && typeof holder === 'string' ? attachedFile(holder, key) : undefined;
    const attachedShape = attached === undefined ? undefined : referenceShape(value);
    if (attached !== undefined && attachedShape !== undefined) {
      add(index, finding(MEDIA_RECORD, 'strong', ['media'], { of: 'structure', key: attached, record: 'attachment', shape: attachedShape }));
      return;
    }
    const inText = mediaInText(value);
    if (inText !== undefined) add(index, inText);
  });
}

const inTexts = new BoundedMemo<Finding>(256, 256);
function mediaInText(value: string): Finding | undefined {
  if (value.length > 4096 || !value.includes('.')) return undefined;
  let shape: string;
  let match = NAME_WITH_QUERY.exec(value);
  if (match !== null) shape = 'the name';
  else {
    if (!value.includes('/')) return undefined;
    match = PATH_IN_TEXT.exec(value);
    if (match === null) return undefined;
    shape = 'a path or URL';
  }
  const extension = (match[1] ?? 'media').toLowerCase();
  return inTexts.get(`${shape}\u0000${extension}`, () => finding(MEDIA_IN_TEXT, 'strong', ['media'], { of: 'value', shape, extension }));
}

export const CONFIDENCE = new Set(['conf', 'confidence', 'score', 'probability', 'prob']);
export const STARTS = new Set(['start', 'begin', 'from', 'start time', 'start ms']);
export const ENDS = new Set(['end', 'to', 'end time', 'end ms', 'stop']);

/**
 * Lists whose name says their items are pieces of speech (a transcript's sentences, WebVTT's cues,
 * subtitles): timed texts there are recognised speech without a confidence beside them.
 */
const SPEECH_LISTS = new Set(['sentence', 'utterance', 'phrase', 'caption', 'subtitle', 'cue', 'transcript']);
const speechLists = new BoundedMemo<boolean>(1_000, 256);
/** The list an item's field is in names pieces of speech (`paragraphs[*].sentences[*].text`). */
function inSpeechList(field: { readonly segments: readonly (string | number)[] }): boolean {
  const list = field.segments[field.segments.length - 3];
  if (typeof list !== 'string') return false;
  return speechLists.get(list, () => {
    const words = readKey(list).words;
    return SPEECH_LISTS.has(singular(words[words.length - 1] ?? ''));
  });
}

interface WordItem {
  /** Every text of the item (a word as heard and as punctuated: `word`, `punctuated_word`). */
  texts?: { index: number; key: string }[];
  confidence: boolean;
  start: boolean;
  end: boolean;
}

/**
 * Plan of `recognisedWords`: the texts and the confidence, start and end numbers of lists that can be
 * recognised words whatever the texts say. A list cannot when fewer than two of its items have such
 * numbers, or one of them lacks one of the three or any text: that item is always in the list and
 * never complete.
 */
export function recognisedWordFields(fields: readonly ShapeField[]): number[] | undefined {
  let lists: Map<string, Map<number, { indices: number[]; texts: number; roles: Set<string> }>> | undefined;
  fields.forEach((field, index) => {
    const key = field.segments[field.segments.length - 1];
    const item = field.segments[field.segments.length - 2];
    if (typeof key !== 'string' || typeof item !== 'number') return;
    const words = readKey(key, false).words.join(' ');
    const role = field.kind !== 'number' ? undefined : CONFIDENCE.has(words) ? 'confidence' : STARTS.has(words) ? 'start' : ENDS.has(words) ? 'end' : undefined;
    if (field.kind !== 'string' && role === undefined) return;
    lists ??= new Map();
    const path = prefixKey(field, -2);
    const items = lists.get(path) ?? new Map<number, { indices: number[]; texts: number; roles: Set<string> }>();
    lists.set(path, items);
    const entry = items.get(item) ?? { indices: [], texts: 0, roles: new Set<string>() };
    items.set(item, entry);
    entry.indices.push(index);
    if (role === undefined) entry.texts++;
    else entry.roles.add(role);
  });
  if (lists === undefined) return undefined;
  const named: number[] = [];
  for (const items of lists.values()) {
    const first = items.values().next().value?.indices[0];
    const timed = [...items.values()].filter((e) => e.roles.size > 0);
    const needs = first !== undefined && inSpeechList(fields[first] ?? { segments: [] }) ? 2 : 3;
    if (timed.length < 2 || timed.some((e) => e.roles.size < needs || e.texts === 0)) continue;
    for (const e of items.values()) named.push(...e.indices);
  }
  return named.length === 0 ? undefined : named.sort((a, b) => a - b);
}

export function recognisedWords(fields: readonly PayloadField[], add: Add): void {
  let lists: Map<string, Map<number, WordItem>> | undefined;
  const speechListPaths = new Set<string>();
  fields.forEach((field, index) => {
    const key = field.segments[field.segments.length - 1];
    const item = field.segments[field.segments.length - 2];
    if (typeof key !== 'string' || typeof item !== 'number') return;
    const words = readKey(key, false).words.join(' ');
    const value = field.value;
    const text = typeof value === 'string' && /\p{L}/u.test(value) && value.length <= 200;
    const number = typeof value === 'number';
    if (!text && !(number && (CONFIDENCE.has(words) || STARTS.has(words) || ENDS.has(words)))) return;
    lists ??= new Map();
    const path = prefixKey(field, -2);
    if (inSpeechList(field)) speechListPaths.add(path);
    const items = lists.get(path) ?? new Map<number, WordItem>();
    lists.set(path, items);
    const entry = items.get(item) ?? { confidence: false, start: false, end: false };
    items.set(item, entry);
    // The first text is the word; another is only when its key names one too (`punctuated_word`, not `speaker`).
    if (text && (entry.texts === undefined || namesText(key))) (entry.texts ??= []).push({ index, key });
    else if (CONFIDENCE.has(words)) entry.confidence = true;
    else if (STARTS.has(words)) entry.start = true;
    else entry.end = true;
  });
  if (lists === undefined) return;
  for (const [path, items] of lists) {
    if (items.size < 2) continue;
    const entries = [...items.values()];
    const spoken = speechListPaths.has(path);
    if (!entries.every((e) => e.texts !== undefined && (e.confidence || spoken) && e.start && e.end)) continue;
    for (const e of entries) {
      for (const text of e.texts ?? []) {
        const facts = { of: 'structure', key: textWord(text.key), count: String(items.size), ...(spoken && !e.confidence ? { list: 'speech' } : {}) };
        add(text.index, spoken && !e.confidence ? finding(RECOGNISED_WORDS, 'strong', ['media', 'behaviour'], facts) : finding(RECOGNISED_WORDS, 'strong', ['media'], facts));
      }
    }
  }
}

const TEXT_WORDS = new Set(['word', 'text', 'token', 'transcript', 'utterance', 'partial', 'result', 'label', 'value', 'content']);
/** A key whose head names a piece of text (`punctuated_word`, `smart_text`). */
export function namesText(raw: string): boolean {
  const words = readKey(raw).words;
  return TEXT_WORDS.has(words[words.length - 1] ?? '');
}

/** The text's key as a vocabulary word (keys can be values: an explanation never quotes one). */
export function textWord(raw: string): string {
  const words = readKey(raw).words;
  const head = words[words.length - 1] ?? '';
  return TEXT_WORDS.has(head) ? head : 'text';
}
