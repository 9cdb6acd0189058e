import type { PayloadField } from '../../payload/index.js';
import { BoundedMemo } from '../../memo.js';
import { finding, type Finding } from './detector.js';
import { parentPath } from './field-paths.js';
import type { ShapeField } from './shape.js';
import { readKey } from './words.js';

/**
 * `default-host-name`: a host name that is the record's own model name (`hostname: "SLZB-06P10"` beside
 * `model: "SLZB-06P10"`) is the factory default every unit of the model answers to: it names the model,
 * which docs/CORPUS.md leaves unlabelled, not a host the owner named or one carrying a unit's id (those
 * differ from the model: `shelly1-AABBCC`, `Annas-iPhone`). The host name's network reading is vetoed for
 * that value. Reads the host name and its sibling model values of every payload.
 */
export const DEFAULT_HOST_NAME = 'default-host-name';

export const defaultHostNameExplanations: Readonly<Record<string, (f: Finding) => string>> = {
  [DEFAULT_HOST_NAME]: (f) => `"${f.facts.key}" is the model name "${f.facts.sibling}" holds: a factory default, no host of the home`,
};

type Add = (index: number, f: Finding) => void;

const HOST_KEYS = new Set(['hostname', 'host name', 'host']);
const MODEL_KEYS = new Set(['model', 'model name', 'device model', 'product model', 'hw model', 'hardware model', 'model id', 'product name']);

const hostKeys = new BoundedMemo<boolean>(5_000, 256);
const modelKeys = new BoundedMemo<boolean>(5_000, 256);
const isHostKey = (raw: string) => hostKeys.get(raw, () => HOST_KEYS.has(readKey(raw).words.join(' ')));
const isModelKey = (raw: string) => modelKeys.get(raw, () => MODEL_KEYS.has(readKey(raw).words.join(' ')));

interface HostPair {
  readonly host: number;
  readonly models: readonly number[];
}

/** Plan: string host names with their sibling string model names (same record). */
export function planDefaultHostNames(fields: readonly ShapeField[]): HostPair[] | undefined {
  const hosts: number[] = [];
  const models = new Map<string, number[]>();
  fields.forEach((field, index) => {
    const key = field.segments[field.segments.length - 1];
    if (typeof key !== 'string' || field.kind !== 'string') return;
    if (isHostKey(key)) hosts.push(index);
    else if (isModelKey(key)) {
      const record = parentPath(field);
      models.set(record, [...(models.get(record) ?? []), index]);
    }
  });
  const pairs: HostPair[] = [];
  for (const host of hosts) {
    const field = fields[host];
    const siblings = field === undefined ? undefined : models.get(parentPath(field));
    if (siblings !== undefined) pairs.push({ host, models: siblings });
  }
  return pairs.length === 0 ? undefined : pairs;
}

export function detectDefaultHostNames(plan: readonly HostPair[], fields: readonly PayloadField[], _home: unknown, add: Add): void {
  for (const { host, models } of plan) {
    const field = fields[host];
    if (field === undefined || typeof field.value !== 'string' || field.value.trim() === '') continue;
    const name = field.value.trim().toLowerCase();
    const model = models.map((i) => fields[i]).find((m) => typeof m?.value === 'string' && m.value.trim().toLowerCase() === name);
    const key = field.segments[field.segments.length - 1];
    const sibling = model?.segments[model.segments.length - 1];
    if (typeof key === 'string' && typeof sibling === 'string') add(host, veto(key, sibling));
  }
}

const findings = new BoundedMemo<Finding>(256, 1_024);
function veto(key: string, sibling: string): Finding {
  return findings.get(`${key}\u0000${sibling}`, () => finding(DEFAULT_HOST_NAME, 'veto', ['network'], { of: 'value', key: key.slice(0, 40), sibling: sibling.slice(0, 40) }));
}
