import type { FieldSource, PathSegment, PayloadField, ScalarValue } from './types.js';

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** `$.coords.latitude`, `$.ap_list[0].ssid`, `$["a b"]`, `$query.imei`. */
export function formatPath(source: FieldSource, segments: readonly PathSegment[]): string {
  let path = source === 'query' ? '$query' : '$';
  for (const segment of segments) {
    if (typeof segment === 'number') path += `[${segment}]`;
    else if (IDENTIFIER.test(segment)) path += `.${segment}`;
    else path += `[${JSON.stringify(segment)}]`;
  }
  return path;
}

/** Nearest object key on the path: for `$.ap_list[0]` it is `ap_list`. */
export function nearestKey(segments: readonly PathSegment[]): string | undefined {
  for (let i = segments.length - 1; i >= 0; i--) {
    const segment = segments[i];
    if (typeof segment === 'string') return segment;
  }
  return undefined;
}

/**
 * A leaf found by a scanner. `path` is built on first read: most fields of a large body are never
 * shown to a person, and building every path string up front costs as much as the scan itself.
 * A getter lives on the prototype, so `{ ...field }` loses `path`; pass fields by reference.
 */
export class ScannedField implements PayloadField {
  readonly source: FieldSource;
  readonly segments: readonly PathSegment[];
  readonly key: string | undefined;
  readonly value: ScalarValue;
  readonly valueStart: number;
  readonly valueEnd: number;
  readonly memberStart: number;
  readonly memberEnd: number;
  private formattedPath: string | undefined;

  constructor(
    source: FieldSource,
    segments: readonly PathSegment[],
    key: string | undefined,
    value: ScalarValue,
    valueStart: number,
    valueEnd: number,
    memberStart: number,
    memberEnd: number,
  ) {
    this.source = source;
    this.segments = segments;
    this.key = key;
    this.value = value;
    this.valueStart = valueStart;
    this.valueEnd = valueEnd;
    this.memberStart = memberStart;
    this.memberEnd = memberEnd;
    this.formattedPath = undefined;
  }

  get path(): string {
    if (this.formattedPath === undefined) this.formattedPath = formatPath(this.source, this.segments);
    return this.formattedPath;
  }

  toJSON(): PayloadField {
    const { source, segments, path, key, value, valueStart, valueEnd, memberStart, memberEnd } = this;
    return { source, segments, path, key, value, valueStart, valueEnd, memberStart, memberEnd };
  }
}
