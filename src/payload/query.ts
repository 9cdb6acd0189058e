import { GatewayError } from '../errors.js';
import { scanPair, scanUrlEncoded } from './urlencoded.js';
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

/**
 * The `;name=value` parameters of a request path (`/api;imei=3569…/v2;sn=X`) as query fields
 * (`$query.imei`): a value the device sends in the path is a value like any other, and a rule for
 * `$query.imei` must not miss it. Offsets are indices into `path`.
 */
export function parsePathParameters(path: string, opts: { readonly maxFields?: number } = {}): PayloadField[] {
  const fields: PayloadField[] = [];
  const maxFields = opts.maxFields ?? DEFAULT_MAX_FIELDS;
  for (let semicolon = path.indexOf(';'); semicolon !== -1; semicolon = path.indexOf(';', semicolon + 1)) {
    const start = semicolon + 1;
    let end = start;
    while (end < path.length && path[end] !== ';' && path[end] !== '/') end++;
    if (end === start) continue;
    if (fields.length >= maxFields) throw new GatewayError('PAYLOAD_INVALID', `Request path has more than ${maxFields} parameters`);
    fields.push(scanPair(path, start, end, 'query', false));
  }
  return fields;
}
