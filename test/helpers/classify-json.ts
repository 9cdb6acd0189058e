import { parsePayload } from '../../src/payload/index.js';
import type { ClassifiedField } from '../../src/policy/index.js';
import { classifyPayload } from '../../src/policy/classifier/index.js';

/** A JSON body through the real parser and the classifier, as the proxy reads it. */
export function classifyJson(body: unknown): ClassifiedField[] {
  return classifyPayload(parsePayload(Buffer.from(JSON.stringify(body)), 'application/json'));
}

/** The classified field at a parser path (`$.a[0].b`); throws when the payload has none. */
export function fieldAt(fields: readonly ClassifiedField[], path: string): ClassifiedField {
  const found = fields.find((f) => f.field.path === path);
  if (found === undefined) throw new Error(`no field ${path}`);
  return found;
}
