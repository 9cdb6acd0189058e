import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { PolicySchema } from './schema.js';

/**
 * The JSON Schema of what an owner may write (defaults optional), for editors and the docs.
 * Run by the build: `node dist/policy/export-json-schema.js schema/policy.schema.json`.
 */
export function policyJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(PolicySchema, { io: 'input' });
}

async function main(out: string | undefined): Promise<void> {
  if (out === undefined) {
    process.stderr.write('usage: node dist/policy/export-json-schema.js OUT.json\n');
    process.exitCode = 2;
    return;
  }
  await mkdir(dirname(resolve(out)), { recursive: true });
  await writeFile(out, `${JSON.stringify(policyJsonSchema(), null, 2)}\n`);
}

const invokedAs = process.argv[1];
if (invokedAs !== undefined && resolve(invokedAs) === fileURLToPath(import.meta.url)) {
  await main(process.argv[2]);
}
