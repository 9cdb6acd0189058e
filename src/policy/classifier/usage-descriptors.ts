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
/** A figure's kind (`usage.type: "tokens"`) says which figure it is, not how much. */
const KIND_KEYS = new Set(['type', 'kind']);
/**
 * What a computing service meters, not what a household uses up: an API's calls, a model's tokens
 * (`usage.input_tokens`, `usage.input_token_details.audio_tokens` of a transcription or chat response), a
 * machine's CPU, memory or disk. Shared with consumption-series.ts, which reads usage lists by the same words.
 */
export const SERVICE_METERING_WORDS: ReadonlySet<string> = new Set(['api', 'token', 'tokens', 'quota', 'cpu', 'memory', 'mem', 'disk']);

const descriptors = new BoundedMemo<boolean>(5_000, 256);
function describesFigure(key: KeyWords): boolean {
  return descriptors.get(key.raw, () => {
    const words = key.words;
    const head = words[words.length - 1] ?? '';
    const joined = words.join(' ');
    return ID_HEADS.has(head) || NUMBER_HEADS.has(head) || words.includes('channel') || MOMENT_KEYS.has(joined) ||
      KIND_KEYS.has(joined) || words.some((w) => SERVICE_METERING_WORDS.has(w));
  });
}

/** Whether a key inside a usage container (its vocabulary text) says which or when, or meters a service, not how much the household used. */
export function describesUsage(container: string, key: KeyWords | undefined): boolean {
  if (key === undefined) return false;
  const words = container.split(' ');
  return USAGE_WORDS.has(words[words.length - 1] ?? '') && describesFigure(key);
}
