import { BoundedMemo } from '../../memo.js';
import { catalogueEntryVeto, catalogueView } from './catalogue-entries.js';
import { catalogueListingOfWork } from './catalogue-facts.js';
import { finding, type Finding } from './detector.js';
import { readingsByRecord } from './record-readings.js';
import type { Add, ShapeField } from './shape.js';
import { readKey } from './words.js';

/**
 * `playing-record`: a record that names a piece of music or a broadcast by at least two of its parts —
 * its artist, album, song, station, episode or show — is what somebody is playing or played
 * (docs/CORPUS.md: media being watched or played is behaviour), whatever the vendor calls the record
 * (`payload`, the player's status at the root, `nowPlaying`). Its title, parts, ids and locators (the
 * album's id, the track's URI, the cover's URL) are behaviour; how long it lasts, where playback is,
 * the volume and the kind of source are the player's, not the listener's.
 * The words are the parts of a recording that public media schemas name, in our own arrangement:
 * schema.org MusicRecording (`byArtist`, `inAlbum`), MPRIS metadata (`xesam:title`, `xesam:artist`,
 * `xesam:album`, `mpris:artUrl`, `xesam:url`), UPnP AV / DIDL-Lite (`dc:title`, `upnp:artist`,
 * `upnp:album`, `upnp:albumArtURI`, `upnp:channelName`, `upnp:programTitle`).
 * A title beside the recording's maker (`xesam:title` + `xesam:artist`) is enough; a title alone, or an album
 * with nothing else, says nothing of the kind (a scene's title, a photo album).
 * Reads only keys and value kinds: memoised per payload shape.
 */
export const PLAYING_RECORD = 'playing-record';
/** `file-tags`: the same parts written into a media file's own tags (veto, see `describesFile`). */
export const FILE_TAGS = 'file-tags';

export const playingRecordExplanations: Readonly<Record<string, (f: Finding) => string>> = {
  [PLAYING_RECORD]: (f) => `part of a record naming a recording by its ${f.facts.parts} (what somebody plays) → behaviour`,
  [FILE_TAGS]: () => "part of the tags written into a media file (what the file says of itself, not somebody playing it) → not behaviour",
};

/** Words that name a recording's parts; two different ones in a record make it a recording. */
const PART_WORDS = new Set(['artist', 'artists', 'album', 'song', 'station', 'episode', 'show', 'podcast', 'programme',
  'composer', 'performer', 'channel name', 'program title', 'album artist', 'track name', 'track title', 'song title']);
/** Words that, beside the parts, name or point at the recording: its title, track, locators, art. */
const IDENTITY_WORDS = new Set(['title', 'name', 'track', 'uri', 'url', 'art', 'cover', 'mid', 'isrc', 'trackid']);
/** What belongs to the player: how long, where in it, how loud, what kind of source. */
const PLAYER_WORDS = new Set(['duration', 'length', 'position', 'elapsed', 'volume', 'type', 'kind', 'format', 'codec',
  'bitrate', 'count', 'index', 'mute', 'status', 'state', 'mode', 'repeat', 'shuffle', 'source', 'width', 'height', 'size']);

type Role = 'part' | 'identity';

interface Reading {
  readonly role: Role;
  readonly part: string;
  /** An identity key that is the recording's title (`title`, `track_name`). */
  readonly title: boolean;
}

const readings = new BoundedMemo<Reading | null>(5_000, 256);
function readingOf(raw: string): Reading | undefined {
  const reading = readings.get(raw, () => {
    const key = readKey(raw);
    const words = key.words;
    let found: Reading | null = null;
    // The work's feed, store page and sort title are the catalogue's, not the listening (catalogue-facts.ts).
    if (!words.some((w) => PLAYER_WORDS.has(w)) && !catalogueListingOfWork(key)) {
      const pair = words.length >= 2 ? `${words[words.length - 2] ?? ''} ${words[words.length - 1] ?? ''}` : '';
      const part = PART_WORDS.has(pair) ? pair : words.find((w) => PART_WORDS.has(w));
      if (part !== undefined) found = { role: 'part', part: part === 'artists' ? 'artist' : part, title: false };
      else if (words.some((w) => IDENTITY_WORDS.has(w))) found = { role: 'identity', part: '', title: words.includes('title') };
    }
    return found;
  });
  return reading ?? undefined;
}

/** Who made a recording: beside a title, one of them is enough (`xesam:title` + `xesam:artist`). */
const MAKERS = new Set(['artist', 'album artist', 'performer', 'composer']);

export function playingRecords(fields: readonly ShapeField[], add: Add): void {
  const records = readingsByRecord(fields, readingOf);
  if (records === undefined) return;
  let view: ReturnType<typeof catalogueView> | undefined;
  for (const members of records.values()) {
    const parts = new Set(members.flatMap((m) => (m.reading.role === 'part' ? [m.reading.part] : [])));
    const titled = members.some((m) => m.reading.title);
    if (parts.size < 2 && !(titled && [...parts].some((p) => MAKERS.has(p)))) continue;
    // A library's own entry for the recording, nobody playing it, is no record of listening (catalogue-entries.ts).
    const first = members[0] === undefined ? undefined : fields[members[0].index];
    const veto = first === undefined ? undefined : describesFile(first) ? FILE_TAGS_VETO : catalogueEntryVeto((view ??= catalogueView(fields)), first);
    const f = veto ?? playingFinding([...parts].sort().join(' and '));
    for (const { index } of members) add(index, f);
  }
}

/**
 * Tags written into a media file (`audioFile.metaTags.tagArtist`, an ID3 tag set): what the file says of itself,
 * shared by every copy of it, not somebody playing it. The record playing it names the work in its own fields.
 */
const FILE_HEADS = new Set(['file', 'files', 'tags', 'id3']);
function describesFile(field: ShapeField): boolean {
  return field.segments.slice(0, -1).some((s) => typeof s === 'string' && fileKey(s));
}
const fileKeys = new BoundedMemo<boolean>(5_000, 256);
function fileKey(raw: string): boolean {
  return fileKeys.get(raw, () => {
    const words = readKey(raw).words;
    return FILE_HEADS.has(words[words.length - 1] ?? '') || raw.toLowerCase() === 'id3';
  });
}

const FILE_TAGS_VETO = finding(FILE_TAGS, 'veto', ['behaviour'], { of: 'structure' });

/** One finding per set of parts, shared by the payloads that repeat them. */
const findings = new BoundedMemo<Finding>(256, 1_024);
function playingFinding(parts: string): Finding {
  return findings.get(parts, () => finding(PLAYING_RECORD, 'strong', ['behaviour'], { of: 'structure', parts }));
}
