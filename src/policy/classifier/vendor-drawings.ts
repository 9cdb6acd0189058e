import type { ScalarValue } from '../../payload/index.js';
import { finding, type Detector, type Finding } from './detector.js';

/**
 * `vendor-drawing`: a picture whose own path or file name says it is an icon, a logo or a default
 * placeholder (`default_avatar.png`, `/usericon/defaults/blank.jpg`, `getItemSettingIcon?iconName=XMOS.png`,
 * `/default/images/img/ph_car.jpg`) is drawn by the vendor for everyone, not the household's picture
 * (docs/CORPUS.md: vendor icons and product pictures are not media). Only the value is read, so an
 * `avatar` key or a picture's extension does not make it media; a veto of media only. The words must stand
 * as words of the path (`icons/`, `_icon.`, `logo-`), so a name that merely contains them (`silicone`,
 * `defaulted`) is not read.
 */
export const VENDOR_DRAWING = 'vendor-drawing';

/** A path segment, or a word of a file name, that names a drawing or a placeholder. */
const DRAWING_WORD = /(?:^|[/_\-.?=&@])(?:icons?|logos?|favicon|defaults?|placeholder|blank)(?=$|[/_\-.?=&@\d])/i;
/** A vendor's endpoint that serves its icons (`getItemSettingIcon`, `getIcon`): the word glued after a verb. */
const ICON_ENDPOINT = /\/get[A-Za-z]*(?:Icon|Logo)(?=[?/]|$)/;
const PICTURE = /\.(?:png|jpe?g|gif|webp|svg|bmp|ico)(?:$|[?#&@])/i;

const VETO = finding(VENDOR_DRAWING, 'veto', ['media'], { of: 'value' });

export const vendorDrawingDetector: Detector<{ readonly value: ScalarValue }, unknown> = {
  name: VENDOR_DRAWING,
  detect({ value }): Finding | undefined {
    if (typeof value !== 'string' || value.length < 8 || value.length > 2048 || !PICTURE.test(value)) return undefined;
    // Only the path and query: a host named for icons (`icons.example.com`) serves users' pictures too.
    const path = value.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]*/i, '');
    return DRAWING_WORD.test(path) || ICON_ENDPOINT.test(path) ? VETO : undefined;
  },
  explain: () => 'a picture whose path names an icon, a logo or a default placeholder: the vendor\'s drawing → not media',
};
