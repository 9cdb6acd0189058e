export {
  decodeBody,
  encodeBody,
  parseContentEncoding,
  type ContentCoding,
  type DecodedBody,
  type HeaderCoding,
  type ParsedContentEncoding,
} from './content-encoding.js';
