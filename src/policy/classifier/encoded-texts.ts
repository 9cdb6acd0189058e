/**
 * Base64 of readable text looks as random as a generated key, but a generated key or token decodes to
 * random bytes, and twelve random bytes are all printable once in ten million. Such a value is encoded
 * text: the random-token reading does not hold for it (what the text says is read by no detector here).
 * - words separated by spaces (`aGF2ZSBhIG5pY2UgZGF5ID1d` is "have a nice day =]"; an app's opaque
 *   `client_state`, a sample's `integrityHash`);
 * - a label or a cursor written without spaces (`QkxPT0RfU1VHQVJAMjQ1Nw==` is "BLOOD_SUGAR@2457", a
 *   record's tag; `Y3Vyc29yMjAxOS0wNS0xM1QwMDowMDowMVo=` is "cursor2019-05-13T00:00:01Z", a page's
 *   cursor): a word of four letters among ASCII punctuation and digits.
 * Stays a secret: a login encoded for Basic auth (`user:password`, one colon and no space) and an
 * encoded token (a run of 16 letters and digits in the text, `sk_live_4eC39HqLyjWDarjtT1zdp7dc`).
 */
export function encodesWords(value: string): boolean {
  if (value.length < 8 || value.length > 4096) return false;
  const text = Buffer.from(value, 'base64').toString('utf8');
  // Every character printable (letters in any script, digits, punctuation, spaces), and two words apart.
  if (/[^\p{L}\p{N}\p{P}\p{S} ]/u.test(text)) return false;
  return /\p{L}{2,} +\p{L}{2,}/u.test(text) || labelText(text);
}

const PRINTABLE_ASCII = /^[\x21-\x7e]{12,}$/;
const WORD = /[A-Za-z]{4}/;
const TOKEN_RUN = /[A-Za-z0-9]{16}/;

function labelText(text: string): boolean {
  if (!PRINTABLE_ASCII.test(text) || !WORD.test(text) || TOKEN_RUN.test(text)) return false;
  const colon = text.indexOf(':');
  return colon < 0 || text.indexOf(':', colon + 1) > 0;
}
