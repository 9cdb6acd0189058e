import type { ScalarValue } from '../../payload/index.js';
import { finding, type Detector, type Finding } from './detector.js';
import type { KeyWords } from './words.js';

/**
 * `bare-file-name`: a file name is media when it names a picture or a recording, and those carry their
 * type (`snapshot_129e.jpg`, `RecM01_….mp4`). A file name without one — a log's date (`filename=20250115`),
 * a platform's property name (`PPG_LOG_FILE.name: "PPG_LOG_FILE"`), a placeholder (`"file"`) — names no
 * picture or recording: the key's media reading is vetoed for that value. Only values are read; a key
 * that is no file name is never looked at.
 */
export const BARE_FILE_NAME = 'bare-file-name';

/** `filename`, `original_filename`, `file_name`, or a `name` right under a record named for a file (`PPG_LOG_FILE.name`). */
export function fileNameKey(key: KeyWords, ancestors: readonly KeyWords[]): boolean {
  // A file somebody attached (to a comment, a message) is theirs whatever its type (media-records.ts).
  if (ancestors.some(attachment)) return false;
  const words = key.words;
  const head = words[words.length - 1] ?? '';
  if (head === 'filename') return true;
  if (head !== 'name') return false;
  if (words[words.length - 2] === 'file') return true;
  const parent = ancestors[ancestors.length - 1]?.words;
  return words.length === 1 && parent !== undefined && parent[parent.length - 1] === 'file';
}

const ATTACHMENT_WORDS = new Set(['attachment', 'attachments', 'attached', 'attach']);
function attachment(ancestor: KeyWords): boolean {
  return ATTACHMENT_WORDS.has(ancestor.words[ancestor.words.length - 1] ?? '');
}

/** Picture, video and audio file types, anywhere in the value (`a.jpg?token=…`, `clip.mp4.thumb`). */
const MEDIA_TYPE = /\.(?:jpe?g|png|gif|webp|heic|heif|bmp|tiff?|mp4|m4v|mov|avi|mkv|webm|m3u8|ts|mjpe?g|h26[45]|wav|mp3|aac|m4a|ogg|opus|flac|amr)(?![a-z0-9])/i;

const VETO = finding(BARE_FILE_NAME, 'veto', [], { of: 'value' }, 'all');

export const bareFileNameDetector: Detector<{ readonly value: ScalarValue; readonly hints: { readonly fileName: boolean } }, unknown> = {
  name: BARE_FILE_NAME,
  detect(input): Finding | undefined {
    if (!input.hints.fileName) return undefined;
    const value = input.value;
    if (typeof value === 'number') return VETO;
    return typeof value === 'string' && !MEDIA_TYPE.test(value) ? VETO : undefined;
  },
  explain: () => 'a file name with no picture, video or audio type names no media',
};
