/**
 * Base64 of readable words (`aGF2ZSBhIG5pY2UgZGF5ID1d` is "have a nice day =]"; an app's opaque
 * `client_state`, a sample's `integrityHash`) looks as random as a generated key, but a generated key or
 * token decodes to random bytes, never to words separated by spaces. Such a value is encoded text: the
 * random-token reading does not hold for it (what the text says is read by no detector here). A login
 * encoded for Basic auth (`user:password`) has no space and stays a secret.
 */
export function encodesWords(value: string): boolean {
  if (value.length < 8 || value.length > 4096) return false;
  const text = Buffer.from(value, 'base64').toString('utf8');
  // Every character printable (letters in any script, digits, punctuation, spaces), and two words apart.
  return !/[^\p{L}\p{N}\p{P}\p{S} ]/u.test(text) && /\p{L}{2,} +\p{L}{2,}/u.test(text);
}
