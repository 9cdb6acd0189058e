import type { FieldSource, PathSegment, PayloadField, ScalarValue } from './types.js';
import { placeholderText, valueKeyPlaceholder, type ValuePlaceholder } from './value-keys.js';

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** Keys written as `.key` in a path; others are bracketed and quoted. */
export function isIdentifier(key: string): boolean {
  return IDENTIFIER.test(key);
}

/** `.key` or `["odd key"]`: one key's step in a path. */
export function keyStep(key: string): string {
  return isIdentifier(key) ? `.${key}` : `[${JSON.stringify(key)}]`;
}

/**
 * A key's step in a stored or shown path: `.key`, `["odd-key"]`, or `.{personal}` when the key is a
 * value (see value-keys.ts). `parent` is the key the member sits under (undefined under an array item).
 */
export function memberStep(key: string, parent: string | undefined): string {
  const placeholder = valueKeyPlaceholder(key, parent);
  return placeholder === undefined ? keyStep(key) : `.${placeholderText(placeholder)}`;
}

function formatWith(source: FieldSource, segments: readonly PathSegment[], index: (i: number) => string): string {
  let path = source === 'query' ? '$query' : '$';
  let parent: string | undefined;
  for (const segment of segments) {
    if (typeof segment === 'number') {
      path += index(segment);
      parent = undefined;
    } else {
      path += memberStep(segment, parent);
      parent = segment;
    }
  }
  return path;
}

/** `$.coords.latitude`, `$.ap_list[0].ssid`, `$["a-b"]`, `$query.imei`, `$.contacts.{personal}`. */
export function formatPath(source: FieldSource, segments: readonly PathSegment[]): string {
  return formatWith(source, segments, (i) => `[${i}]`);
}

/** `formatPath` with every array index written `[*]`: what fields differing only in array positions share. */
export function formatPathTemplate(source: FieldSource, segments: readonly PathSegment[]): string {
  return formatWith(source, segments, () => '[*]');
}

/**
 * The segments of an open (or closed) container as a chain to its parent. Siblings share their
 * container's chain, so a scanner allocates one per container instead of a segments array per leaf.
 */
export class SegmentChain {
  /** The nearest object key on the chain (this segment, or the parent's): the key of the container's items. */
  readonly key: string | undefined;

  constructor(
    readonly parent: SegmentChain | undefined,
    readonly segment: PathSegment,
    readonly length: number,
  ) {
    this.key = typeof segment === 'string' ? segment : parent?.key;
  }

  static of(segments: readonly PathSegment[]): SegmentChain | undefined {
    let chain: SegmentChain | undefined;
    for (const segment of segments) chain = new SegmentChain(chain, segment, (chain?.length ?? 0) + 1);
    return chain;
  }
}

let nextSerial = 0;

/**
 * A node of the tree of path templates (`$.ap_list[*].ssid`), shared by every body a scanner reads:
 * a template string is built once and then is the same string for every field and request that has
 * it, which makes it a cheap cache key. Keys that are values share one placeholder child
 * (`$.networks.{network}`), never remembered by their raw text; the other keys come from payloads
 * too, so the tree is bounded and replaced when full.
 */
export class TemplateNode {
  private children: Map<string, TemplateNode> | undefined;
  private placeholders: Map<ValuePlaceholder, TemplateNode> | undefined;
  private itemNode: TemplateNode | undefined;
  /**
   * The member that came first in this object, and the one that came after this member, the last time:
   * the scanner's guess at the next key (objects of one template mostly list their keys in one order),
   * checked byte by byte before it is used, so a repeat costs no key cache and no map lookup. Links only
   * tree nodes of plain keys (`key` set), never placeholders: a guess can only name a key it compared.
   */
  first: TemplateNode | undefined;
  next: TemplateNode | undefined;
  /** The key of a member node of the tree, its own copy; undefined for the root, items, placeholders and nodes of a full tree. */
  readonly key: string | undefined;
  /**
   * `key` when each of its characters is a byte a JSON string holds as itself (printable ASCII but `"` and `\`):
   * such a key's token is exactly its bytes between two quotes, so the scanner can compare it without tokenizing.
   */
  readonly plainKey: string | undefined;
  /** A number for hashing a body's shape (body-shape.ts); nodes are told apart by reference, so it may repeat. */
  readonly serial: number;

  constructor(
    readonly template: string,
    /** This member's own step in a path (`.ssid`, `.{network}`); '' for the root and array items. */
    readonly step: string,
    /** The key members under this node sit under (undefined for the root and array items). */
    private readonly name: string | undefined,
    private readonly tree: TemplateTree,
    key?: string,
  ) {
    this.first = undefined;
    this.next = undefined;
    this.key = key;
    this.plainKey = key !== undefined && isPlainText(key) ? key : undefined;
    this.serial = nextSerial = (nextSerial + 1) & 0x3fffffff;
  }

  member(key: string): TemplateNode {
    let node = this.children?.get(key);
    if (node === undefined) {
      const placeholder = valueKeyPlaceholder(key, this.name);
      if (placeholder !== undefined) return this.placeholder(placeholder);
      // A full tree stops growing within a body too: the node is then used for this field and forgotten.
      if (this.tree.full) return new TemplateNode(this.template + keyStep(key), keyStep(key), key, this.tree);
      // A copy: the key may be a slice of a body, which the tree would otherwise keep alive.
      const own = JSON.parse(JSON.stringify(key)) as string;
      const step = keyStep(own);
      node = this.tree.node(this.template + step, step, own, own);
      this.children ??= new Map();
      this.children.set(own, node);
    }
    return node;
  }

  private placeholder(placeholder: ValuePlaceholder): TemplateNode {
    let node = this.placeholders?.get(placeholder);
    if (node === undefined) {
      const text = placeholderText(placeholder);
      const step = `.${text}`;
      if (this.tree.full) return new TemplateNode(this.template + step, step, text, this.tree);
      node = this.tree.node(this.template + step, step, text);
      this.placeholders ??= new Map();
      this.placeholders.set(placeholder, node);
    }
    return node;
  }

  item(): TemplateNode {
    if (this.itemNode === undefined) {
      if (this.tree.full) return new TemplateNode(`${this.template}[*]`, '', undefined, this.tree);
      this.itemNode = this.tree.node(`${this.template}[*]`, '', undefined);
    }
    return this.itemNode;
  }
}

function isPlainText(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 || c > 0x7e || c === 0x22 || c === 0x5c) return false;
  }
  return true;
}

const MAX_TEMPLATE_NODES = 20_000;

class TemplateTree {
  private count = 0;
  readonly root: TemplateNode;

  constructor(rootTemplate: string) {
    this.root = new TemplateNode(rootTemplate, '', undefined, this);
  }

  get full(): boolean {
    return this.count >= MAX_TEMPLATE_NODES;
  }

  node(template: string, step: string, name: string | undefined, key?: string): TemplateNode {
    this.count++;
    return new TemplateNode(template, step, name, this, key);
  }
}

let bodyTemplates = new TemplateTree('$');

/** The root of body templates; a fresh tree (at the next body) once hostile or varied payloads have filled the old one. */
export function bodyTemplateRoot(): TemplateNode {
  if (bodyTemplates.full) bodyTemplates = new TemplateTree('$');
  return bodyTemplates.root;
}

/**
 * A leaf found by a scanner: one class gives every field the same shape, which keeps reads of them fast.
 * `segments` is built from the container's chain when first read: most consumers need only the path,
 * its template and the key. What every leaf of a scanner has alike is read from the prototype, not kept
 * per field (a 10 KB body has ~600 of them): the source (`QueryField` for the query string), the
 * member's end, which for every scanned leaf is its value's end (a JSON member ends with its value), and
 * the key, which is the leaf's own last segment or its container's nearest key.
 */
export class ScannedField implements PayloadField {
  readonly pathTemplate: string;
  readonly value: ScalarValue;
  readonly valueStart: number;
  readonly valueEnd: number;
  readonly memberStart: number;
  /** The container's segments, and this leaf's own last one (undefined for a value that is the whole record). */
  private readonly container: SegmentChain | undefined;
  private readonly last: PathSegment | undefined;
  private materialised: readonly PathSegment[] | undefined;
  /** The path; undefined until read for a leaf with an array index on its path (see `path`). */
  private written: string | undefined;

  constructor(
    container: SegmentChain | undefined,
    last: PathSegment | undefined,
    path: string | undefined,
    pathTemplate: string,
    value: ScalarValue,
    valueStart: number,
    valueEnd: number,
    memberStart: number,
  ) {
    this.container = container;
    this.last = last;
    this.materialised = undefined;
    this.written = path;
    this.pathTemplate = pathTemplate;
    this.value = value;
    this.valueStart = valueStart;
    this.valueEnd = valueEnd;
    this.memberStart = memberStart;
  }

  get source(): FieldSource {
    return 'body';
  }

  /**
   * `$.ap_list[3].ssid`: the scanner gives it for a leaf outside lists (its template's text) and leaves it to
   * be built here, once, for the others: a 10 KB body's ~600 list items would otherwise each build two
   * strings that nearly nothing reads.
   */
  get path(): string {
    return (this.written ??= formatPath(this.source, this.segments));
  }

  get memberEnd(): number {
    return this.valueEnd;
  }

  /** The nearest object key on the path: this leaf's own, else its container's (kept on the chain, not per leaf). */
  get key(): string | undefined {
    const last = this.last;
    return typeof last === 'string' ? last : this.container?.key;
  }

  /** A field's public properties, those read from the prototype included (JSON.stringify skips these). */
  toJSON(): PayloadField {
    const { source, segments, path, pathTemplate, key, value, valueStart, valueEnd, memberStart, memberEnd } = this;
    const numberToken = this instanceof NumberTextField ? true : undefined;
    return { source, segments, path, pathTemplate, key, value, valueStart, valueEnd, memberStart, memberEnd, ...(numberToken ? { numberToken } : {}) };
  }

  /**
   * True when this leaf's segments equal `segments[start, end)`, read off the container's chain: a check
   * of a payload's shape against a memo (classifier shape-key.ts) then builds no array per field.
   */
  segmentsEqual(segments: readonly PathSegment[], start: number, end: number): boolean {
    const materialised = this.materialised;
    if (materialised !== undefined) return sameSegments(materialised, segments, start, end);
    let at = end;
    if (this.last !== undefined && segments[--at] !== this.last) return false;
    if (at - start !== (this.container?.length ?? 0)) return false;
    for (let chain = this.container; chain !== undefined; chain = chain.parent) if (segments[--at] !== chain.segment) return false;
    return true;
  }

  /**
   * The index of the only array item on this leaf's path, read off the container's chain; -1 when the path
   * has no index or several. Reads no path string (reading a built one would flatten it).
   */
  get soleIndex(): number {
    let index = typeof this.last === 'number' ? this.last : -1;
    for (let chain = this.container; chain !== undefined; chain = chain.parent) {
      if (typeof chain.segment !== 'number') continue;
      if (index !== -1) return -1;
      index = chain.segment;
    }
    return index;
  }

  /**
   * Takes `segments` as this leaf's own, unless it has built its own already: the caller (the classifier's
   * shape memo) holds an array it has checked equal to this leaf's segments, shared by every request of one
   * shape and never written, so reading `segments` then builds nothing.
   */
  adoptSegments(segments: readonly PathSegment[]): void {
    this.materialised ??= segments;
  }

  get segments(): readonly PathSegment[] {
    if (this.materialised === undefined) {
      const own = this.last === undefined ? 0 : 1;
      const segments = new Array<PathSegment>((this.container?.length ?? 0) + own);
      if (this.last !== undefined) segments[segments.length - 1] = this.last;
      for (let chain = this.container; chain !== undefined; chain = chain.parent) segments[chain.length - 1] = chain.segment;
      this.materialised = segments;
    }
    return this.materialised;
  }
}

function sameSegments(own: readonly PathSegment[], segments: readonly PathSegment[], start: number, end: number): boolean {
  if (own.length !== end - start) return false;
  for (let i = 0; i < own.length; i++) if (own[i] !== segments[start + i]) return false;
  return true;
}

/**
 * True when `field`'s path is its segments written out (formatPath) by construction, as a scanned leaf's is: a
 * comparison of segments then compares paths too, and need not read (or build) the path.
 */
export function pathFollowsSegments(field: PayloadField): boolean {
  return field instanceof ScannedField;
}

/** True when `field`'s segments equal `segments[start, end)`; a scanned field's are not built to tell. */
export function fieldSegmentsEqual(field: PayloadField, segments: readonly PathSegment[], start: number, end: number): boolean {
  return field instanceof ScannedField ? field.segmentsEqual(segments, start, end) : sameSegments(field.segments, segments, start, end);
}

/**
 * The index of the only array item on a body field's path (`3` for `$.ap_list[3].ssid`), or -1: for a field
 * whose path has no index or several, or that is not a scanned body leaf. Builds no string.
 */
export function soleItemIndex(field: PayloadField): number {
  return field instanceof ScannedField && field.source === 'body' ? field.soleIndex : -1;
}

/**
 * Hands a scanned field a shared copy of its segments (see ScannedField.adoptSegments); the caller guarantees
 * they equal the field's own and never writes to them. Other fields keep theirs.
 */
export function shareSegments(field: PayloadField, segments: readonly PathSegment[]): void {
  if (field instanceof ScannedField) field.adoptSegments(segments);
}

/** A leaf of the query string (`$query.imei`). */
export class QueryField extends ScannedField {
  override get source(): FieldSource {
    return 'query';
  }
}

/** A JSON number kept as its exact text (see numberValue): a string value that is a number on the wire. */
export class NumberTextField extends ScannedField {
  readonly numberToken = true;
}
