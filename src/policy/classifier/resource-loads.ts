import { BoundedMemo } from '../../memo.js';
import { finding, type Finding } from './detector.js';
import type { KeyWords } from './words.js';

/**
 * `resource-load`: how much of a computer's own resource is in use (`cpu.usage`, `cpu3.usage`, `memory.used`,
 * `swap.utilization`: a NAS's, a router's or a hub's realtime report of its processor, memory and disks) is the
 * machine's load, like its temperature or uptime (docs/CORPUS.md: the machine's own resources are no usage
 * history). A use word (`usage`) otherwise reads as the household's use over time, and a consumption report
 * makes its aggregates behaviour: under a parent that names a computing resource neither holds. The resource
 * is the parent's word, with a core's or a disk's number dropped (`cpu0`). Reads only keys: memoised by key
 * and parent.
 */
export const RESOURCE_LOAD = 'resource-load';

export const resourceLoadExplanations: Readonly<Record<string, (f: Finding) => string>> = {
  [RESOURCE_LOAD]: (f) =>
    `the load of the machine's own ${f.facts.resource} (not a use by the household; not behaviour)`,
};

/** What a key says of a resource's load: its use, the part used, how busy it is. */
const LOAD_WORDS = new Set(['usage', 'usages', 'use', 'used', 'load', 'utilization', 'utilisation', 'busy',
  'percent', 'pct', 'percentage', 'avg', 'average', 'max', 'min', 'total']);
/** A computer's own resources, as system monitors name them (top, /proc, SNMP HOST-RESOURCES-MIB). */
const RESOURCES = new Set(['cpu', 'cpus', 'processor', 'core', 'cores', 'mem', 'memory', 'ram', 'swap', 'disk', 'disks',
  'storage', 'heap', 'gpu', 'flash', 'filesystem']);

const memo = new BoundedMemo<Finding | null>(5_000, 256);

export function detectResourceLoad(key: KeyWords, ancestors: readonly KeyWords[]): Finding | undefined {
  const parent = ancestors[ancestors.length - 1];
  if (parent === undefined || !key.words.some((w) => w === 'usage' || w === 'usages' || w === 'used' || w === 'load' ||
    w === 'utilization' || w === 'utilisation')) return undefined;
  return memo.get(`${parent.raw}\u0000${key.raw}`, () => {
    if (!key.words.every((w) => LOAD_WORDS.has(w))) return null;
    const resource = parent.words.map((w) => w.replace(/\d+$/, '')).find((w) => RESOURCES.has(w));
    return resource === undefined ? null : finding(RESOURCE_LOAD, 'veto', ['behaviour'], { of: 'key', resource });
  }) ?? undefined;
}
