/**
 * The shapes in which the never-a-raw-value scan sends every corpus fixture: the same JSON under every
 * label firmware really uses, and the labelled values where a path cannot hold them as fields — as
 * object keys, URL path segments, path parameters and query parameters.
 */
import type { CorpusFixture, LabelledValue } from './labelled-values.js';

export interface Outgoing {
  readonly shape: string;
  readonly method: 'GET' | 'POST';
  /** Origin-form path and query. */
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer | undefined;
  /** Sent with real curl and its defaults (`--data-binary` without a Content-Type: a form). */
  readonly curl: boolean;
}

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/** Body shapes: one JSON document whatever the label says; the enforce run checks they are edited alike. */
export const BODY_SHAPES = [
  { shape: 'json', headers: { 'content-type': 'application/json' }, bom: false, curl: false },
  { shape: 'form', headers: {}, bom: false, curl: true },
  { shape: 'latin1', headers: { 'content-type': 'text/plain; charset=iso-8859-1' }, bom: false, curl: false },
  { shape: 'cp1252', headers: { 'content-type': 'text/html; charset=windows-1252' }, bom: false, curl: false },
  { shape: 'bom-json', headers: { 'content-type': 'application/json' }, bom: true, curl: false },
  { shape: 'bom-untyped', headers: {}, bom: true, curl: false },
] as const;

/**
 * Identifier categories and the collection a device keys their values by (`{"networks": {"<SSID>": …}}`,
 * `/devices/<serial>`). Health, behaviour and media values are readings, not names of members, and are
 * not sent as keys (the path-parameter and query shapes still carry them).
 */
const COLLECTION: Readonly<Record<string, string>> = {
  location: 'places',
  network: 'networks',
  device: 'devices',
  personal: 'contacts',
  third_party: 'neighbours',
  credentials: 'accounts',
};

function collectionOf(value: LabelledValue): string | undefined {
  for (const category of value.categories) {
    const collection = COLLECTION[category];
    if (collection !== undefined) return collection;
  }
  return undefined;
}

const text = (value: LabelledValue['value']): string => String(value);

export function requestsFor(fixture: CorpusFixture, index: number): Outgoing[] {
  const out: Outgoing[] = BODY_SHAPES.map(({ shape, headers, bom, curl }) => ({
    shape,
    method: 'POST',
    path: `/ingest/${index}/${shape}`,
    headers,
    body: bom ? Buffer.concat([BOM, fixture.json]) : fixture.json,
    curl,
  }));
  const keyed: Record<string, Record<string, number>> = {};
  for (const value of fixture.values) {
    const collection = collectionOf(value);
    if (collection === undefined || value.value === null || value.value === '') continue;
    keyed[collection] ??= {};
    keyed[collection][text(value.value)] = 1;
    // With the fixture as body: its personal fields make the request a violation, whose path the ledger keeps.
    out.push({
      shape: 'path-segment',
      method: 'POST',
      path: `/api/${collection}/${encodeURIComponent(text(value.value))}/state`,
      headers: { 'content-type': 'application/json' },
      body: fixture.json,
      curl: false,
    });
  }
  out.push({
    shape: 'keys',
    method: 'POST',
    path: `/ingest/${index}/keys`,
    headers: { 'content-type': 'application/json' },
    body: Buffer.from(JSON.stringify(keyed)),
    curl: false,
  });
  const pairs = fixture.values.filter((v) => v.value !== null).map((v) => [v.name, text(v.value)] as const);
  const parameters = pairs.map(([name, value]) => `;${encodeURIComponent(name)}=${encodeURIComponent(value)}`).join('');
  out.push({ shape: 'path-parameters', method: 'GET', path: `/api/report${parameters}`, headers: {}, body: undefined, curl: false });
  const query = new URLSearchParams(pairs.map(([name, value]) => [name, value])).toString();
  out.push({ shape: 'query', method: 'GET', path: `/api/report?${query}`, headers: {}, body: undefined, curl: false });
  return out;
}
