import { BoundedMemo } from '../../memo.js';
import type { KeyWords } from './words.js';

/**
 * A machine's own reading inside a habit's record: a trip's battery at departure, a played track's bit rate
 * and container format, a session's room temperature. A behaviour container (`trips`, `nowPlaying`,
 * `history`) makes its records' times, places and quantities behaviour, but these stay what they are
 * anywhere else — the device's state (docs/CORPUS.md: battery levels and power in a charging history are
 * not behaviour; media *format* names and codec settings are nobody's data).
 * The words are those of the labelling rules' "do not label" column and, for a recording's technical facts,
 * of public media schemas, in our own arrangement: schema.org MediaObject (`bitrate`, `contentSize`,
 * `encodingFormat`), the Subsonic/OpenSubsonic Child (`bitRate`, `bitDepth`, `samplingRate`, `channelCount`,
 * `suffix`, `contentType`), MPEG-DASH Representation (`bandwidth`, `codecs`, `audioSamplingRate`).
 */
const MACHINE_WORDS = new Set(['battery', 'batt', 'soc', 'rssi', 'firmware', 'humidity', 'bitrate', 'codec', 'codecs',
  'suffix', 'samplerate']);
/** Pairs of words that name a technical fact only together (`bit rate`, not `heart rate`). */
const MACHINE_PAIRS = new Set(['state of', 'bit rate', 'bit depth', 'sampling rate', 'sample rate', 'channel count',
  'content type', 'content size', 'encoding format', 'frame rate', 'mime type']);
/** Heads that alone are a machine's facts when nothing before them says whose (`size`, `temperature`). */
const MACHINE_HEADS = new Set(['size', 'temperature', 'temp', 'voltage', 'uptime', 'resolution', 'fps']);

const readings = new BoundedMemo<boolean>(5_000, 256);

/** Whether a key inside a habit's record names the machine's own reading or the recording's format. */
export function machineReadingInHabit(key: KeyWords | undefined): boolean {
  if (key === undefined) return false;
  return readings.get(key.raw, () => {
    const words = key.words;
    if (words.some((w) => MACHINE_WORDS.has(w))) return true;
    for (let i = 0; i + 1 < words.length; i++) if (MACHINE_PAIRS.has(`${words[i] ?? ''} ${words[i + 1] ?? ''}`)) return true;
    return MACHINE_HEADS.has(words[words.length - 1] ?? '');
  });
}
