import type { ScalarValue } from '../../payload/index.js';
import { fingerprinted, type ClassifiedField, type Pseudonymizer } from '../../policy/index.js';

/**
 * Keyed fingerprints, so the ledger can see a value change without keeping it, of the values the policy says
 * (`fingerprinted`: every categorised value, and uncategorised ones shaped like an identifier, so the ledger's
 * TrafficKnowledge can notice one that stays constant per device under a key nobody recognises).
 *
 * One keyed fingerprint per field template (`$.ap_list[*].ssid` covers every network in the list), the
 * unit the ledger aggregates by: it notices that the list changed, with one HMAC instead of thirty.
 */
export function fingerprintsOf(fields: readonly ClassifiedField[], pseudonymizer: Pseudonymizer): ReadonlyMap<string, string> {
  const grouped = TEMPLATE_VALUES.group(fields);
  try {
    const fingerprints = new Map<string, string>();
    for (let i = 0; i < grouped.length; i++) {
      const { template, values } = grouped[i] as TemplateList;
      fingerprints.set(template, pseudonymizer.fingerprintOf(template, values));
    }
    return fingerprints;
  } finally {
    TEMPLATE_VALUES.release();
  }
}

interface TemplateList {
  readonly template: string;
  readonly values: ScalarValue[];
}

/** Templates whose lists are kept; past it they start over (one device's body has a few dozen). */
const MAX_TEMPLATES = 1024;

/**
 * The values of one request's fingerprinted fields, grouped by template into lists kept from request to
 * request: a Map and one growing array per template each request were ~1.3 KB at 1 KB and ~1.7 KB at 10 KB
 * (in-process, V8's allocation trace), and the lists keep their backing stores (see release). Safe to reuse
 * because fingerprintsOf is synchronous and `Pseudonymizer.fingerprintOf` keeps the JSON text of a list, never
 * the list; `release` empties every list before fingerprintsOf returns, so no value (a slice of a request body)
 * outlives its request here.
 */
class TemplateValues {
  private readonly lists = new Map<string, TemplateList>();
  private readonly used: TemplateList[] = [];

  /** The lists of `fields`' fingerprinted values, in the order their templates first appear. */
  group(fields: readonly ClassifiedField[]): readonly TemplateList[] {
    if (this.lists.size >= MAX_TEMPLATES) this.lists.clear();
    for (let i = 0; i < fields.length; i++) {
      const cf = fields[i] as ClassifiedField;
      if (!fingerprinted(cf)) continue;
      const field = cf.field;
      const template = field.pathTemplate ?? field.path;
      let list = this.lists.get(template);
      if (list === undefined) {
        list = { template, values: [] };
        this.lists.set(template, list);
      }
      if (list.values.length === 0) this.used.push(list);
      list.values.push(field.value);
    }
    return this.used;
  }

  /**
   * Empties the lists by pop(), which keeps an array's backing store: `length = 0` gives V8 an empty one, so
   * every list grew a new store on the next request (2.6 KB per 1 KB request, the sampling heap profile).
   * pop() also clears each slot, so no value stays referenced.
   */
  release(): void {
    const used = this.used;
    while (used.length > 0) {
      const values = (used.pop() as TemplateList).values;
      while (values.length > 0) values.pop();
    }
  }
}

const TEMPLATE_VALUES = new TemplateValues();
