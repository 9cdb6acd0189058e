import { BoundedMemo } from '../../memo.js';
import { finding, type Finding } from './detector.js';
import type { KeyWords } from './words.js';

/**
 * `last-act`: a key that says when something was last done, as a word of recency before a verb in the past
 * tense (`lastWateredDate`, `last_tracked_time`, `lastFedAt`, `lastWateredDuration`, `last_played`), is when
 * (or how long) the household last did it: a usage history (docs/CORPUS.md). The verb decides by its form, so
 * acts nobody listed (watered, fed, brewed, emptied) count. Not the verbs of a record's or a machine's own life
 * (`lastUpdatedAt`, `lastModifiedDate`, `lastFetched`, `last_reported_at`, `lastConnectedAt`, `lastFiredAt`):
 * when data was written, synced or sent is a report time, which is nothing.
 * Reads only the key: memoised by the raw key.
 */
export const LAST_ACT = 'last-act';

export const lastActExplanations: Readonly<Record<string, (f: Finding) => string>> = {
  [LAST_ACT]: (f) => `"${f.facts.key}" says when somebody last ${f.facts.verb} something (a usage history) → behaviour`,
};

const RECENCY = new Set(['last', 'latest', 'previous', 'recently']);
/** What may follow the verb: a time, a length of time, or nothing (`last_played`). */
const TAILS = new Set(['date', 'time', 'at', 'on', 'timestamp', 'ts', 'datetime', 'epoch', 'duration', 'utc', 'local']);
/** Verbs of a record's, a connection's or a machine's own life: their time is a report time. */
const MACHINE_VERBS = new Set(['updated', 'modified', 'changed', 'edited', 'created', 'fetched', 'synced', 'synchronized',
  'synchronised', 'refreshed', 'polled', 'reported', 'received', 'sent', 'published', 'uploaded', 'downloaded', 'saved',
  'stored', 'processed', 'indexed', 'scanned', 'checked', 'connected', 'disconnected', 'fired', 'triggered', 'booted',
  'rebooted', 'restarted', 'started', 'stopped', 'calibrated', 'notified', 'contacted', 'pinged', 'registered', 'activated',
  'deactivated', 'installed', 'upgraded', 'flashed', 'requested', 'generated', 'computed', 'calculated', 'measured',
  'rotated', 'renewed', 'expired', 'issued', 'verified', 'validated', 'accessed', 'read', 'logged', 'cached',
  'imported', 'exported', 'backed', 'completed', 'failed', 'succeeded', 'attempted', 'executed', 'run', 'ran', 'heard']);

/** Words ending in "ed" that are no past tense (`lastRed`, a LED, a bed); `-eed` (`speed`, `feed`) is left out above. */
const NOT_VERBS = new Set(['ed', 'red', 'led', 'bed', 'shed', 'hundred', 'embed', 'sled', 'wed']);

const memo = new BoundedMemo<Finding | null>(5_000, 512);

export function detectLastAct(key: KeyWords): Finding | undefined {
  const words = key.words;
  if (words.length < 2 || words.length > 3 || !RECENCY.has(words[0] ?? '')) return undefined;
  const found = memo.get(key.raw, () => {
    const verb = words[1] ?? '';
    const tail = words[2];
    if (!verb.endsWith('ed') || verb.endsWith('eed') || NOT_VERBS.has(verb) || MACHINE_VERBS.has(verb)) return null;
    if (tail !== undefined && !TAILS.has(tail)) return null;
    return finding(LAST_ACT, 'strong', ['behaviour'], { of: 'key', key: key.raw, verb });
  });
  return found ?? undefined;
}
