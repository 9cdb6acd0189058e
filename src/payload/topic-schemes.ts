import { placeholderText, type ValuePlaceholder } from './value-keys.js';

/**
 * MQTT topic conventions whose levels name a person or their phone whatever the level looks like, so
 * no value-like test (url-path.ts) can catch them: OwnTracks publishes to `owntracks/<user>/<device>`
 * ("alice", "phone" read as words). Keyed by the first level; each entry names the levels after it.
 * A topic that follows no listed convention is left to the value-like tests.
 */
const TOPIC_SCHEMES: Readonly<Record<string, readonly ValuePlaceholder[]>> = {
  owntracks: ['personal', 'device'],
};

/** `/owntracks/alice/phone/event` → `/owntracks/{personal}/{device}/event`; other paths unchanged. Pure. */
export function templateTopicScheme(path: string): string {
  const levels = path.split('/');
  const first = path.startsWith('/') ? 1 : 0;
  const scheme = TOPIC_SCHEMES[levels[first]?.toLowerCase() ?? ''];
  if (scheme === undefined) return path;
  return levels.map((level, i) => {
    const placeholder = scheme[i - first - 1];
    return placeholder === undefined || level === '' ? level : placeholderText(placeholder);
  }).join('/');
}
