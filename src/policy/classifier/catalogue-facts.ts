import { BoundedMemo } from '../../memo.js';
import type { KeyWords } from './words.js';

/**
 * What a catalogue says of a published work, inside a record of what somebody plays or watched: its year,
 * genre, running time, disc and track number, kind and ratings. The work's identity (its title, artist,
 * album, ids, file and cover), when it started and how far it got are the household's listening (behaviour,
 * docs/CORPUS.md); these facts are the same for everybody who plays it, like a track's bit rate
 * (machine-readings.ts). Only under containers of playing and watching: a washer's history keeps its
 * `duration`, a trip its `type`.
 * The words are the descriptive properties of public media schemas, in our own arrangement: schema.org
 * CreativeWork / MusicRecording / Movie (`datePublished`, `genre`, `duration`, `contentRating`,
 * `aggregateRating`), the Subsonic/OpenSubsonic Child (`year`, `genre`, `duration`, `track`, `discNumber`,
 * `isDir`, `isVideo`, `type`, `userRating`, `averageRating`) and MPRIS/Xesam metadata (`mpris:length`,
 * `xesam:trackNumber`, `xesam:discNumber`, `xesam:contentCreated`, `xesam:genre`, `xesam:userRating`).
 */
const PLAY_CONTAINERS = new Set(['now playing', 'current track', 'next track', 'playback state', 'watch history', 'viewing history']);

/** Whole keys (after the usual reading: `isDir` is `is dir`, `duration_estimate_sec` is `duration estimate`). */
const FACT_KEYS = new Set(['year', 'production year', 'release year', 'date published', 'release date', 'premiere date',
  'genre', 'genres', 'duration', 'duration estimate', 'length', 'run time', 'runtime', 'run time ticks', 'runtime ticks',
  'track', 'track number', 'track no', 'disc', 'disc number', 'disc no', 'track count', 'disc count', 'is dir', 'is folder',
  'is video', 'is audio', 'type', 'media type', 'kind', 'user rating', 'average rating', 'community rating', 'critic rating',
  'official rating', 'content rating', 'rating', 'playback rate', 'explicit', 'is explicit']);

const facts = new BoundedMemo<boolean>(5_000, 256);

/** Whether a key under a playing or watching container (`container`, its text) is a catalogue fact of the work. */
export function catalogueFactOfWork(container: string, key: KeyWords | undefined): boolean {
  if (key === undefined || !PLAY_CONTAINERS.has(container)) return false;
  return facts.get(key.raw, () => FACT_KEYS.has(key.words.join(' ')));
}

/**
 * Where the publisher lists a work, inside a record of what somebody plays: a podcast's RSS feed (`feedUrl`),
 * the store's page for it (`itunesPageUrl`, `storeUrl`). The same for everybody who plays the work; its title,
 * artist, ids and cover, and their sort forms (`artist_sort`), stay the household's listening.
 */
const LISTING_WORDS = new Set(['feed', 'rss', 'store', 'page']);
const listings = new BoundedMemo<boolean>(5_000, 256);
export function catalogueListingOfWork(key: KeyWords): boolean {
  return listings.get(key.raw, () => key.words.some((w) => LISTING_WORDS.has(w)));
}
