import { parsePlaceholder, valueKeyPlaceholder, type FieldSource, type PathSegment, type ValuePlaceholder } from '../../payload/index.js';

/**
 * Field-path patterns in the payload's own notation: `$.coords.latitude`, `$.ap_list[0].ssid`,
 * `$query.imei`, `$["odd.key"]`. Wildcards: `*` one segment (an object key or an array item, so a
 * rule written for an object still catches an array there), `[*]` one array item, `..` any depth
 * (`$..ssid`), and a placeholder such as `{network}` for one key that is a value of that kind, as the
 * ledger shows it (`$.networks.{network}.password`). `$` patterns match body fields, `$query` patterns
 * match query-string fields, whose names are compared decoded, trimmed and without case (`?IMEI=`,
 * `?imei+=` and `;imei=` are all `$query.imei`). Patterns match a field's segments, never its rendered
 * path string, so key escaping cannot matter.
 */
type Token =
  | { readonly kind: 'key'; readonly key: string }
  | { readonly kind: 'placeholder'; readonly placeholder: ValuePlaceholder }
  | { readonly kind: 'index'; readonly index: number }
  | { readonly kind: 'any' }
  | { readonly kind: 'anyIndex' }
  | { readonly kind: 'descend' };

export interface PathMatcher {
  readonly pattern: string;
  readonly source: FieldSource;
  /** Keys and indexes written out; more of them makes a rule more specific. */
  readonly literalCount: number;
  /** `..` makes a pattern less specific than a fixed-depth one with as many literals. */
  readonly anyDepth: boolean;
  /**
   * false when the pattern names no array index (`[0]`): then whether it matches depends only on the
   * field's path template (`$.ap_list[*].ssid`), and the answer can be cached per template.
   */
  readonly indexed: boolean;
  /** true when the pattern names exactly this field. */
  matches(source: FieldSource, segments: readonly PathSegment[]): boolean;
  /**
   * How many leading segments of the field the pattern names: `segments.length` for the field itself,
   * fewer when it names an enclosing object or array (`$.map.robotPos` for `$.map.robotPos.x`), so
   * a rule on a container covers its whole subtree. The outermost such container wins; undefined
   * when the pattern names neither the field nor any container of it.
   */
  matchDepth(source: FieldSource, segments: readonly PathSegment[]): number | undefined;
}

class PatternError extends Error {}

const NAME_STOP = /[.[\]'"\s]/;

function readName(text: string, start: number): [string, number] {
  let end = start;
  while (end < text.length && !NAME_STOP.test(text.charAt(end))) end += 1;
  const name = text.slice(start, end);
  if (name === '') throw new PatternError(`expected a key at position ${start}`);
  if (name.startsWith('{') && parsePlaceholder(name) === undefined) {
    throw new PatternError(`unknown placeholder "${name}"; use one of {personal}, {network}, {device}, {location}, {id}, {number}, {name}`);
  }
  if (name !== '*' && name.includes('*')) {
    throw new PatternError(`partial wildcards like "${name}" are not supported; use * for a whole key`);
  }
  return [name, end];
}

/** `["a b"]` is JSON (as the payload writes it); `['a b']` takes backslash escapes literally. */
function unquote(quoted: string): string {
  if (quoted.startsWith('"')) {
    try {
      const key: unknown = JSON.parse(quoted);
      if (typeof key === 'string') return key;
    } catch {
      // fall through to the error below
    }
    throw new PatternError(`invalid quoted key ${quoted}`);
  }
  return quoted.slice(1, -1).replace(/\\(.)/g, '$1');
}

/** Query names are compared decoded (the parser did that), trimmed and in lower case. */
function queryName(key: string, source: FieldSource): string {
  return source === 'query' ? key.trim().toLowerCase() : key;
}

function nameToken(name: string, source: FieldSource): Token {
  if (name === '*') return { kind: 'any' };
  const placeholder = parsePlaceholder(name);
  if (placeholder !== undefined) return { kind: 'placeholder', placeholder };
  return { kind: 'key', key: queryName(name, source) };
}

function readBracket(text: string, start: number, source: FieldSource): [Token, number] {
  const close = (end: number): number => {
    if (text.charAt(end) !== ']') throw new PatternError(`expected "]" at position ${end}`);
    return end + 1;
  };
  const first = text.charAt(start);
  if (first === '*') return [{ kind: 'anyIndex' }, close(start + 1)];
  if (first === "'" || first === '"') {
    let i = start + 1;
    while (i < text.length && text.charAt(i) !== first) i += text.charAt(i) === '\\' ? 2 : 1;
    if (i >= text.length) throw new PatternError(`unterminated quoted key at position ${start}`);
    return [{ kind: 'key', key: queryName(unquote(text.slice(start, i + 1)), source) }, close(i + 1)];
  }
  const digits = /^\d+/.exec(text.slice(start));
  if (digits === null) throw new PatternError(`expected an index, * or a quoted key at position ${start}`);
  return [{ kind: 'index', index: Number(digits[0]) }, close(start + digits[0].length)];
}

function tokenize(text: string): { source: FieldSource; tokens: Token[] } {
  let source: FieldSource;
  let i: number;
  if (text.startsWith('$query')) [source, i] = ['query', 6];
  else if (text.startsWith('$')) [source, i] = ['body', 1];
  else throw new PatternError('must start with $ (body) or $query (query string)');
  const tokens: Token[] = [];
  while (i < text.length) {
    const ch = text.charAt(i);
    if (text.startsWith('..', i)) {
      tokens.push({ kind: 'descend' });
      i += 2;
      if (text.charAt(i) === '[') continue;
      if (i >= text.length || text.charAt(i) === '.') throw new PatternError(`expected a key after ".." at position ${i}`);
      const [name, end] = readName(text, i);
      tokens.push(nameToken(name, source));
      i = end;
    } else if (ch === '.') {
      const [name, end] = readName(text, i + 1);
      tokens.push(nameToken(name, source));
      i = end;
    } else if (ch === '[') {
      const [token, end] = readBracket(text, i + 1, source);
      tokens.push(token);
      i = end;
    } else {
      throw new PatternError(`unexpected "${ch}" at position ${i}`);
    }
  }
  return { source, tokens };
}

/** `parent` is the segment before (undefined at the root), which tells whether a key is a collection's member. */
function tokenMatches(token: Token, segment: PathSegment, parent: PathSegment | undefined, source: FieldSource): boolean {
  switch (token.kind) {
    case 'key':
      return typeof segment === 'string' && (source === 'query' ? segment.trim().toLowerCase() : segment) === token.key;
    case 'placeholder':
      return (
        typeof segment === 'string' &&
        valueKeyPlaceholder(segment, typeof parent === 'string' ? parent : undefined) === token.placeholder
      );
    case 'index':
      return segment === token.index;
    case 'anyIndex':
      return typeof segment === 'number';
    default:
      return true;
  }
}

/** Whether tokens[ti..] name exactly segments[si..end). */
function matchFrom(tokens: readonly Token[], ti: number, segments: readonly PathSegment[], si: number, end: number, source: FieldSource): boolean {
  let s = si;
  for (let t = ti; t < tokens.length; t += 1) {
    const token = tokens[t];
    if (token === undefined) return false;
    if (token.kind === 'descend') {
      for (let k = s; k <= end; k += 1) if (matchFrom(tokens, t + 1, segments, k, end, source)) return true;
      return false;
    }
    const segment = s < end ? segments[s] : undefined;
    if (segment === undefined || !tokenMatches(token, segment, segments[s - 1], source)) return false;
    s += 1;
  }
  return s === end;
}

/** Why the text is not a path pattern, or undefined when it is one. */
export function pathPatternProblem(text: string): string | undefined {
  try {
    tokenize(text);
    return undefined;
  } catch (error) {
    if (error instanceof PatternError) return `not a path pattern: ${error.message}`;
    throw error;
  }
}

function keyBefore(tokens: readonly Token[], i: number): string | undefined {
  const before = tokens[i - 1];
  return before?.kind === 'key' ? before.key : undefined;
}

/** Compiles a pattern that passed `pathPatternProblem`. */
export function compilePathPattern(pattern: string): PathMatcher {
  const { source, tokens } = tokenize(pattern);
  const literalCount = tokens.filter((t) => t.kind === 'key' || t.kind === 'index' || t.kind === 'placeholder').length;
  const fixedLength = tokens.some((t) => t.kind === 'descend') ? undefined : tokens.length;
  // The last token always faces the last segment (a pattern cannot end in ".."): a cheap first test.
  const last = tokens[tokens.length - 1];
  // Each non-descend token names one segment: no prefix shorter than this can match.
  const minLength = tokens.filter((t) => t.kind !== 'descend').length;
  const endsAt = (segments: readonly PathSegment[], end: number): boolean => {
    if (last !== undefined) {
      const lastSegment = segments[end - 1];
      if (lastSegment === undefined || !tokenMatches(last, lastSegment, segments[end - 2], source)) return false;
    }
    return matchFrom(tokens, 0, segments, 0, end, source);
  };
  return {
    pattern,
    source,
    literalCount,
    anyDepth: fixedLength === undefined,
    // A key written out that is a value (`$.dps["1234"]`) shares its field's template with its siblings
    // (`$.dps.{number}`), so like an index it must be checked per field.
    indexed: tokens.some((t, i) => t.kind === 'index' || (t.kind === 'key' && valueKeyPlaceholder(t.key, keyBefore(tokens, i)) !== undefined)),
    matches(fieldSource, segments) {
      if (fieldSource !== source) return false;
      if (fixedLength !== undefined && segments.length !== fixedLength) return false;
      return endsAt(segments, segments.length);
    },
    matchDepth(fieldSource, segments) {
      if (fieldSource !== source) return undefined;
      if (fixedLength !== undefined) {
        return segments.length >= fixedLength && endsAt(segments, fixedLength) ? fixedLength : undefined;
      }
      for (let end = minLength; end <= segments.length; end += 1) if (endsAt(segments, end)) return end;
      return undefined;
    },
  };
}

/**
 * The segments of a path template as the ledger stores it (`$.ap_list[*].ssid`, `$query.imei`), with
 * `[*]` as item 0: enough to test index-free patterns. undefined for text that is not a template.
 */
export function templateSegments(template: string): { source: FieldSource; segments: PathSegment[] } | undefined {
  let parsed: { source: FieldSource; tokens: Token[] };
  try {
    parsed = tokenize(template);
  } catch (error) {
    if (error instanceof PatternError) return undefined;
    throw error;
  }
  const segments: PathSegment[] = [];
  for (const token of parsed.tokens) {
    if (token.kind === 'key') segments.push(token.key);
    else if (token.kind === 'index') segments.push(token.index);
    else if (token.kind === 'anyIndex') segments.push(0);
    else return undefined;
  }
  return { source: parsed.source, segments };
}
