import type { PayloadField } from '../../payload/index.js';
import { finding, type Finding } from './detector.js';
import { prefixKey } from './field-paths.js';
import { ancestorKeys, keyHints } from './key-detectors.js';
import type { ShapeField } from './shape.js';
import { readKey } from './words.js';

/**
 * `speech-piece`: the pieces a transcript is made of. A speech-to-text answer may give, beside the
 * transcript, the pieces the recogniser produced one by one (`logprobs[*].token`: "Hey", ",", " my", …),
 * and each piece as the bytes that spell it (`logprobs[*].bytes`: [72, 101, 121]). When the texts of a list's
 * items, one per item, spell out a text under a speech key (`text`, `transcript`) of the same payload, each
 * is a piece of what somebody said (media), and so are numbers beside a piece that spell it in UTF-8, and
 * the token ids beside a transcript in a list's item (a Whisper segment's `tokens` beside its `text`).
 * Media only: a piece is no command, the transcript carries it (docs/CORPUS.md). Pieces that spell nothing
 * the payload calls speech (a chat model's tokens beside its own answer under `content`) are left alone.
 */
export const SPEECH_PIECE = 'speech-piece';

export const speechPieceExplanations: Readonly<Record<string, (f: Finding) => string>> = {
  [SPEECH_PIECE]: (f) =>
    f.facts.form === 'ids'
      ? `numbers that encode the transcript beside them as a recogniser's token ids (speech recognised piece by piece) → media`
      : f.facts.form === 'bytes'
      ? `numbers that spell one of ${f.facts.count} pieces of a transcript in UTF-8 (speech recognised piece by piece) → media`
      : `one of ${f.facts.count} pieces that spell out the payload's transcript, in order (speech recognised piece by piece) → media`,
};

type Add = (index: number, f: Finding) => void;

/** A transcript shorter than this is a word or two: its pieces are not told apart from any list's. */
const MIN_TRANSCRIPT = 12;
const MAX_TRANSCRIPT = 20_000;

/**
 * Plan: the texts under a speech key, the texts of list items and the numbers of a list inside a list's
 * item (a piece's bytes, a segment's token ids); nothing without a text under a speech key, or without
 * two texts in a list and numbers in a list's item.
 */
export function speechPieceFields(fields: readonly ShapeField[]): number[] | undefined {
  const named: number[] = [];
  let transcripts = 0;
  let pieces = 0;
  let numbers = 0;
  fields.forEach((field, index) => {
    if (field.kind === 'string') {
      const transcript = underSpeechKey(field);
      const piece = inListItem(field);
      if (transcript) transcripts++;
      if (piece) pieces++;
      if (transcript || piece) named.push(index);
    } else if (field.kind === 'number' && byteOf(field.segments) !== undefined) {
      numbers++;
      named.push(index);
    }
  });
  // Pieces need two texts in a list; token ids need a transcript in a list's item and numbers beside it.
  return transcripts === 0 || (pieces < 2 && numbers === 0) ? undefined : named;
}

/** `[…, list, i, bytes, m]`: the key of the numbers' list inside a list's item, or undefined. */
function byteOf(segments: readonly (string | number)[]): string | undefined {
  const n = segments.length;
  const item = segments[n - 3];
  const key = segments[n - 2];
  if (typeof segments[n - 1] !== 'number' || typeof key !== 'string' || typeof item !== 'number' || typeof segments[n - 4] !== 'string') return undefined;
  return key;
}

/** `[…, list, i, key]`: a text of a list's item. */
function inListItem(field: { readonly segments: readonly (string | number)[] }): boolean {
  const n = field.segments.length;
  return typeof field.segments[n - 1] === 'string' && typeof field.segments[n - 2] === 'number';
}

function underSpeechKey(field: { readonly segments: readonly (string | number)[] }): boolean {
  const keyAt = field.segments.length - 1;
  const key = field.segments[keyAt];
  return typeof key === 'string' && keyHints(readKey(key), ancestorKeys(field.segments, keyAt)).speech;
}

function isTranscript(field: PayloadField): boolean {
  const value = field.value;
  return typeof value === 'string' && value.length >= MIN_TRANSCRIPT && value.length <= MAX_TRANSCRIPT && underSpeechKey(field);
}

const squeeze = (text: string): string => text.replace(/\s+/g, '');

type Numbers = { index: number; value: number }[];
const UTF8 = new TextEncoder();

interface Piece {
  readonly index: number;
  readonly text: string;
}

export function speechPieces(fields: readonly PayloadField[], add: Add): void {
  const transcripts = new Set<string>();
  for (const field of fields) if (isTranscript(field)) transcripts.add(squeeze(String(field.value)));
  if (transcripts.size === 0) return;
  // Texts of list items, by list and key: `$.logprobs` + `token` → the items' tokens in order.
  const lists = new Map<string, Piece[]>();
  // Lists of numbers inside list items, by the item and then the list: `$.logprobs[1]` → `bytes` → [44].
  const bytes = new Map<string, Map<string, Numbers>>();
  fields.forEach((field, index) => {
    const n = field.segments.length;
    const key = field.segments[n - 1];
    if (typeof field.value === 'string' && typeof key === 'string' && inListItem(field)) {
      const path = `${prefixKey(field, -2)}\u0000${key}`;
      const pieces = lists.get(path) ?? [];
      lists.set(path, pieces);
      pieces.push({ index, text: field.value });
    } else if (typeof field.value === 'number') {
      const listKey = byteOf(field.segments);
      if (listKey === undefined) return;
      const item = prefixKey(field, -2);
      const ofItem = bytes.get(item) ?? new Map<string, Numbers>();
      bytes.set(item, ofItem);
      const numbers = ofItem.get(listKey) ?? [];
      ofItem.set(listKey, numbers);
      numbers.push({ index, value: field.value });
    }
  });
  tokenIds(fields, bytes, (index) => {
    add(index, TOKEN_IDS);
    add(index, TOKEN_IDS_NO_SECRET);
  });
  for (const pieces of lists.values()) {
    if (pieces.length < 2 || !transcripts.has(squeeze(pieces.map((p) => p.text).join('')))) continue;
    const count = String(pieces.length);
    const spelled = finding(SPEECH_PIECE, 'strong', ['media'], { of: 'structure', count });
    const inBytes = finding(SPEECH_PIECE, 'strong', ['media'], { of: 'structure', count, form: 'bytes' });
    // A piece under `token` is a recogniser's token, not a secret's: the credentials reading of the key goes.
    const noSecret = finding(SPEECH_PIECE, 'veto', ['credentials'], { of: 'structure', count });
    for (const piece of pieces) {
      add(piece.index, spelled);
      add(piece.index, noSecret);
      spellingBytes(fields[piece.index], piece.text, bytes, (index) => add(index, inBytes));
    }
  }
}

const TOKEN_IDS = finding(SPEECH_PIECE, 'strong', ['media'], { of: 'structure', form: 'ids' });
const TOKEN_IDS_NO_SECRET = finding(SPEECH_PIECE, 'veto', ['credentials'], { of: 'structure', form: 'ids' });
const TOKEN_WORDS = new Set(['token', 'tokens']);

/**
 * A list's item holding a transcript (a Whisper segment's `text`) and a list of whole numbers named for tokens
 * (`tokens`, `token_ids`): the numbers are the same words encoded by the recogniser's public tokenizer.
 */
function tokenIds(fields: readonly PayloadField[], bytes: ReadonlyMap<string, ReadonlyMap<string, Numbers>>, each: (index: number) => void): void {
  if (bytes.size === 0) return;
  for (const field of fields) {
    if (!inListItem(field) || !isTranscript(field)) continue;
    for (const [key, numbers] of bytes.get(prefixKey(field, -1)) ?? []) {
      if (!readKey(key).words.some((w) => TOKEN_WORDS.has(w)) || !numbers.every((n) => Number.isInteger(n.value) && n.value >= 0)) continue;
      for (const n of numbers) each(n.index);
    }
  }
}

/** The item's lists of numbers that are the piece's UTF-8 bytes (`bytes: [32, 109, 121]` beside " my"). */
function spellingBytes(piece: PayloadField | undefined, text: string, bytes: ReadonlyMap<string, ReadonlyMap<string, Numbers>>, each: (index: number) => void): void {
  const lists = piece === undefined ? undefined : bytes.get(prefixKey(piece, -1));
  if (lists === undefined) return;
  const encoded = UTF8.encode(text);
  for (const numbers of lists.values()) {
    if (numbers.length === encoded.length && numbers.every((n, i) => n.value === encoded[i])) for (const n of numbers) each(n.index);
  }
}
