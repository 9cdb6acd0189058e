import type { PayloadField } from '../payload/index.js';
import type { DataCategory } from './categories.js';
import type { Explanation, FieldAction, FieldDecision } from './flow.js';

/**
 * What a field's decision says apart from its own path: its template, source, categories and detectors, and
 * the policy's outcome. Every field of a template nearly always gets the same one (the classifier shares a
 * template's category list and explanation, the policy a rule's explanation), so evaluate keeps each
 * template's last kind and reuses it while it still fits: a decision is then its path and a shared kind.
 * Holds no value, no classified field and nothing of the request's body.
 */
export interface DecisionKind {
  readonly template: string | undefined;
  readonly source: PayloadField['source'];
  readonly categories: readonly DataCategory[];
  readonly decidedBy: string | undefined;
  readonly opaque: boolean;
  readonly action: FieldAction;
  readonly applied: boolean;
  readonly explanation: Explanation;
  readonly container: { readonly path: string; readonly depth: number } | undefined;
  /** The template around its only `[*]`, when a field's path is that with the item's index (see itemPathOf). */
  readonly itemPath: ItemPath | undefined;
}

/** A template with one `[*]` split around it: `$.ap_list` and `.ssid` for `$.ap_list[*].ssid`. */
export interface ItemPath {
  readonly head: string;
  readonly tail: string;
}

/**
 * The template split around its only `[*]` when each path of it is the template with that item's index:
 * steps of plain keys and one array level only. Keys written quoted (`["odd key"]`, which may hold `[*]`)
 * and placeholders (`.{network}`, which stand for the key) differ between a path and its template.
 */
export function itemPathOf(template: string | undefined): ItemPath | undefined {
  if (template === undefined || template.includes('"') || template.includes('{')) return undefined;
  const at = template.indexOf('[*]');
  if (at < 0 || template.includes('[*]', at + 3)) return undefined;
  return { head: template.slice(0, at), tail: template.slice(at + 3) };
}

/**
 * One field's decision as evaluate makes it: two words per field instead of ten (a 10 KB body has ~600
 * fields, and their decisions live until the request is recorded, through the vendor's round trip).
 * The first word is the field's path, or for an allowed field in a list the item's index, its path then
 * built from the kind's template when it is read: a path built per field (`$.ap_list[3].ssid`, two
 * strings) would otherwise be kept through the round trip, and the ledger reads the path only of fields
 * that are not allowed (it keys the others by their template).
 * Reads like a plain FieldDecision; `toJSON` gives one, and `plain` one to copy with changes.
 */
export class KindDecision implements FieldDecision {
  constructor(
    private readonly at: string | number,
    private readonly kind: DecisionKind,
  ) {}

  get path(): string {
    const at = this.at;
    if (typeof at === 'string') return at;
    const item = this.kind.itemPath as ItemPath;
    return `${item.head}[${at}]${item.tail}`;
  }

  get template(): string | undefined {
    return this.kind.template;
  }
  get source(): PayloadField['source'] {
    return this.kind.source;
  }
  get categories(): readonly DataCategory[] {
    return this.kind.categories;
  }
  get decidedBy(): string | undefined {
    return this.kind.decidedBy;
  }
  get opaque(): boolean {
    return this.kind.opaque;
  }
  get action(): FieldAction {
    return this.kind.action;
  }
  get applied(): boolean {
    return this.kind.applied;
  }
  get explanation(): Explanation {
    return this.kind.explanation;
  }
  get container(): DecisionKind['container'] {
    return this.kind.container;
  }

  toJSON(): FieldDecision {
    return plainDecision(this);
  }
}

/** A field decision as a plain object with every property its own (to copy with changes, or to serialise). */
export function plainDecision(field: FieldDecision): FieldDecision {
  const { path, template, source, categories, opaque, action, applied, explanation, decidedBy, container } = field;
  return { path, template, source, categories, opaque, action, applied, explanation, decidedBy, container };
}

/** True when `kind` says exactly this about a field (compared by identity: shared lists and explanations). */
export function kindFits(
  kind: DecisionKind,
  template: string | undefined,
  source: PayloadField['source'],
  categories: readonly DataCategory[],
  decidedBy: string | undefined,
  opaque: boolean,
  action: FieldAction,
  applied: boolean,
  explanation: Explanation,
  container: DecisionKind['container'],
): boolean {
  return (
    kind.categories === categories &&
    kind.explanation === explanation &&
    kind.action === action &&
    kind.applied === applied &&
    kind.decidedBy === decidedBy &&
    kind.opaque === opaque &&
    kind.source === source &&
    kind.template === template &&
    kind.container === container
  );
}
