import { finding, type Finding } from './detector.js';
import { prefixKey } from './field-paths.js';
import type { Add, ShapeField } from './shape.js';
import { readKey, singular } from './words.js';

/**
 * `product-picture`: a picture of the product is the vendor's, not the household's (docs/CORPUS.md: vendor
 * icons and product pictures are not media). It is recognised by what is around it, not by its URL: an
 * `image`, `picture` or `render` of a record that says which product or model it is (a sibling `product`,
 * `archetype`, `modelName`, `make`, `manufacturer`, a firmware or hardware version, here or one record up:
 * a car's `image` beside its `make`, a tracker's `image_url` beside its `product`), and any render or
 * logo — not one record up from an entry of a list of places (a zone's photo beside the controller's model).
 * What a camera took is never one: a key naming a snapshot, a last image, a cover, a thumbnail, a
 * clip or a face keeps its reading. Only keys are read (a shape detector); the field's readings are vetoed.
 */
export const PRODUCT_PICTURE = 'product-picture';

export const productPictureExplanations: Readonly<Record<string, (f: Finding) => string>> = {
  [PRODUCT_PICTURE]: (f) => f.facts.sibling === undefined
    ? `a ${f.facts.words} is the vendor's drawing, not the household's picture → not media`
    : `a picture of a record that names its product ("${f.facts.sibling}"): the vendor's picture → not media`,
};

const PICTURE_WORDS = new Set(['image', 'images', 'picture', 'pictures', 'img', 'pic', 'render', 'renders', 'logo', 'logos', 'icon', 'icons']);
const DRAWING_WORDS = new Set(['render', 'renders', 'logo', 'logos', 'icon', 'icons']);
/** What a camera or a person produced: their pictures are media whatever record they are in. */
const CAPTURE_WORDS = new Set(['snapshot', 'last', 'latest', 'cover', 'thumb', 'thumbnail', 'preview', 'clip', 'recording', 'video',
  'stream', 'frame', 'event', 'face', 'avatar', 'profile', 'photo', 'selfie', 'user', 'person', 'motion', 'capture', 'captured']);
/** Sibling keys that say which product a record is (`product`, `modelName`, `archetype`, `firmware_version`). */
const PRODUCT_WORDS = new Set(['product', 'model', 'make', 'manufacturer', 'brand', 'sku', 'archetype']);

const words = new Map<string, readonly string[]>();
function wordsOf(key: string): readonly string[] {
  let w = words.get(key);
  if (w === undefined) {
    w = readKey(key).words;
    if (words.size >= 5_000) words.clear();
    words.set(key, w);
  }
  return w;
}

function namesProduct(key: string): boolean {
  const w = wordsOf(key);
  if (w.some((x) => PRODUCT_WORDS.has(x))) return true;
  const joined = w.join(' ');
  return joined.endsWith('firmware version') || joined === 'hw version' || joined === 'hardware version';
}

function capturedAt(segments: readonly (string | number)[]): boolean {
  for (let at = segments.length - 1; at >= Math.max(0, segments.length - 2); at--) {
    const segment = segments[at];
    if (typeof segment === 'string' && wordsOf(segment).some((x) => CAPTURE_WORDS.has(x))) return true;
  }
  return false;
}

export function productPictures(fields: readonly ShapeField[], add: Add): void {
  let products: Map<string, string> | undefined;
  for (const field of fields) {
    for (let i = 0; i < field.segments.length; i++) {
      const segment = field.segments[i];
      if (typeof segment !== 'string' || !namesProduct(segment)) continue;
      products ??= new Map();
      const record = prefixKey(field, i);
      if (!products.has(record)) products.set(record, segment);
    }
  }
  fields.forEach((field, index) => {
    if (field.kind !== 'string') return;
    // The picture's key is the leaf or, for sizes of one picture (`image["@2x"]`, `logo.small`), its parent.
    const segments = field.segments;
    // A size of a person's or a camera's picture (`avatar.icon_l`) is still theirs: capture words win at either level.
    if (capturedAt(segments)) return;
    for (let at = segments.length - 1; at >= Math.max(0, segments.length - 2); at--) {
      const segment = segments[at];
      if (typeof segment !== 'string') continue;
      const w = wordsOf(segment);
      if (!w.some((x) => PICTURE_WORDS.has(x))) continue;
      const drawing = w.find((x) => DRAWING_WORDS.has(x));
      if (drawing !== undefined) return add(index, pictureFinding(undefined, drawing));
      const record = prefixKey(field, at);
      const up = inPlaceList(segments, at) ? undefined : products?.get(prefixKey(field, Math.max(0, lastStringBefore(segments, at))));
      const sibling = products?.get(record) ?? up;
      if (sibling !== undefined && !namesProduct(segment)) return add(index, pictureFinding(sibling, 'picture'));
      return;
    }
  });
}

/**
 * Places of the home kept in a list (`zones[*]`, `rooms[*]`, `gardens[*]`): an entry's picture is a photo of that
 * place (a sprinkler zone's lawn), not of the product one record up that lists them (`devices[*].model`).
 */
const PLACE_LISTS = new Set(['zone', 'room', 'area', 'place', 'garden', 'yard', 'space', 'region']);
function inPlaceList(segments: ShapeField['segments'], at: number): boolean {
  const list = segments[at - 2];
  if (typeof segments[at - 1] !== 'number' || typeof list !== 'string') return false;
  const w = wordsOf(list);
  return PLACE_LISTS.has(singular(w[w.length - 1] ?? ''));
}

/** The index of the object key holding the record at `at` (`vehicle` for `vehicle.image`), skipping array indices. */
function lastStringBefore(segments: ShapeField['segments'], at: number): number {
  for (let i = at - 1; i >= 0; i--) if (typeof segments[i] === 'string') return i;
  return -1;
}

const findings = new Map<string, Finding>();
function pictureFinding(sibling: string | undefined, drawing: string): Finding {
  const id = `${sibling ?? ''}\u0000${drawing}`;
  let f = findings.get(id);
  if (f === undefined) {
    f = finding(PRODUCT_PICTURE, 'veto', [], sibling === undefined ? { of: 'structure', words: drawing } : { of: 'structure', sibling }, 'all');
    if (findings.size < 1_000) findings.set(id, f);
  }
  return f;
}
