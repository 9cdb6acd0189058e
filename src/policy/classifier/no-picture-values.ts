import type { ScalarValue } from '../../payload/index.js';
import { finding, type Detector, type Finding } from './detector.js';

/**
 * `no-picture`: values that cannot be anybody's picture or recording whatever their key says (a veto of
 * media only):
 * - a URL template whose parts are still to be filled (`https://…/image/model/{ModelID}`, a map tile
 *   service's `/{z}/{x}/{y}.png`): RFC 6570 names a variable in braces; a template points at no one file;
 * - a yes or no written as text (`capture.recording: "true"`, `lastImageUploaded: "false"`): whether
 *   something is recorded is a setting or a state, not the recording.
 */
export const NO_PICTURE = 'no-picture';

const TEMPLATE_VARIABLE = /\{[A-Za-z_][\w.-]{0,40}\}/;
const FLAG_TEXTS = new Set(['true', 'false', 'yes', 'no', 'on', 'off']);

const TEMPLATE = finding(NO_PICTURE, 'veto', ['media'], { of: 'value', what: 'a URL template still to be filled' });
const FLAG = finding(NO_PICTURE, 'veto', ['media'], { of: 'value', what: 'a yes or no written as text' });

export const noPictureDetector: Detector<{ readonly value: ScalarValue }, unknown> = {
  name: NO_PICTURE,
  detect({ value }): Finding | undefined {
    if (typeof value !== 'string' || value.length > 2048) return undefined;
    if (value.length <= 5 && FLAG_TEXTS.has(value.toLowerCase())) return FLAG;
    return value.includes('/') && TEMPLATE_VARIABLE.test(value) ? TEMPLATE : undefined;
  },
  explain: (f) => `${f.facts.what ?? 'a value'} is no picture or recording → not media`,
};
