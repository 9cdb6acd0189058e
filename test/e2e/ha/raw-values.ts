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
import { findRaw, findRawValues, type Haystack, type Place } from '../../privacy/scan.js';
import { requestsFor, type Outgoing } from '../../privacy/shapes.js';

export const CORPUS = loadCorpus();

function curlArgs(proxyPort: number, upstreamUrl: string, out: Outgoing, bodyFile: string | undefined): string[] {
  const args = ['-x', `http://127.0.0.1:${proxyPort}`, '-X', out.method];
  for (const [name, value] of Object.entries(out.headers)) args.push('-H', `${name}: ${value}`);
  if (bodyFile !== undefined) args.push('--data-binary', `@${bodyFile}`);
  return [...args, `${upstreamUrl}${out.path}`];
}

/**
 * Sends every fixture in every shape; resolves with how many requests were answered at all and how
 * many forwarded (200). In enforce mode bodies with opaque values are refused (403), which is right.
 */
export async function sendCorpus(proxyPort: number, upstreamUrl: string): Promise<{ sent: number; answered: number; ok: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'pg-e2e-corpus-'));
  let sent = 0;
  let answered = 0;
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
          if (result.status !== 0) answered++;
          if (result.status === 200) ok++;
        }),
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return { sent, answered, ok };
}

/** States show counts as strings (`"requests": "1540"`): short numbers there are not searched (see Place). */
const placeOf = (value: unknown): Place => ({ text: Buffer.from(JSON.stringify(value)).toString('latin1'), countsShown: true });

/**
 * Every labelled value found in what Home Assistant shows (`where` → JSON). Skipped besides the usual
 * (see searchableValues): 127.0.0.1, the upstream's address, which events rightly name as the
 * destination; and values Home Assistant showed before the corpus was sent (`baseline`), such as the
 * last name "Assistant" inside "Home Assistant".
 */
export function rawValuesIn(shown: ReadonlyMap<string, unknown>, baseline: unknown): string[] {
  const before: Haystack = new Map([['baseline', placeOf(baseline)]]);
  const preexisting = findRawValues(CORPUS, before, searchableValues(CORPUS, ['127.0.0.1']));
  const skip = ['127.0.0.1', ...preexisting.map((finding) => finding.value)];
  const haystack: Haystack = new Map();
  for (const [where, value] of shown) haystack.set(where, placeOf(value));
  return findRaw(CORPUS, haystack, searchableValues(CORPUS, skip));
}
