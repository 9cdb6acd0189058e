import type { FieldSource, PathSegment, PayloadField, ScalarValue } from './types.js';

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** Keys written as `.key` in a path; others are bracketed and quoted. */
export function isIdentifier(key: string): boolean {
  return IDENTIFIER.test(key);
}

/** `$.coords.latitude`, `$.ap_list[0].ssid`, `$["a b"]`, `$query.imei`. */
export function formatPath(source: FieldSource, segments: readonly PathSegment[]): string {
  let path = source === 'query' ? '$query' : '$';
  for (const segment of segments) {
    if (typeof segment === 'number') path += `[${segment}]`;
    else if (isIdentifier(segment)) path += `.${segment}`;
    else path += `[${JSON.stringify(segment)}]`;
  }
  return path;
}

/** A leaf found by a scanner: one class gives every field the same shape, which keeps reads of them fast. */
export class ScannedField implements PayloadField {
  readonly source: FieldSource;
  readonly segments: readonly PathSegment[];
  readonly path: string;
  readonly key: string | undefined;
  readonly value: ScalarValue;
  readonly valueStart: number;
  readonly valueEnd: number;
  readonly memberStart: number;
  readonly memberEnd: number;

  constructor(
    source: FieldSource,
    segments: readonly PathSegment[],
    path: string,
    key: string | undefined,
    value: ScalarValue,
    valueStart: number,
    valueEnd: number,
    memberStart: number,
    memberEnd: number,
  ) {
    this.source = source;
    this.segments = segments;
    this.path = path;
    this.key = key;
    this.value = value;
    this.valueStart = valueStart;
    this.valueEnd = valueEnd;
    this.memberStart = memberStart;
    this.memberEnd = memberEnd;
  }
}
