/**
 * The never-a-raw-value check of the real-hub suite: the labelled corpus in every shape of
 * test/privacy/shapes.ts through the sidecar's proxy with real curl, then Home Assistant's states and
 * events searched for every labelled value.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { curl } from '../../helpers/proxy-clients.js';
import { loadCorpus, searchableValues } from '../../privacy/labelled-values.js';
import { findRaw, type Haystack } from '../../privacy/scan.js';
import { requestsFor, type Outgoing } from '../../privacy/shapes.js';

export const CORPUS = loadCorpus();
/** 127.0.0.1 is the upstream's address, which events rightly name as the destination. */
const searchable = searchableValues(CORPUS, ['127.0.0.1']);

function curlArgs(proxyPort: number, upstreamUrl: string, out: Outgoing, bodyFile: string | undefined): string[] {
  const args = ['-x', `http://127.0.0.1:${proxyPort}`, '-X', out.method];
  for (const [name, value] of Object.entries(out.headers)) args.push('-H', `${name}: ${value}`);
  if (bodyFile !== undefined) args.push('--data-binary', `@${bodyFile}`);
  return [...args, `${upstreamUrl}${out.path}`];
}

/** Sends every fixture in every shape; resolves with how many requests were answered 200. */
export async function sendCorpus(proxyPort: number, upstreamUrl: string): Promise<{ sent: number; ok: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'pg-e2e-corpus-'));
  let sent = 0;
  let ok = 0;
  try {
    for (const [index, fixture] of CORPUS.entries()) {
      const outgoing = requestsFor(fixture, index);
      await Promise.all(
        outgoing.map(async (out, n) => {
          let bodyFile: string | undefined;
          if (out.body !== undefined) {
            bodyFile = join(dir, `${index}-${n}`);
            writeFileSync(bodyFile, out.body);
          }
          const result = await curl(curlArgs(proxyPort, upstreamUrl, out, bodyFile));
          sent++;
          if (result.status === 200) ok++;
        }),
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return { sent, ok };
}

/** Every labelled value found in what Home Assistant shows (`where` → JSON text). */
export function rawValuesIn(shown: ReadonlyMap<string, unknown>): string[] {
  const haystack: Haystack = new Map();
  for (const [where, value] of shown) haystack.set(where, Buffer.from(JSON.stringify(value)).toString('latin1'));
  return findRaw(CORPUS, haystack, searchable);
}
