import type { ScalarValue } from '../../payload/index.js';
import { finding, type Detector, type Finding } from './detector.js';
import type { KeyWords } from './words.js';

/**
 * `address-setting`: an e-mail address is text with an `@`; a number under an e-mail key is something
 * else the record keeps per channel: which notifications go by mail (`notificationTypes.email: 4196`, a bit
 * mask), whether the channel is on (`0`/`1`), how many mails were sent. The key's personal reading is
 * vetoed for that value. Not phone keys: a phone number is often sent as a JSON number.
 */
export const ADDRESS_SETTING = 'address-setting';

/** `e_mail` reads as `e mail`: its head is `mail` too. */
const EMAIL_HEADS = new Set(['email', 'mail']);

/** `email`, `mail`, `notification.email`: a key whose last word names the e-mail channel. */
export function emailKey(key: KeyWords): boolean {
  return EMAIL_HEADS.has(key.words[key.words.length - 1] ?? '');
}

const VETO = finding(ADDRESS_SETTING, 'veto', ['personal'], { of: 'value' });

export const addressSettingDetector: Detector<{ readonly value: ScalarValue; readonly hints: { readonly emailKey: boolean } }, unknown> = {
  name: ADDRESS_SETTING,
  detect: (input): Finding | undefined => (input.hints.emailKey && typeof input.value === 'number' ? VETO : undefined),
  explain: () => 'a number under an e-mail key is a setting or a count of the channel, not an address: not personal',
};
