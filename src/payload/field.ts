import type { FieldSource, PathSegment, PayloadField, ScalarValue } from './types.js';

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** Keys written as `.key` in a path; others are bracketed and quoted. */
export function isIdentifier(key: string): boolean {
  return IDENTIFIER.test(key);
}

/** `.key` or `["odd key"]`: one key's step in a path. */
export function keyStep(key: string): string {
  return isIdentifier(key) ? `.${key}` : `[${JSON.stringify(key)}]`;
}

/** `$.coords.latitude`, `$.ap_list[0].ssid`, `$["a b"]`, `$query.imei`. */
export function formatPath(source: FieldSource, segments: readonly PathSegment[]): string {
  let path = source === 'query' ? '$query' : '$';
  for (const segment of segments) path += typeof segment === 'number' ? `[${segment}]` : keyStep(segment);
  return path;
}

/** `formatPath` with every array index written `[*]`: what fields differing only in array positions share. */
export function formatPathTemplate(source: FieldSource, segments: readonly PathSegment[]): string {
  let path = source === 'query' ? '$query' : '$';
  for (const segment of segments) path += typeof segment === 'number' ? '[*]' : keyStep(segment);
  return path;
}

/**
 * The segments of an open (or closed) container as a chain to its parent. Siblings share their
 * container's chain, so a scanner allocates one per container instead of a segments array per leaf.
 */
export class SegmentChain {
  constructor(
    readonly parent: SegmentChain | undefined,
    readonly segment: PathSegment,
    readonly length: number,
  ) {}

  static of(segments: readonly PathSegment[]): SegmentChain | undefined {
    let chain: SegmentChain | undefined;
    for (const segment of segments) chain = new SegmentChain(chain, segment, (chain?.length ?? 0) + 1);
    return chain;
  }
}

/**
 * A node of the tree of path templates (`$.ap_list[*].ssid`), shared by every body a scanner reads:
 * a template string is built once and then is the same string for every field and request that has
 * it, which makes it a cheap cache key. Keys come from payloads, so the tree is bounded and replaced
 * when full.
 */
export class TemplateNode {
  private children: Map<string, TemplateNode> | undefined;
  private itemNode: TemplateNode | undefined;

  constructor(
    readonly template: string,
    private readonly tree: TemplateTree,
  ) {}

  member(key: string): TemplateNode {
    let node = this.children?.get(key);
    if (node === undefined) {
      // A full tree stops growing within a body too: the node is then used for this field and forgotten.
      if (this.tree.full) return new TemplateNode(this.template + keyStep(key), this.tree);
      // A copy: the key may be a slice of a body, which the tree would otherwise keep alive.
      const own = JSON.parse(JSON.stringify(key)) as string;
      node = this.tree.node(this.template + keyStep(own));
      this.children ??= new Map();
      this.children.set(own, node);
    }
    return node;
  }

  item(): TemplateNode {
    if (this.itemNode === undefined) {
      if (this.tree.full) return new TemplateNode(`${this.template}[*]`, this.tree);
      this.itemNode = this.tree.node(`${this.template}[*]`);
    }
    return this.itemNode;
  }
}

const MAX_TEMPLATE_NODES = 20_000;

class TemplateTree {
  private count = 0;
  readonly root: TemplateNode;

  constructor(rootTemplate: string) {
    this.root = new TemplateNode(rootTemplate, this);
  }

  get full(): boolean {
    return this.count >= MAX_TEMPLATE_NODES;
  }

  node(template: string): TemplateNode {
    this.count++;
    return new TemplateNode(template, this);
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
 * its template and the key.
 */
export class ScannedField implements PayloadField {
  readonly source: FieldSource;
  readonly path: string;
  readonly pathTemplate: string;
  readonly key: string | undefined;
  readonly value: ScalarValue;
  readonly valueStart: number;
  readonly valueEnd: number;
  readonly memberStart: number;
  readonly memberEnd: number;
  /** The container's segments, and this leaf's own last one (undefined for a value that is the whole record). */
  private readonly container: SegmentChain | undefined;
  private readonly last: PathSegment | undefined;
  private materialised: readonly PathSegment[] | undefined;

  constructor(
    source: FieldSource,
    container: SegmentChain | undefined,
    last: PathSegment | undefined,
    path: string,
    pathTemplate: string,
    key: string | undefined,
    value: ScalarValue,
    valueStart: number,
    valueEnd: number,
    memberStart: number,
    memberEnd: number,
  ) {
    this.source = source;
    this.container = container;
    this.last = last;
    this.materialised = undefined;
    this.path = path;
    this.pathTemplate = pathTemplate;
    this.key = key;
    this.value = value;
    this.valueStart = valueStart;
    this.valueEnd = valueEnd;
    this.memberStart = memberStart;
    this.memberEnd = memberEnd;
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

/** A JSON number kept as its exact text (see numberValue): a string value that is a number on the wire. */
export class NumberTextField extends ScannedField {
  readonly numberToken = true;
}
