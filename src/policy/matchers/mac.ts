/** MAC addresses: `aa:bb:cc:dd:ee:ff` or `AA-BB-CC-DD-EE-FF`, compared in one normal form. */
const MAC = /^[0-9a-f]{2}([:-])[0-9a-f]{2}(\1[0-9a-f]{2}){4}$/i;

export function isMac(text: string): boolean {
  return MAC.test(text);
}

/** Lower case with colons; undefined when the text is not a MAC address. */
export function normalizeMac(text: string): string | undefined {
  return MAC.test(text) ? text.toLowerCase().replaceAll('-', ':') : undefined;
}
