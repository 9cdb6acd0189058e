import en from './translations/en.json' with { type: 'json' };

type Table = { readonly [key: string]: string | Table };

/** Languages the card ships; others fall back to English, and a missing key shows as itself. */
const TABLES: Readonly<Record<string, Table>> = { en };

export type Localize = (key: string, vars?: Readonly<Record<string, string | number>>) => string;

function lookup(table: Table | undefined, key: string): string | undefined {
  let node: string | Table | undefined = table;
  for (const part of key.split('.')) {
    if (node === undefined || typeof node === 'string') return undefined;
    node = node[part];
  }
  return typeof node === 'string' ? node : undefined;
}

/** `de-CH` tries `de-CH`, then `de`, then English; an unknown key returns the key. */
export function createLocalize(language: string | undefined, tables: Readonly<Record<string, Table>> = TABLES): Localize {
  const candidates = [language, language?.split('-')[0], 'en'].filter((code): code is string => Boolean(code));
  return (key, vars = {}) => {
    let text = key;
    for (const code of candidates) {
      const found = lookup(tables[code], key);
      if (found !== undefined) {
        text = found;
        break;
      }
    }
    return text.replace(/\{(\w+)\}/g, (placeholder, name: string) => {
      const value = vars[name];
      return value === undefined ? placeholder : String(value);
    });
  };
}
