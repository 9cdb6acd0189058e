// Golden output of the classifier, for optimising it without changing a single verdict: every field of
// every payload of the development corpus (test/fixtures/classifier-corpus/dev) and the shared corpus
// (test/fixtures/corpus) with its path, categories, deciding detectors, explanation and opaque finding,
// one line per field. Never the held-out split (it must not guide any change).
// The corpus is classified three times in one process: cold caches, warm caches, and warm again in reverse
// file order with a home and traffic knowledge that answer deterministically, so cached verdicts and the
// knowledge paths are compared as well as first readings.
// Usage: npx tsc -p tsconfig.build.json --outDir /tmp/x && PG_DIST=/tmp/x node bench/classifier-golden.mjs > out.txt
//        then diff the outputs of two builds (they must be byte-identical).
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const dist = resolve(process.env.PG_DIST ?? resolve(import.meta.dirname, '../dist'));
const { parsePayload, parseQuery } = await import(pathToFileURL(`${dist}/payload/index.js`).href);
const { classifyPayload } = await import(pathToFileURL(`${dist}/policy/classifier/index.js`).href);

const fixtures = resolve(import.meta.dirname, '../test/fixtures');
const SPLITS = [
  { name: 'shared', dir: `${fixtures}/corpus/`, labels: `${fixtures}/corpus-labels.json` },
  { name: 'dev', dir: `${fixtures}/classifier-corpus/dev/`, labels: `${fixtures}/classifier-corpus/dev/labels.json` },
];

/** The payload as the proxy reads it (as test/policy/classifier-corpus.test.ts does). */
function parseFile(text, format) {
  switch (format) {
    case 'json':
      return parsePayload(Buffer.from(text), 'application/json');
    case 'form':
      return parsePayload(Buffer.from(text.trim()), 'application/x-www-form-urlencoded');
    case 'query-dict':
      return queryPayload(new URLSearchParams(JSON.parse(text)).toString());
    default: {
      const trimmed = text.trim();
      return queryPayload(trimmed.slice(trimmed.indexOf('?') + 1));
    }
  }
}

function queryPayload(search) {
  return { format: 'form', fields: parseQuery(search), opaqueReason: undefined };
}

const hashed = (text) => createHash('sha256').update(text).digest()[0];

/** Knows one text in eleven (by hash) and places home at Amsterdam's centre; deterministic. */
const home = {
  lookup(text) {
    const h = hashed(String(text).toLowerCase());
    return h % 11 === 0 ? { category: h % 2 === 0 ? 'identifier' : 'location', label: `known thing ${h}` } : undefined;
  },
  metresFromHome(latitude, longitude) {
    const dLat = (latitude - 52.37) * 111_000;
    const dLon = (longitude - 4.89) * 68_000;
    return Math.sqrt(dLat * dLat + dLon * dLon);
  },
  homeRadiusMetres: 2_000,
  // Constant: lets a build that memoises the home's lookups per field do so (an older build ignores it).
  generation: 1,
};
const traffic = {
  identifierEvidence(host, template) {
    return hashed(`${host} ${template}`) % 5 === 0 ? `constant across ${hashed(template)} requests` : undefined;
  },
};

const payloads = [];
for (const split of SPLITS) {
  const labels = JSON.parse(readFileSync(split.labels, 'utf8'));
  for (const [file, labelled] of Object.entries(labels.files)) {
    payloads.push({ name: `${split.name}/${file}`, parsed: parseFile(readFileSync(`${split.dir}${file}`, 'utf8'), labelled.format) });
  }
}

function pathOf(field) {
  let path = field.source === 'query' ? '$query' : '$';
  for (const s of field.segments) path += typeof s === 'number' ? `[${s}]` : `[${JSON.stringify(s)}]`;
  return path;
}

const passes = [
  { name: 'cold', order: payloads, context: undefined },
  { name: 'warm', order: payloads, context: undefined },
  { name: 'knowledge', order: [...payloads].reverse(), context: { knowledge: { home, traffic }, host: 'vendor.example' } },
];
const out = [];
for (const pass of passes) {
  for (const { name, parsed } of pass.order) {
    for (const c of classifyPayload(parsed, pass.context)) {
      const findings = (c.findings ?? []).map((f) => `${f.detector}/${f.signal}/${f.categories.join(',')}/${JSON.stringify(f.facts)}/${f.vetoes ?? ''}`);
      const opaque = c.opaque === undefined ? '' : JSON.stringify(c.opaque);
      out.push(`${pass.name} ${name} ${pathOf(c.field)}\t${c.categories.join(',')}\t${c.explanation ?? ''}\t${findings.join(' | ')}\t${opaque}`);
    }
  }
}
process.stdout.write(`${out.join('\n')}\n`);
