import { finding, type Finding } from './detector.js';
import type { Add, ShapeField } from './shape.js';
import { readKey } from './words.js';

/**
 * `media-locator`: a key that says *where* a picture, clip or recording is — a word for one
 * (`snapshot`, `thumbnail`, `image`, `cover`, `clip`, `recording`) followed by a locator head (`path`,
 * `url`, `uri`, `src`, `href`, `link`): `snapshot_path`, `imageSrc`, `cover_path`, `clipUrl`. The value
 * is then a locator of media whatever its shape (a relative path, an API query that fetches the
 * picture), which the value alone cannot show. Only strings, and only keys of at most four words (a
 * longer key is a setting or a description: `snapshotPathTemplateFormat`); a vendor's product picture
 * is left to `product-picture`.
 */
export const MEDIA_LOCATOR = 'media-locator';

export const mediaLocatorExplanations: Readonly<Record<string, (f: Finding) => string>> = {
  [MEDIA_LOCATOR]: (f) => `key says where the ${f.facts.media} is ("${f.facts.words}") → media`,
};

const LOCATORS = new Set(['path', 'url', 'uri', 'src', 'href', 'link', 'location']);
/** Pictures, clips and recordings (the key reader expands `img`, `pic`, `cam`). */
const MEDIA = new Set(['snapshot', 'thumbnail', 'thumb', 'image', 'picture', 'photo', 'video', 'clip', 'recording', 'cover',
  'preview', 'poster', 'still', 'mjpeg', 'mxpeg', 'jpeg', 'jpg', 'png', 'gif', 'mp', 'audio', 'voice', 'sound', 'vignette',
  'screenshot', 'capture', 'selfie', 'face']);
/** Words that make the key about the media's settings, not its place (`imagePathFormat` ends otherwise anyway). */
const NOT_LOCATOR = new Set(['template', 'format', 'prefix', 'base', 'root', 'dir', 'directory', 'folder', 'default']);

const readings = new Map<string, Finding | null>();
function locatorFinding(raw: string): Finding | undefined {
  let found = readings.get(raw);
  if (found === undefined) {
    found = null;
    const words = readKey(raw).words;
    const head = words[words.length - 1] ?? '';
    if (words.length >= 2 && words.length <= 4 && LOCATORS.has(head) && !words.some((w) => NOT_LOCATOR.has(w))) {
      const media = words.slice(0, -1).find((w) => MEDIA.has(w));
      if (media !== undefined) found = finding(MEDIA_LOCATOR, 'strong', ['media'], { of: 'structure', media, words: words.join(' ') });
    }
    if (readings.size >= 5_000) readings.clear();
    readings.set(raw, found);
  }
  return found ?? undefined;
}

export function mediaLocators(fields: readonly ShapeField[], add: Add): void {
  fields.forEach((field, index) => {
    const k = field.segments[field.segments.length - 1];
    if (typeof k !== 'string' || field.kind !== 'string') return;
    const found = locatorFinding(k);
    if (found !== undefined) add(index, found);
  });
}
