import { describe, expect, it } from 'vitest';
import { decidedBy } from '../../src/policy/classifier/index.js';
import { classifyPayload } from '../../src/policy/classifier/index.js';
import { parseQuery } from '../../src/payload/index.js';
import { at, classifyJson } from '../helpers/classify-json.js';

/**
 * Detectors of the seventh round for behaviour and location, each read from the shape of a record
 * (recording-trees.ts, …), with real-looking payloads of vendors the corpus does not hold.
 */
describe('recording-tree', () => {
  const nowPlaying = {
    device: { id: '7f3c1e0a9b', name: 'Living room', volume_percent: 40, is_active: true },
    timestamp: 1733512200000,
    currently_playing_type: 'track',
    is_playing: true,
    context: { type: 'playlist', href: 'https://api.example-music.net/v1/playlists/37i9dQZF1DX', uri: 'music:playlist:37i9dQZF1DX' },
    item: {
      album: {
        album_type: 'album',
        id: '4aawyAB9vmqN3uQ7FjRGTy',
        name: 'Kind of Blue',
        images: [{ url: 'https://img.example-music.net/ab67616d0000b273', height: 640, width: 640 }],
        release_date: '1959-08-17',
        artists: [{ id: '0kbYTNQb4Pb1rPbbaF0pT4', name: 'Miles Davis', external_urls: { web: 'https://open.example-music.net/artist/0kbYTNQb4Pb1rPbbaF0pT4' } }],
      },
      artists: [{ id: '0kbYTNQb4Pb1rPbbaF0pT4', name: 'Miles Davis' }],
      name: 'So What',
      id: '7q3kkfAVpmcZ8g6JUThi3o',
      duration_ms: 562640,
      track_number: 1,
      popularity: 71,
      external_ids: { isrc: 'USSM15900113' },
    },
  };

  it('takes the names, ids and locators inside a recording whose album and artists are records as behaviour', () => {
    const fields = classifyJson(nowPlaying);
    for (const path of ['$.item.name', '$.item.id', '$.item.album.name', '$.item.album.id', '$.item.artists[0].name', '$.item.album.artists[0].external_urls.web', '$.item.external_ids.isrc']) {
      expect(at(fields, path).categories, path).toContain('behaviour');
    }
    expect(decidedBy(at(fields, '$.item.name').findings ?? [])).toContain('recording-tree');
    expect(at(fields, '$.item.name').explanation).toContain('album and artist');
    expect(at(fields, '$.item.name').explanation).not.toContain('So What');
    for (const path of ['$.item.duration_ms', '$.item.track_number', '$.item.popularity', '$.item.album.release_date', '$.item.album.images[0].height', '$.item.album.album_type']) {
      expect(at(fields, path).categories, path).not.toContain('behaviour');
    }
  });

  it('takes whether it plays and where it was played from as behaviour, not the player beside it', () => {
    const fields = classifyJson(nowPlaying);
    expect(at(fields, '$.is_playing').categories).toContain('behaviour');
    expect(at(fields, '$.context.href').categories).toContain('behaviour');
    expect(at(fields, '$.currently_playing_type').categories).toEqual([]);
    expect(at(fields, '$.device.volume_percent').categories).toEqual([]);
    expect(at(fields, '$.device.is_active').categories).not.toContain('behaviour');
  });

  it('reads a history of tracks and a podcast episode under its show', () => {
    const history = classifyJson({ items: [{ played_at: '2024-11-30T07:41:12.412Z', track: { name: 'Teardrop', id: '67Hna13dNDkZvBpTXRIaOJ', album: { name: 'Mezzanine', id: '49MNmJhZQewjt06rpwp6QR' } } }] });
    expect(at(history, '$.items[0].track.name').categories).toContain('behaviour');
    expect(at(history, '$.items[0].track.album.id').categories).toContain('behaviour');
    expect(at(history, '$.items[0].played_at').categories).toContain('behaviour');
    const episode = classifyJson({ episode: { name: 'The long night', id: 'ep-5521', show: { name: 'Sleep stories', publisher: 'Calm Radio' }, duration_ms: 1800000 } });
    expect(at(episode, '$.episode.name').categories).toContain('behaviour');
    expect(at(episode, '$.episode.show.name').categories).toContain('behaviour');
    expect(at(episode, '$.episode.duration_ms').categories).toEqual([]);
  });

  it('leaves a photo album, or one part alone, to other detectors', () => {
    const photos = classifyJson({ album: { name: 'Holidays 2024', id: 'alb-1182', count: 41 }, owner: { name: 'Garden camera' } });
    expect(at(photos, '$.album.name').categories).not.toContain('behaviour');
    const catalogue = classifyJson({ artist: { name: 'Nina Simone', id: 'ar-77' }, genres: ['jazz'] });
    expect(at(catalogue, '$.artist.name').categories).not.toContain('behaviour');
  });
});

describe('opening-value, a reading record named for its opening', () => {
  it('takes the value of a door, lid or lock record as behaviour, not its timestamp or a number', () => {
    const fields = classifyJson({
      frontLeftDoor: { value: 'CLOSED', timestamp: '2025-02-11T07:14:02.118Z' },
      tailgate: { value: 'OPEN', timestamp: '2025-02-11T07:14:02.118Z' },
      chargeLid: { value: 'UNSPECIFIED', timestamp: '2025-02-11T07:14:02.118Z' },
      centralLock: { value: 'UNLOCKED', timestamp: '2025-02-11T07:14:02.118Z' },
      rearRightWindow: { value: 42, unit: 'percent' },
      fuelAmount: { value: 'FULL', timestamp: '2025-02-11T07:14:02.118Z' },
      lockSettings: { value: 'LOCKED' },
    });
    for (const path of ['$.frontLeftDoor.value', '$.tailgate.value', '$.chargeLid.value', '$.centralLock.value']) {
      expect(at(fields, path).categories, path).toEqual(['behaviour']);
    }
    expect(decidedBy(at(fields, '$.centralLock.value').findings ?? [])).toEqual(['opening-value']);
    expect(at(fields, '$.rearRightWindow.value').categories).toEqual([]);
    expect(at(fields, '$.fuelAmount.value').categories).toEqual([]);
    expect(at(fields, '$.lockSettings.value').categories).toEqual([]);
  });
});

describe('history-total', () => {
  const rides = (extra: Record<string, unknown>) => ({
    trips: [
      { id: 'c0ffee01', stats: { energyKwh: 11.2, minutes: 74, peakKw: 7.1 }, cost: { amount: 3.92, taxes: 0.61 } },
      { id: 'c0ffee02', stats: { energyKwh: 6.4, minutes: 41, peakKw: 6.9 }, cost: { amount: 2.24, taxes: 0.35 } },
    ],
    ...extra,
  });

  it('takes a record beside a history shaped like its entries\' parts as the history\'s totals (behaviour)', () => {
    const fields = classifyJson(rides({ month: { year: 2025, stats: { energyKwh: 17.6, minutes: 115, peakKw: 7.1 } } }));
    for (const path of ['$.month.stats.energyKwh', '$.month.stats.minutes', '$.month.stats.peakKw']) {
      expect(at(fields, path).categories, path).toContain('behaviour');
    }
    expect(decidedBy(at(fields, '$.month.stats.minutes').findings ?? [])).toContain('history-total');
    expect(at(fields, '$.month.stats.minutes').explanation).toContain('3 of its 3 numbers');
    expect(at(fields, '$.month.year').categories).toEqual([]);
  });

  it('leaves a record that shares one name, or fewer than half of its numbers, alone', () => {
    const one = classifyJson(rides({ limits: { stats: { minutes: 240, maxKw: 11, minKw: 1.4 } } }));
    expect(at(one, '$.limits.stats.minutes').categories).not.toContain('behaviour');
    const few = classifyJson(rides({ charger: { stats: { energyKwh: 1520.3, minutes: 9911, fanRpm: 1200, boardTemp: 41, cycles: 83 } } }));
    expect(at(few, '$.charger.stats.fanRpm').categories).toEqual([]);
    const none = classifyJson({ summary: { stats: { energyKwh: 17.6, minutes: 115 } } });
    expect(at(none, '$.summary.stats.minutes').categories).not.toContain('behaviour');
  });
});

describe('reading-time', () => {
  it('takes the time in a reading\'s record of a value as its report time, not an act', () => {
    const fields = classifyJson({
      rearLeftDoor: { value: 'OPEN', timestamp: '2025-03-02T18:40:11.031Z' },
      chargingCableLock: { value: 'LOCKED', unit: 'state', timestamp: '2025-03-02T18:40:11.031Z' },
      nextPickup: { value: 'Thursday', timestamp: '2025-03-06T07:00:00Z' },
      unlock: { value: 'app', by: 'Ana', timestamp: '2025-03-02T18:39:58.000Z' },
    });
    expect(at(fields, '$.rearLeftDoor.timestamp').categories).toEqual([]);
    expect(at(fields, '$.rearLeftDoor.value').categories).toEqual(['behaviour']);
    expect(at(fields, '$.chargingCableLock.timestamp').categories).not.toContain('behaviour');
    expect(at(fields, '$.rearLeftDoor.timestamp').findings ?? []).toEqual([]);
  });

  it('leaves a record named for a moment, or an event with more than a value, to other detectors', () => {
    const moment = classifyJson({ watering: { reportedStartTime: { value: 'Mon 06:00', timestamp: 1741240800 } } });
    const veto = (path: string) => (moment.find((f) => f.field.path === path)?.findings ?? []).some((f) => f.detector === 'reading-time');
    expect(veto('$.watering.reportedStartTime.timestamp')).toBe(false);
    const unlock = classifyJson({ lastUnlock: { value: 'keypad', user: 'Ana', timestamp: '2025-03-02T18:39:58.000Z' } });
    expect(at(unlock, '$.lastUnlock.timestamp').categories).toContain('behaviour');
  });
});

describe('api-verb, protocol calls', () => {
  it('vetoes a form action adding a record and a WebSocket event naming the call, not a command or an alarm', () => {
    const query = (q: string) => classifyPayload({ format: 'form', fields: parseQuery(q), opaqueReason: undefined });
    expect(query('action=addpos&lat=52.2297&lon=21.0122&time=1717959606').find((f) => f.field.key === 'action')?.categories).toEqual([]);
    expect(at(classifyJson({ event: 'auth', data: { user: 'admin', password: 'hunter2' } }), '$.event').categories).toEqual([]);
    expect(at(classifyJson({ event: 'push', data: { token: 'c7Yk2…' } }), '$.event').categories).toEqual([]);
    expect(query('action=unlock&lock=front').find((f) => f.field.key === 'action')?.categories).toEqual(['behaviour']);
    expect(at(classifyJson({ event: 'motion', camera: 'yard' }), '$.event').categories).toEqual(['behaviour']);
  });
});

describe('cell-tower', () => {
  it('takes the area code and cell id of a serving cell as location, not its country and network codes', () => {
    const watch = classifyJson({ payload: { commandWord: 'AP01', lbsBaseData: { mcc: '262', mnc: '2', lac: '21647', cid: '26493953' }, batteryLevel: '071' } });
    expect(at(watch, '$.payload.lbsBaseData.lac').categories).toEqual(['location']);
    expect(at(watch, '$.payload.lbsBaseData.cid').categories).toEqual(['location']);
    expect(at(watch, '$.payload.lbsBaseData.lac').explanation).toContain('area code of a mobile cell');
    expect(at(watch, '$.payload.lbsBaseData.mcc').categories).toEqual([]);
    const request = classifyJson({ considerIp: false, cellTowers: [{ cellId: 170402199, locationAreaCode: 35632, mobileCountryCode: 310, mobileNetworkCode: 410, age: 0 }] });
    expect(at(request, '$.cellTowers[0].cellId').categories).toEqual(['location']);
  });

  it('leaves a cid without a cell area alone (a client or content id)', () => {
    const push = classifyJson({ message: { cid: '26493953', title: 'Backup done' } });
    expect(at(push, '$.message.cid').categories).not.toContain('location');
  });
});

describe('position fixes: fixed-point coordinates, uncertainty, not air readings', () => {
  it('reads E6/E7 whole-number coordinates under latitude and longitude keys, not small placeholders', () => {
    const plug = classifyJson({ position: { longitude: 21012229, latitude: 52229676 } });
    expect(at(plug, '$.position.latitude').categories).toEqual(['location']);
    expect(at(plug, '$.position.longitude').categories).toEqual(['location']);
    const placeholder = classifyJson({ position: { latitude: 999, longitude: 999 } });
    expect(at(placeholder, '$.position.latitude').categories).toEqual([]);
  });

  it('takes a fix\'s precision or uncertainty as location, and leaves a particle sensor\'s alternative reading alone', () => {
    const fix = classifyJson({ list: [{ lat: 53.445181, lng: -2.276432, precision: 40, pos_uncertainty: 25 }] });
    expect(at(fix, '$.list[0].precision').categories).toEqual(['location']);
    expect(at(fix, '$.list[0].pos_uncertainty').categories).toEqual(['location']);
    const sensor = classifyJson({ sensor: { latitude: 45.5231, longitude: -122.6765, altitude: 190, 'pm2.5_alt': 3.1, pm10_alt: 5.2 } });
    expect(at(sensor, '$.sensor.altitude').categories).toEqual(['location']);
    expect(at(sensor, '$.sensor["pm2.5_alt"]').categories).toEqual([]);
  });
});

describe('activity-span, an access plan of dates and daily hours', () => {
  it('takes validity dates with daily hours as a schedule somebody set, not a summary period', () => {
    const pin = classifyJson({ alias: 'Cleaner', startDate: '2025-03-01T00:00:00.000Z', endDate: '2025-06-30T00:00:00.000Z', dayStartTime: '2025-03-01T09:00:00.000Z', dayEndTime: '2025-03-01T13:00:00.000Z' });
    for (const path of ['$.startDate', '$.endDate', '$.dayStartTime', '$.dayEndTime']) expect(at(pin, path).categories, path).toContain('behaviour');
    const summary = classifyJson({ startTimestampGMT: '2025-03-01T00:00:00.0', endTimestampGMT: '2025-03-02T00:00:00.0', startTimestampLocal: '2025-03-01T00:00:00.0', endTimestampLocal: '2025-03-02T00:00:00.0', restingHeartRate: 52 });
    expect(at(summary, '$.startTimestampGMT').categories).not.toContain('behaviour');
  });
});
