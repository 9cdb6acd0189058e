import { BoundedMemo } from '../../memo.js';
import { finding, type Finding } from './detector.js';
import type { Add, ShapeField } from './shape.js';
import { readKey } from './words.js';

/**
 * `media-locator`: a key that says *where* a picture, clip or recording is — a word for one
 * (`snapshot`, `thumbnail`, `image`, `cover`, `clip`, `recording`) followed by a locator head (`path`,
 * `url`, `uri`, `src`, `href`, `link`): `snapshot_path`, `imageSrc`, `cover_path`, `clipUrl`. The value
 * is then a locator of media whatever its shape (a relative path, an API query that fetches the
 * picture), which the value alone cannot show. So is a locator key (`url`, `signed_url`, `href`) of a
 * record or list named for media (`thumbnails[*].signed_url`, `face.url`, `snapshot.href`). Only strings,
 * and only keys of at most four words (a longer key is a setting or a description:
 * `snapshotPathTemplateFormat`); a vendor's product picture is left to `product-picture`.
 */
export const MEDIA_LOCATOR = 'media-locator';

/**
 * `media-quantity`: a number or a flag is never a picture, a recording or a transcript (those are strings
 * or bytes): under a media word (`audio.volume_limit.max`, `video.fps`) it is a setting of the media, and
 * a veto that names media alone takes that reading away.
 */
export const MEDIA_QUANTITY = 'media-quantity';

export const mediaLocatorExplanations: Readonly<Record<string, (f: Finding) => string>> = {
  [MEDIA_LOCATOR]: (f) => `key says where the ${f.facts.media} is ("${f.facts.words}") → media`,
  [MEDIA_QUANTITY]: () => `a number or a flag is a setting of the media, not the media`,
};

const QUANTITY_VETO = finding(MEDIA_QUANTITY, 'veto', ['media'], { of: 'structure' }, 'all');
const mediaSegments = new BoundedMemo<boolean>(5_000, 256);
function namesMedia(raw: string): boolean {
  const media = mediaSegments.get(raw, () => {
    let media: boolean;
    media = readKey(raw).words.some((w) => MEDIA.has(w) || (w.endsWith('s') && MEDIA.has(w.slice(0, -1))));
    return media;
  });
  return media;
}

/** `media-quantity`: numbers and flags on a path that names media. */
export function mediaQuantities(fields: readonly ShapeField[], add: Add): void {
  fields.forEach((field, index) => {
    if (field.kind !== 'number' && field.kind !== 'boolean') return;
    if (field.segments.some((s) => typeof s === 'string' && namesMedia(s))) add(index, QUANTITY_VETO);
  });
}

const LOCATORS = new Set(['path', 'url', 'uri', 'src', 'href', 'link', 'location']);
/** Pictures, clips and recordings (the key reader expands `img`, `pic`, `cam`). */
const MEDIA = new Set(['snapshot', 'thumbnail', 'thumb', 'image', 'picture', 'photo', 'video', 'clip', 'recording', 'cover',
  'preview', 'poster', 'still', 'mjpeg', 'mxpeg', 'jpeg', 'jpg', 'png', 'gif', 'mp', 'audio', 'voice', 'sound', 'vignette',
  'screenshot', 'capture', 'selfie', 'face']);
/** Words that make the key about the media's settings, not its place (`imagePathFormat` ends otherwise anyway). */
const NOT_LOCATOR = new Set(['template', 'format', 'prefix', 'base', 'root', 'dir', 'directory', 'folder', 'default']);

const readings = new BoundedMemo<Finding | null>(5_000, 256);
function locatorFinding(raw: string): Finding | undefined {
  const found = readings.get(raw, () => {
    let found: Finding | null;
    found = null;
    const words = readKey(raw).words;
    const head = words[words.length - 1] ?? '';
    if (words.length >= 2 && words.length <= 4 && LOCATORS.has(head) && !words.some((w) => NOT_LOCATOR.has(w))) {
      const media = words.slice(0, -1).find((w) => MEDIA.has(w));
      if (media !== undefined) found = finding(MEDIA_LOCATOR, 'strong', ['media'], { of: 'structure', media, words: words.join(' ') });
    }
    return found;
  });
  return found ?? undefined;
}

/** `signed_url`, `href`, `downloadUrl`: a key whose head is a locator and whose other words name no media or setting. */
const plainLocators = new BoundedMemo<boolean>(5_000, 256);
function plainLocator(raw: string): boolean {
  const plain = plainLocators.get(raw, () => {
    let plain: boolean;
    const words = readKey(raw).words;
    plain = words.length >= 1 && words.length <= 3 && LOCATORS.has(words[words.length - 1] ?? '') && !words.some((w) => NOT_LOCATOR.has(w));
    return plain;
  });
  return plain;
}

const parents = new BoundedMemo<Finding | null>(5_000, 256);
/** A record or list named for media (`thumbnails`, `face`, `snapshot`): its own last word names it. */
function mediaParent(raw: string): Finding | undefined {
  const found = parents.get(raw, () => {
    let found: Finding | null;
    const words = readKey(raw).words;
    const last = words[words.length - 1] ?? '';
    const media = MEDIA.has(last) ? last : last.endsWith('s') && MEDIA.has(last.slice(0, -1)) ? last.slice(0, -1) : undefined;
    found = media === undefined || words.length > 3 ? null : finding(MEDIA_LOCATOR, 'strong', ['media'], { of: 'structure', media, words: `${words.join(' ')} locator` });
    return found;
  });
  return found ?? undefined;
}

export function mediaLocators(fields: readonly ShapeField[], add: Add): void {
  fields.forEach((field, index) => {
    const segments = field.segments;
    const k = segments[segments.length - 1];
    if (typeof k !== 'string' || field.kind !== 'string') return;
    const found = locatorFinding(k);
    if (found !== undefined) return add(index, found);
    if (!plainLocator(k)) return;
    // The record holding the locator, or the list holding that record (`thumbnails[0].signed_url`).
    let at = segments.length - 2;
    if (typeof segments[at] === 'number') at--;
    const parent = segments[at];
    const byParent = typeof parent === 'string' ? mediaParent(parent) : undefined;
    if (byParent !== undefined) add(index, byParent);
  });
}
