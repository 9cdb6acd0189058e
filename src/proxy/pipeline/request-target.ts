/** The request-target split into path and query; absolute-form (`http://host/p?q`) is reduced to origin-form. */
export interface RequestTarget {
  /** Path without query, as the client sent it (never normalised: the vendor gets the same bytes). */
  readonly path: string;
  /** The query with its `?`, or '' when there is none. */
  readonly search: string;
}

const ABSOLUTE_FORM = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i;

export function splitRequestTarget(url: string | undefined): RequestTarget {
  let rest = url ?? '/';
  if (!rest.startsWith('/')) rest = rest.replace(ABSOLUTE_FORM, '');
  const hash = rest.indexOf('#');
  if (hash !== -1) rest = rest.slice(0, hash);
  const question = rest.indexOf('?');
  const path = question === -1 ? rest : rest.slice(0, question);
  const search = question === -1 ? '' : rest.slice(question);
  return { path: path === '' ? '/' : path, search };
}
