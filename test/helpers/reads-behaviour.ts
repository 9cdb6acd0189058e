import { expect, it } from 'vitest';
import { at, classifyJson } from './classify-json.js';

/** A table row: the field at `path` of `body` is behaviour, or is not. */
export type BehaviourCase = readonly [name: string, body: unknown, path: string, behaviour: boolean];

/** One test per row: the field at `path` of `body` is behaviour, or is not. */
export function itReadsBehaviour(cases: readonly BehaviourCase[]): void {
  it.each(cases)('%s', (_name, body, path, behaviour) => {
    const field = at(classifyJson(body), path);
    if (behaviour) expect(field.categories).toContain('behaviour');
    else expect(field.categories).not.toContain('behaviour');
  });
}
