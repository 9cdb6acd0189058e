// The builds an in-process bench compares in one run: `LABEL=DIST,…` from an environment variable.
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const REPO = resolve(import.meta.dirname, '../..');

/** [{ label, dir }] from `before=/tmp/pg-before/dist,after=dist` (a bare DIST is its own label). */
export function buildSpecs(value) {
  return (value ?? 'dist=dist').split(',').map((spec) => {
    const [label, dir] = spec.includes('=') ? spec.split('=') : [spec, spec];
    return { label, dir: resolve(REPO, dir) };
  });
}

/** The modules a record bench needs from one build: payload, policy, the Ledger and fingerprintsOf. */
export async function loadRecordBuild({ label, dir }) {
  const load = (path) => import(pathToFileURL(`${dir}/${path}`).href);
  const [payload, policy, ledger, inspect] = await Promise.all([
    load('payload/index.js'),
    load('policy/index.js'),
    load('ledger/index.js'),
    load('proxy/pipeline/inspect.js'),
  ]);
  return { label, payload, policy, Ledger: ledger.Ledger, fingerprintsOf: inspect.fingerprintsOf };
}
