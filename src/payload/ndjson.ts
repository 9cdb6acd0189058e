import { tracedFormat } from './body-shape.js';
import { FieldList } from './field-list.js';
import { scanJsonValue, skipWhitespace, type ScanLimits } from './json-scanner.js';
import type { PayloadField } from './types.js';

/** RFC 7464 (application/json-seq) starts every record with an ASCII record separator. */
const RECORD_SEPARATOR = 0x1e;

/**
 * Leaves of newline-delimited JSON (and JSON text sequences): record `n`'s fields sit under `$[n]`.
 * Any whitespace or record separator between values is accepted, so one record per line is not
 * required; the gateway only has to see every value, not to judge the framing.
 */
export function scanNdjson(buf: Buffer, limits: ScanLimits): PayloadField[] {
  return FieldList.using((out) => {
    const bytes = buf.toString('latin1');
    let record = 0;
    let pos = skipSeparators(buf, skipWhitespace(buf, 0));
    while (pos < buf.length) {
      pos = skipSeparators(buf, scanJsonValue(buf, bytes, pos, [record], limits, out));
      record++;
    }
  }, tracedFormat('ndjson', buf.length));
}

function skipSeparators(buf: Buffer, pos: number): number {
  for (;;) {
    const c = buf[pos];
    if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09 && c !== RECORD_SEPARATOR) return pos;
    pos++;
  }
}
