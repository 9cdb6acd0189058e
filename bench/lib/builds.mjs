// The builds an in-process bench compares in one run: `LABEL=DIST,…` from an environment variable.
import { existsSync } from 'node:fs';
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
  // fingerprintsOf has its own module since 2026-12-07 12Z; earlier builds export it from inspect.js.
  const fingerprints = existsSync(`${dir}/proxy/pipeline/fingerprints.js`) ? 'proxy/pipeline/fingerprints.js' : 'proxy/pipeline/inspect.js';
  const [payload, policy, ledger, pipeline] = await Promise.all([
    load('payload/index.js'),
    load('policy/index.js'),
    load('ledger/index.js'),
    load(fingerprints),
  ]);
  return { label, payload, policy, Ledger: ledger.Ledger, fingerprintsOf: pipeline.fingerprintsOf };
}
