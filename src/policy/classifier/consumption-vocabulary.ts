/**
 * What a person watches, hears and reads, as the words keys use for it (docs/CORPUS.md: media being watched
 * or played is behaviour). Two kinds, each from public sources and in our own arrangement:
 *
 * - Ids a public catalogue of published works gives a film, a series, a recording or a book. A household's
 *   service sends one only because somebody in it requested, watched, played, liked or bookmarked that work:
 *   The Movie Database, TheTVDB, IMDb, TVmaze, Trakt, AniDB, AniList, MyAnimeList, Kitsu, Simkl (films and
 *   series), MusicBrainz and Discogs (recordings; ISRC and ISWC are ISO 3901 and ISO 15707 codes), ISBN and
 *   Open Library (books). The catalogue's name alone is the key under a map of ids (`ProviderIds.Tmdb`,
 *   `external_ids.imdb`).
 * - How far somebody got and whether they finished: MPRIS's `Position` and `PlaybackStatus` (Paused),
 *   schema.org WatchAction / ListenAction / LikeAction / ViewAction by the participle a key puts before a
 *   time (`viewedAt`, `played_at`), and the resume points media servers keep per user (`PlaybackPositionTicks`,
 *   `bookmarkPosition`). Not `paused` alone: a sync folder or a mower is paused by the machine.
 */
export const CATALOGUE_ID_PHRASES: readonly string[] = [
  'tmdb', 'tmdb id', 'tvdb', 'tvdb id', 'imdb', 'imdb id', 'tvmaze', 'tvmaze id', 'trakt', 'trakt id', 'anidb', 'anidb id',
  'anilist', 'anilist id', 'myanimelist', 'myanimelist id', 'kitsu id', 'simkl', 'simkl id', 'musicbrainz', 'musicbrainz id',
  'musicbrainz track id', 'musicbrainz recording id', 'musicbrainz release id', 'musicbrainz album id', 'musicbrainz artist id',
  'mbid', 'discogs id', 'iswc', 'isbn', 'open library id',
];

export const PLAYBACK_PHRASES: readonly string[] = [
  'playback position', 'playback position ticks', 'position ticks', 'play position', 'bookmark position', 'resume position',
  'resume point', 'is paused', 'played', 'is played', 'viewed', 'is viewed', 'viewed at', 'watched at', 'played at',
  'listened at', 'liked at', 'last played', 'last watched', 'last viewed', 'playback duration',
];
