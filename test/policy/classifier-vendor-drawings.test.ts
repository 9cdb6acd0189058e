import { describe, expect, it } from 'vitest';
import { at, classifyJson } from '../helpers/classify-json.js';

/**
 * `vendor-drawing` (an icon, a logo or a default placeholder by its path) and `no-picture` (a URL template, a yes/no
 * as text): values that are nobody's picture whatever their key. Each row: what, key, value, still media or not.
 */
const CASES: readonly (readonly [string, string, string, boolean])[] = [
  ['a default avatar', 'avatar', 'https://files.example.com/iottest/default_avatar.png', false],
  ['a placeholder in a defaults folder', 'avatar', 'https://cdn.example.jp/account/usericon/defaults/blank_s.jpg', false],
  ['a default folder', 'avatar', 'https://bucket.example.com/upload/default/avatar.png', false],
  ['an icon endpoint', 'selecticon', '/SystemSettings/getItemSettingIcon?iconName=XMOS_select.png', false],
  ['an icons folder', 'image', 'https://example.com/static/icons/weather/sun.png', false],
  ['a logo file', 'picture_url', 'https://example.com/brand/logo-dark.svg', false],
  ['a URL template', 'thumbnail', 'https://my.example.com/image/model/{ModelID}', false],
  ['a map tile template', 'imageTileService', 'https://tiles.example.com/tms/{z}/{x}/{y}.png?connectId=0', false],
  ['a yes written as text', 'recording', 'true', false],
  ['an off written as text', 'snapshot', 'Off', false],
  ['a user\'s avatar', 'avatar', 'https://files.example.com/u/8f3a9c/avatar.png', true],
  ['a camera snapshot', 'snapshot_url', 'https://cam.example.com/api/front/latest.jpg', true],
  ['a file name that only contains the words', 'image', 'https://example.com/photos/silicone-defaulted-iconic.jpg', true],
  ['an icons host', 'photo', 'https://icons.example.com/u/8f3a9c/photo.jpg', true],
  ['a filled URL', 'thumbnail', 'https://my.example.com/image/model/8f3a9c.jpg', true],
  ['braces without a variable name', 'thumbnail', 'https://example.com/clips/{}/clip.mp4', true],
  ['a recording named like a word', 'recording', 'https://cam.example.com/recordings/true.mp4', true],
];

describe('vendor-drawing and no-picture', () => {
  it.each(CASES)('reads %s (%s) as media: %s', (_what, key, value, media) => {
    expect(at(classifyJson({ [key]: value }), `$.${key}`).categories.includes('media')).toBe(media);
  });
});
