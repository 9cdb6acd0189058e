import { scanUrlEncoded } from './urlencoded.js';
import type { PayloadField } from './types.js';

/**
 * Fields of an application/x-www-form-urlencoded body (already checked to be UTF-8), paths `$.<name>`.
 * Reading the bytes as latin1 keeps string indices equal to byte offsets.
 */
export function scanForm(body: Buffer, maxFields: number): PayloadField[] {
  return scanUrlEncoded(body.toString('latin1'), 'body', true, maxFields);
}
