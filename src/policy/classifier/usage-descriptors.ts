import { BoundedMemo } from '../../memo.js';
import type { KeyWords } from './words.js';

/**
 * A record of usage (`deviceListUsages`, `channelUsages[*]`, `usage`) holds how much was used — behaviour, a usage
 * history (docs/CORPUS.md) — beside what says which meter, which circuit and when the figure was read: the unit's id
 * (`deviceGid`), the channel's number (`channelNum`), the reading's `instant`. Those say which and when the machine
 * measured, not what the household did: a usage container leaves them to their own key (a unit's id stays device).
 * Read by the `container` detector (key-detectors.ts), like a habit's own limits (plan-limits.ts).
 */
const USAGE_WORDS = new Set(['usage', 'usages']);
/** Heads that name which unit, circuit or moment a figure belongs to. */
const ID_HEADS = new Set(['id', 'ids', 'gid', 'uid', 'uuid', 'guid']);
const NUMBER_HEADS = new Set(['num', 'number', 'index', 'idx', 'no']);
const MOMENT_KEYS = new Set(['instant', 'timestamp', 'reading time', 'read at', 'measured at']);

const descriptors = new BoundedMemo<boolean>(5_000, 256);
function describesFigure(key: KeyWords): boolean {
  return descriptors.get(key.raw, () => {
    const words = key.words;
    const head = words[words.length - 1] ?? '';
    return ID_HEADS.has(head) || NUMBER_HEADS.has(head) || words.includes('channel') || MOMENT_KEYS.has(words.join(' '));
  });
}

/** Whether a key inside a usage container (its vocabulary text) says which or when, not how much. */
export function describesUsage(container: string, key: KeyWords | undefined): boolean {
  if (key === undefined) return false;
  const words = container.split(' ');
  return USAGE_WORDS.has(words[words.length - 1] ?? '') && describesFigure(key);
}
