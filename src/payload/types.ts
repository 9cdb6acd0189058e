/** A segment of a field's path: an object key or an array index. */
export type PathSegment = string | number;

export type ScalarValue = string | number | boolean | null;

/** Where a field was found in the request. */
export type FieldSource = 'body' | 'query';

export type PayloadFormat = 'json' | 'ndjson' | 'form' | 'text' | 'binary' | 'empty';

/**
 * One leaf of a payload. `path` is `$.coords.latitude`, `$.ap_list[0].ssid` for body fields,
 * `$query.imei` for query-string fields, `$[3].lat` for the fourth NDJSON record's `lat`.
 */
export interface PayloadField {
  readonly source: FieldSource;
  readonly segments: readonly PathSegment[];
  readonly path: string;
  /**
   * The path with every array index written `[*]` (`$.ap_list[*].ssid`): fields differing only in array
   * positions share it, so per-path work (key classification, which rules can match) is done once per
   * template. Set by the parsers; absent on hand-built fields, which consumers then treat as uncached.
   */
  readonly pathTemplate?: string;
  /** Nearest object key on the path (for `ap_list[0]` it is `ap_list`). */
  readonly key: string | undefined;
  readonly value: ScalarValue;
  /** Byte offsets of the value (and of the whole member, key and separator included) in the body. */
  readonly valueStart: number;
  readonly valueEnd: number;
  readonly memberStart: number;
  readonly memberEnd: number;
  /**
   * true for a JSON number the scanner kept as its exact text (beyond 2^53, `1e400`): `value` is then a
   * string, but on the wire it is a number, and an edit must put a number back.
   */
  readonly numberToken?: boolean;
}

export interface ParsedPayload {
  readonly format: PayloadFormat;
  readonly fields: readonly PayloadField[];
  /** Set when the whole body is unreadable to the gateway (unknown binary type, undecodable text). */
  readonly opaqueReason: string | undefined;
}

export type FieldEditAction = 'redact' | 'hash' | 'drop';

export interface FieldEdit {
  readonly field: PayloadField;
  readonly action: FieldEditAction;
  /** The value that replaces the original (redact, hash); the rewriter encodes it for the format. */
  readonly replacement?: ScalarValue;
  /**
   * For a drop in JSON/NDJSON: remove the enclosing container made of the field's first `container`
   * segments (a rule on `$.map.robotPos` drops the whole `robotPos` member), not just the leaf.
   * Flat formats (form, query) have no containers and drop the leaf.
   */
  readonly container?: number;
}
