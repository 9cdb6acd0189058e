export type {
  FieldEdit,
  FieldEditAction,
  FieldSource,
  ParsedPayload,
  PathSegment,
  PayloadField,
  PayloadFormat,
  ScalarValue,
} from './types.js';
export { parsePayload, type ParseOptions } from './parse.js';
export { parseQuery } from './query.js';
export { rewritePayload, rewriteQuery } from './rewrite.js';
export { formatPath } from './field.js';
export { bodyKind, parseMediaType, type BodyKind, type MediaType } from './content-type.js';
