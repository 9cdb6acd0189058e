/** How the gateway reads a body, decided from its declared media type. */
export type BodyKind = 'json' | 'ndjson' | 'form' | 'text' | 'binary' | 'unknown';

export interface MediaType {
  /** Lower-case `type/subtype` without parameters. */
  readonly essence: string;
  readonly charset: string | undefined;
}

const NDJSON_TYPES = new Set([
  'application/x-ndjson',
  'application/ndjson',
  'application/jsonl',
  'application/x-jsonl',
  'application/jsonlines',
  'application/x-jsonlines',
  'application/json-seq',
]);

const BINARY_TYPES = new Set([
  'application/octet-stream',
  'application/protobuf',
  'application/x-protobuf',
  'application/x-google-protobuf',
  'application/vnd.google.protobuf',
  'application/cbor',
  'application/msgpack',
  'application/x-msgpack',
  'application/vnd.msgpack',
  'application/bson',
  'application/zip',
  'application/gzip',
  'application/x-gzip',
  'application/zstd',
  'application/x-tar',
  'application/pdf',
  'application/grpc',
]);

const BINARY_FAMILIES = ['image/', 'audio/', 'video/', 'font/', 'multipart/'];

/** Text types outside `text/*` that are still read as plain text. */
const TEXT_TYPES = new Set(['application/xml', 'application/javascript', 'application/x-javascript', 'application/graphql']);

export function parseMediaType(contentType: string | undefined): MediaType | undefined {
  if (contentType === undefined) return undefined;
  const [head = '', ...params] = contentType.split(';');
  const essence = head.trim().toLowerCase();
  if (essence === '') return undefined;
  let charset: string | undefined;
  for (const param of params) {
    const equals = param.indexOf('=');
    if (equals !== -1 && param.slice(0, equals).trim().toLowerCase() === 'charset') {
      charset = param.slice(equals + 1).trim().replace(/^"|"$/g, '').toLowerCase();
    }
  }
  return { essence, charset };
}

export function bodyKind(essence: string): BodyKind {
  if (essence === 'application/json' || essence === 'text/json' || essence.endsWith('+json')) return 'json';
  if (NDJSON_TYPES.has(essence) || essence.endsWith('+json-seq')) return 'ndjson';
  if (essence === 'application/x-www-form-urlencoded') return 'form';
  if (essence.startsWith('text/') || TEXT_TYPES.has(essence) || essence.endsWith('+xml')) return 'text';
  if (BINARY_TYPES.has(essence) || essence.startsWith('application/grpc') || essence.endsWith('+protobuf')) return 'binary';
  if (BINARY_FAMILIES.some((family) => essence.startsWith(family))) return 'binary';
  return 'unknown';
}

/** Valid UTF-8 without control characters other than tab, line breaks and form feed. */
export function isPrintableText(body: Buffer, utf8: boolean): boolean {
  if (!utf8) return false;
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c === undefined) break;
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c) || c === 0x7f) return false;
  }
  return true;
}
