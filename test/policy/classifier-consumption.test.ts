import { describe, expect, it } from 'vitest';
import { at, classifyJson } from '../helpers/classify-json.js';

/**
 * The tenth round for people's own activities: a record of somebody listening, watching or reading, and a
 * library's catalogue entry that nobody is playing. Payloads of vendors the corpus does not hold.
 */
describe('a record of a work somebody is consuming (consumption-records.ts)', () => {
  // An e-book reader's resume point, a video server's watch session, a podcast app's listening session.
  const reader = { bookId: 'b-7731', position: 0.62, finishedAt: null, startedAt: 1733050000, lastUpdate: 1733050200, duration: 31200 };
  const watch = { sessions: [{ id: 'ws-1', movieId: 'm-42', currentTime: 1312.5, watchTime: 600, date: '2026-11-02', dayOfWeek: 'Monday', updatedAt: 1733050300 }] };
  const stats = { totalListeningTime: 5400, updatedAt: 1733050400 };

  it.each([
    ['$.bookId', reader],
    ['$.position', reader],
    ['$.startedAt', reader],
    ['$.sessions[0].movieId', watch],
    ['$.sessions[0].currentTime', watch],
    ['$.sessions[0].watchTime', watch],
    ['$.sessions[0].date', watch],
    ['$.sessions[0].dayOfWeek', watch],
    ['$.totalListeningTime', stats],
  ])('reads %s as behaviour', (path, body) => {
    expect(at(classifyJson(body), path).categories).toContain('behaviour');
  });

  it.each([
    ['$.lastUpdate', reader],
    ['$.sessions[0].updatedAt', watch],
    ['$.updatedAt', stats],
  ])("leaves the record's bookkeeping %s alone", (path, body) => {
    expect(at(classifyJson(body), path).categories).not.toContain('behaviour');
  });

  it("needs a position or the time spent beside the work's id: a library item alone is no listening", () => {
    const item = { itemId: 'li-1', title: 'Pilot', date: '2022-11-13', size: 4_000_000 };
    for (const path of ['$.itemId', '$.date']) expect(at(classifyJson(item), path).categories, path).not.toContain('behaviour');
  });

  it("leaves a media file's own header alone, though it has a track id and a current time", () => {
    const exif = [{ FileName: 'clip.mp4', FileSize: '12 MB', MIMEType: 'video/mp4', TrackID: 1, NextTrackID: 3, CurrentTime: '0 s' }];
    for (const path of ['$[0].TrackID', '$[0].NextTrackID', '$[0].CurrentTime']) {
      expect(at(classifyJson(exif), path).categories, path).not.toContain('behaviour');
    }
  });

  it("leaves a meter's reading time alone: a reading is no act of reading", () => {
    const meter = { readings: [{ readingTime: '2026-11-02T10:00:00Z', value: 4.2 }] };
    expect(at(classifyJson(meter), '$.readings[0].readingTime').categories).not.toContain('behaviour');
  });
});

describe("a library's entry for a recording (catalogue-entries.ts)", () => {
  // A music library's track and its search results: sort forms, genre, year, disc, date added.
  const track = {
    title: 'Blue in Green', title_sort: 'Blue in Green', artist: 'Miles Davis', artist_sort: 'Davis, Miles', album: 'Kind of Blue',
    album_id: 'al-9', genre: 'Jazz', year: 1959, disc_number: 1, time_added: '2024-01-02T00:00:00Z', uri: 'library:track:9',
  };

  it.each(['$.title', '$.artist', '$.album', '$.album_id', '$.artist_sort'])('leaves %s of a track nobody is playing alone', (path) => {
    expect(at(classifyJson(track), path).categories).not.toContain('behaviour');
  });

  it('leaves search results alone', () => {
    const search = { tracks: { items: [track], total: 1 } };
    expect(at(classifyJson(search), '$.tracks.items[0].title').categories).not.toContain('behaviour');
  });

  it.each([
    ['a queue', { queue: [track] }, '$.queue[0].title'],
    ['now playing', { nowPlaying: track }, '$.nowPlaying.title'],
    ['a bookmark', { bookmarks: [{ entry: track }] }, '$.bookmarks[0].entry.title'],
    ['a position beside it', { items: [{ ...track, position: 3 }] }, '$.items[0].title'],
    ['a position in a record above it', { state: 'play', elapsed: 31.5, song: track }, '$.song.title'],
  ])('keeps the same entry as behaviour under %s', (_name, body, path) => {
    expect(at(classifyJson(body), path).categories).toContain('behaviour');
  });

  it('keeps a played recording without bookkeeping as behaviour (playing-record)', () => {
    const playing = { payload: { song: 'So What', album: 'Kind of Blue', artist: 'Miles Davis', image_url: 'http://x/a.jpg' } };
    expect(at(classifyJson(playing), '$.payload.song').categories).toContain('behaviour');
  });
});

describe('plain keys that name no act of a person', () => {
  it.each([
    ['an account locked by its service', { user: { id: 'u1', isLocked: false } }, '$.user.isLocked'],
    ['an account in a list of users', { users: [{ username: 'ann', isLocked: true }] }, '$.users[0].isLocked'],
    ["a file's access date (ExifTool)", [{ FileName: 'a.jpg', FileAccessDate: '2024:01:02 10:00:00+00:00' }], '$[0].FileAccessDate'],
  ])('leaves %s alone', (_name, body, path) => {
    expect(at(classifyJson(body), path).categories).not.toContain('behaviour');
  });

  it.each([
    ['a door lock', { door: { isLocked: true } }, '$.door.isLocked'],
    ['an access event', { lastAccessDate: '2024-01-02T10:00:00Z' }, '$.lastAccessDate'],
  ])('keeps %s as behaviour', (_name, body, path) => {
    expect(at(classifyJson(body), path).categories).toContain('behaviour');
  });
});

describe("the cover of a work somebody is consuming (consumption-records.ts)", () => {
  it("reads a session's cover path as what was played (behaviour), not the household's media", () => {
    const session = { sessions: [{ episodeId: 'ep-1', currentTime: 12.5, coverPath: '/metadata/items/li-1/cover.jpg' }] };
    const categories = at(classifyJson(session), '$.sessions[0].coverPath').categories;
    expect(categories).toContain('behaviour');
    expect(categories).not.toContain('media');
  });

  it('leaves a cover outside such a record to the media detectors', () => {
    const album = { albums: [{ id: 'al-1', coverPath: '/covers/al-1.jpg' }] };
    expect(at(classifyJson(album), '$.albums[0].coverPath').categories).not.toContain('behaviour');
  });
});

describe('a URI is what it locates, not an API word (vocabulary.ts)', () => {
  it("reads a played track's URI as behaviour", () => {
    const played = { items: [{ played_at: '2026-01-02T10:00:00Z', track: { name: 'So What', uri: 'music:track:4vLYewWIvqHfKtJDk8c8tq', album: { name: 'Kind of Blue' }, artists: [{ name: 'Miles Davis' }] } }] };
    expect(at(classifyJson(played), '$.items[0].track.uri').categories).toContain('behaviour');
  });

  it("leaves a bare API URI alone", () => {
    expect(at(classifyJson({ uri: '/api/v1/status' }), '$.uri').categories).toEqual([]);
  });
});

describe('how far somebody got is theirs, not a negative word (vocabulary.ts)', () => {
  it.each([
    ['a resume point', { libraryItemId: 'li-1', progress: 0.42, currentTime: 611.5 }, '$.progress'],
    ["a player's position in the playing item", { state: 'play', item_id: 12, item_progress_ms: 5100 }, '$.item_progress_ms'],
  ])('reads %s as behaviour', (_name, body, path) => {
    expect(at(classifyJson(body), path).categories).toContain('behaviour');
  });

  it("leaves a firmware update's progress alone", () => {
    expect(at(classifyJson({ ota: { state: 'downloading', progress: 40 } }), '$.ota.progress').categories).toEqual([]);
  });
});

describe("the work's metadata inside a record of somebody consuming it (consumption-records.ts)", () => {
  it("reads the title and author in a session's metadata record as behaviour, not its feed or description", () => {
    const session = { episodeId: 'ep-1', currentTime: 611.5, mediaMetadata: { title: 'Pilot', author: 'Night Vale Presents', description: 'A town.' } };
    const fields = classifyJson(session);
    expect(at(fields, '$.mediaMetadata.author').categories).toContain('behaviour');
    expect(at(fields, '$.mediaMetadata.description').categories).not.toContain('behaviour');
  });

  it("leaves a library's metadata record alone when nobody is consuming the work", () => {
    const item = { id: 'li-1', mediaMetadata: { title: 'Pilot', author: 'Night Vale Presents' } };
    expect(at(classifyJson(item), '$.mediaMetadata.author').categories).not.toContain('behaviour');
  });
});
