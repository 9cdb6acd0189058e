/**
 * Device names, hosts and field paths come from devices and vendors: before they reach a terminal,
 * control characters (which could move the cursor or rewrite earlier lines) are shown as escapes.
 */
export function printable(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
