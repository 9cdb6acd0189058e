import { scanUrlEncoded } from './urlencoded.js';
import type { PayloadField } from './types.js';

const DEFAULT_MAX_FIELDS = 10_000;

/** The query string without its `?`, and where it started in what the caller passed. */
export function stripQuestionMark(search: string): { readonly query: string; readonly prefix: string } {
  return search.startsWith('?') ? { query: search.slice(1), prefix: '?' } : { query: search, prefix: '' };
}

/**
 * Query parameters as fields with source 'query' and paths `$query.<name>`. Offsets are relative to
 * the query without its leading `?` (which may be passed or not); values are URL-decoded, `+` as space.
 */
export function parseQuery(search: string, opts: { readonly maxFields?: number } = {}): PayloadField[] {
  const { query } = stripQuestionMark(search);
  return scanUrlEncoded(query, 'query', false, opts.maxFields ?? DEFAULT_MAX_FIELDS);
}
