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
export { parsePathParameters, parseQuery } from './query.js';
export { rewritePathParameters, rewritePayload, rewriteQuery } from './rewrite.js';
export { fieldSegmentsEqual, formatPath, memberStep, pathFollowsSegments, shareSegments, soleItemIndex } from './field.js';
export { scannedShape, type BodyShape } from './body-shape.js';
export { templateUrlPath } from './url-path.js';
export { templateTopicScheme } from './topic-schemes.js';
export {
  collectionKind,
  parsePlaceholder,
  placeholderText,
  shapePlaceholder,
  valueKeyPlaceholder,
  PLACEHOLDERS,
  type ValuePlaceholder,
} from './value-keys.js';
export { bodyKind, parseMediaType, type BodyKind, type MediaType } from './content-type.js';
