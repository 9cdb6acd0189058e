import type { PathSegment, PayloadField, ScalarValue } from '../../src/payload/index.js';
import {
  compilePolicy,
  parsePolicy,
  type ClassifiedField,
  type CompiledPolicy,
  type DataCategory,
  type Flow,
  type FlowTarget,
  type OpaqueFinding,
  type PolicyInput,
} from '../../src/policy/index.js';

/** Hand-built fields and flows: the payload parser and classifier are tested on their own. */
function pathOf(source: PayloadField['source'], segments: readonly PathSegment[]): string {
  let path = source === 'query' ? '$query' : '$';
  for (const s of segments) path += typeof s === 'number' ? `[${s}]` : /^[A-Za-z_$][\w$]*$/.test(s) ? `.${s}` : `[${JSON.stringify(s)}]`;
  return path;
}

export interface FieldSpec {
  readonly segments: readonly PathSegment[];
  readonly value?: ScalarValue;
  readonly categories?: readonly DataCategory[];
  readonly source?: PayloadField['source'];
  readonly opaque?: OpaqueFinding;
}

export function field(spec: FieldSpec): ClassifiedField {
  const source = spec.source ?? 'body';
  const key = [...spec.segments].reverse().find((s): s is string => typeof s === 'string');
  const payloadField: PayloadField = {
    source,
    segments: spec.segments,
    path: pathOf(source, spec.segments),
    key,
    value: spec.value === undefined ? 'x' : spec.value,
    valueStart: 0,
    valueEnd: 0,
    memberStart: 0,
    memberEnd: 0,
  };
  return { field: payloadField, categories: spec.categories ?? [], opaque: spec.opaque };
}

export const BLOB: OpaqueFinding = { kind: 'base64', reason: 'high-entropy base64', length: 344, entropy: 5.9 };

export function target(overrides: Partial<FlowTarget> = {}): FlowTarget {
  return { clientAddress: '192.168.1.50', scheme: 'https', host: 'api.vendor.com', port: 443, ...overrides };
}

export function flow(
  fields: readonly ClassifiedField[],
  overrides: Partial<FlowTarget> = {},
  bodyOpaque?: OpaqueFinding,
): Flow {
  return {
    target: target(overrides),
    method: 'POST',
    path: '/v1/telemetry',
    payload: { format: 'json', fields, opaque: bodyOpaque },
  };
}

export function compile(input: Omit<PolicyInput, 'version'>): CompiledPolicy {
  return compilePolicy(parsePolicy({ version: 1, ...input }));
}
