import type { PayloadField } from '../payload/index.js';
import type { DataCategory } from './categories.js';
import type { Explanation, FieldAction, FieldDecision } from './flow.js';

/**
 * What a field's decision says apart from its own path: its template, source, categories and detectors, and
 * the policy's outcome. Every field of a template nearly always gets the same one (the classifier shares a
 * template's category list and explanation, the policy a rule's explanation), so evaluate keeps each
 * template's last kind and reuses it while it still fits, and its decisions with it (KindDecisions).
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
 * One field's decision as evaluate makes it: a path and a shared kind. A 10 KB body has ~600 fields, and
 * their decisions live until the request is recorded, through the vendor's round trip, so the decisions of a
 * kind are shared too (KindDecisions): a field outside lists (its path is its template) and an allowed item of
 * one level of list (its path is the template with the item's index, built when read) get the same decision
 * object request after request. Only other fields (nested lists, quoted keys, placeholders, list items that
 * are changed: the ledger reads their path, so it is kept, not rebuilt) get one of their own.
 * Reads like a plain FieldDecision; `toJSON` gives one, and `plainDecision` one to copy with changes.
 */
abstract class SharedKindDecision implements FieldDecision {
  constructor(protected readonly kind: DecisionKind) {}

  abstract get path(): string;

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

/** A decision that keeps its field's path. */
export class KindDecision extends SharedKindDecision {
  constructor(
    readonly path: string,
    kind: DecisionKind,
  ) {
    super(kind);
  }
}

/** An item of one level of list: the item's index and the template split around its `[*]`, its path built when read. */
class ItemDecision extends SharedKindDecision {
  constructor(
    private readonly index: number,
    private readonly item: ItemPath,
    kind: DecisionKind,
  ) {
    super(kind);
  }

  get path(): string {
    const item = this.item;
    return `${item.head}[${this.index}]${item.tail}`;
  }
}

/**
 * Shared decisions over all kinds: at most MAX_SHARED item decisions are made before every kind starts its
 * list over (a generation, as the classifier's key analyses do), and only items below MAX_SHARED_INDEX.
 * About 56 bytes each with its slot (Node's 8-byte pointers): ≤ ~1 MB, some 25 lists of a 10 KB body's size.
 * Decisions are immutable, so a request holding an older one is unaffected.
 */
const MAX_SHARED = 16_384;
const MAX_SHARED_INDEX = 4_096;
let shared = 0;
let generation = 0;

/**
 * The decisions of one kind, made once and handed to every field the kind fits (evaluate keeps a template's
 * last kind in this, see TemplateRules): what a template's fields are told is then allocated once per kind, not
 * per field and request.
 */
export class KindDecisions {
  private whole: KindDecision | undefined;
  private items: ItemDecision[] = [];
  private itemsGeneration = generation;

  constructor(readonly kind: DecisionKind) {}

  /** The decision of a field at `path`: shared when the path is the template (a field outside lists). */
  at(path: string): FieldDecision {
    if (path !== this.kind.template) return new KindDecision(path, this.kind);
    return (this.whole ??= new KindDecision(path, this.kind));
  }

  /** The decision of the list item at `index` of a template split as `item` (its own itemPathOf). */
  item(index: number, item: ItemPath): FieldDecision {
    if (this.itemsGeneration !== generation) {
      this.items = [];
      this.itemsGeneration = generation;
    }
    let decision = this.items[index];
    if (decision === undefined) {
      decision = new ItemDecision(index, item, this.kind);
      if (index < MAX_SHARED_INDEX) {
        if (++shared > MAX_SHARED) {
          shared = 1;
          generation++;
          this.items = [];
          this.itemsGeneration = generation;
        }
        this.items[index] = decision;
      }
    }
    return decision;
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
