/** What a body's bytes say it is, whatever its headers claim. */

export type ByteOrderMark = 'utf-8' | 'utf-16le' | 'utf-16be' | 'utf-32le' | 'utf-32be';

export function byteOrderMark(body: Buffer): ByteOrderMark | undefined {
  const [a, b, c, d] = [body[0], body[1], body[2], body[3]];
  if (a === 0xef && b === 0xbb && c === 0xbf) return 'utf-8';
  if (a === 0x00 && b === 0x00 && c === 0xfe && d === 0xff) return 'utf-32be';
  if (a === 0xff && b === 0xfe && c === 0x00 && d === 0x00) return 'utf-32le';
  if (a === 0xfe && b === 0xff) return 'utf-16be';
  if (a === 0xff && b === 0xfe) return 'utf-16le';
  return undefined;
}

/** Offset of the first byte after a UTF-8 BOM and JSON whitespace. */
function contentStart(body: Buffer): number {
  let pos = byteOrderMark(body) === 'utf-8' ? 3 : 0;
  for (let c = body[pos]; c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09; c = body[++pos]);
  return pos;
}

/**
 * Starts (after a BOM and whitespace) with `{`, `[` or `"`: meant as JSON, so read as JSON or called opaque.
 * A whole body that is one JSON string (a session id some APIs answer with) is JSON too: under a text label
 * it must be policed exactly as under application/json.
 */
export function looksLikeJson(body: Buffer): boolean {
  const c = body[contentStart(body)];
  return c === 0x7b || c === 0x5b || c === 0x22;
}

/** `name=value&name=value` with names a schema would use: firmware sends forms under text labels too. */
const FORM = /^[A-Za-z_][\w.[\]-]*=[^&\s]*(?:&[A-Za-z_][\w.[\]-]*=[^&\s]*)*&?$/;

export function looksLikeForm(body: Buffer): boolean {
  return body.length <= 1024 * 1024 && FORM.test(body.toString('latin1').trim());
}

/** One word of letters (`ping`, `OK`, `heartbeat`): text that can carry nothing personal. */
const WORD = /^[A-Za-z][A-Za-z_-]{0,31}$/;

export function isShortWord(body: Buffer): boolean {
  return body.length <= 34 && WORD.test(body.toString('latin1').trim());
}
