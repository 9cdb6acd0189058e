import { finding, type Finding } from './detector.js';
import type { Add, ShapeField } from './shape.js';

/**
 * `query-auth`: the Subsonic REST API (implemented by Navidrome, Airsonic, Gonic, Ampache, Funkwhale, LMS
 * and their clients) authenticates every call in its query: `u` the user, and either `p` the password
 * (clear or `enc:` hex) or `t` a token (md5 of password and salt) with `s` the salt; `v` the protocol
 * version and `c` the client's name are always there too. One-letter parameters say nothing alone; the
 * set of them, `u`, `v` and `c` beside `p` or `t`, is the protocol, and then `p`, `t` and `s` are
 * credentials. Reads only the query's names: memoised per payload shape.
 */
export const QUERY_AUTH = 'query-auth';

export const queryAuthExplanations: Readonly<Record<string, (f: Finding) => string>> = {
  [QUERY_AUTH]: (f) => `"${f.facts.key}" of a query that authenticates as the Subsonic API does (u, v, c beside p or t and s) → credentials`,
};

/** The protocol's parameters that are always there. */
const REQUIRED = ['u', 'v', 'c'];
/** Its secrets: a password, or a token with its salt. */
const SECRETS = new Set(['p', 't', 's']);

const findings = new Map<string, Finding>([...SECRETS].map((key) => [key, finding(QUERY_AUTH, 'strong', ['credentials'], { of: 'structure', key })]));

export function queryAuth(fields: readonly ShapeField[], add: Add): void {
  let names: Map<string, number> | undefined;
  fields.forEach((field, index) => {
    const key = field.segments[0];
    // Top-level names only: the query, or the same names posted as a form (the API takes both).
    if (field.segments.length !== 1 || typeof key !== 'string' || key.length !== 1) return;
    (names ??= new Map()).set(key, index);
  });
  if (names === undefined || !REQUIRED.every((name) => names?.has(name) === true)) return;
  if (!names.has('p') && !(names.has('t') && names.has('s'))) return;
  for (const [name, index] of names) {
    const f = findings.get(name);
    if (f !== undefined) add(index, f);
  }
}
