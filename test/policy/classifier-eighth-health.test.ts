import { describe, expect, it } from 'vitest';
import type { ClassifiedField } from '../../src/policy/index.js';
import { decidedBy, explainFindings } from '../../src/policy/classifier/index.js';
import { classifyJson, at } from '../helpers/classify-json.js';

/**
 * Detectors of the eighth round of issue 7 (health, credentials and media on vendors never seen): a
 * published recording's art and files are the publisher's, PINs and prefixed API keys under a secret's
 * name, the bare topic of a notification, and the containers of an insulin therapy. Payloads are shaped
 * like the public formats they stand for (invented values).
 */
const by = (field: ClassifiedField) => decidedBy(field.findings ?? []);

describe('published-work', () => {
  const queueEntry = { title: 'Tide', path: '/srv/music/Lanterns/Night Ferry/02 Tide.flac', coverArt: 'https://music.example/rest/getCoverArt/al-118.jpg' };

  it('takes media away from the cover art, preview and library path of a credited recording', () => {
    const fields = classifyJson({
      is_playing: true,
      item: {
        name: 'Harbour Lights',
        artists: [{ name: 'The Lanterns' }],
        album: { name: 'Night Ferry', images: [{ url: 'https://i.scdn.example/image/ab67616d0000b273a1b2c3.jpg', height: 640 }] },
        preview_url: 'https://p.scdn.example/mp3-preview/4f1c2d.mp3',
      },
      queue: [{ ...queueEntry, artist: 'The Lanterns', album: 'Night Ferry', genre: 'Folk' }],
    });
    for (const path of ['$.item.album.images[0].url', '$.item.preview_url', '$.queue[0].path', '$.queue[0].coverArt']) {
      expect(at(fields, path).categories, path).not.toContain('media');
    }
  });

  it('keeps the media reading of the same locators without two credited parts (the veto is what changed it)', () => {
    const fields = classifyJson({ queue: [{ ...queueEntry, artist: 'The Lanterns' }] });
    for (const path of ['$.queue[0].path', '$.queue[0].coverArt']) expect(at(fields, path).categories, path).toContain('media');
  });

  it('takes media away from the stream and cover of a record named for a radio station or a podcast episode', () => {
    const fields = classifyJson({
      radioStations: [{ id: '3', name: 'Lake FM', streamUrl: 'https://stream.lakefm.example/live.aac', coverArt: 'https://lakefm.example/logo-square.jpg' }],
      episodes: [{ title: 'Ferries at night', enclosureUrl: 'https://cdn.pod.example/ep12.mp3' }],
    });
    for (const path of ['$.radioStations[0].streamUrl', '$.radioStations[0].coverArt', '$.episodes[0].enclosureUrl']) {
      expect(at(fields, path).categories, path).not.toContain('media');
    }
  });

  it('leaves a camera clip and a photo album alone (no two credited parts)', () => {
    const fields = classifyJson({
      event: { camera: 'Front Door', snapshot_url: 'https://nvr.example/api/events/1718/snapshot.jpg', clip_path: 'clips/1718.mp4' },
      album: { albumName: 'Holidays', assets: [{ thumbnail: 'https://photos.example/thumb/9f3e.jpg' }] },
    });
    for (const path of ['$.event.snapshot_url', '$.event.clip_path', '$.album.assets[0].thumbnail']) {
      expect(at(fields, path).categories, path).toContain('media');
    }
  });
});

describe('secret-form', () => {
  it('reads an access code of digits under a bare code key as a PIN', () => {
    const fields = classifyJson({ device_id: 'a5036385-adcb-41b5-88c2-dd8a702a0730', name: 'Cleaner Tuesday', code: '4821' });
    expect(at(fields, '$.code').categories).toContain('credentials');
    expect(by(at(fields, '$.code'))).toContain('secret-form');
    expect(at(fields, '$.code').explanation).not.toContain('4821');
  });

  it('leaves status codes, qualified codes and a product code alone', () => {
    const fields = classifyJson({
      status: { code: '1001', message: 'token expired' },
      charging: { zipcode: '94107', event_code: '5100' },
      food: { brand: 'Oaties', code: '12345', name: 'biscuits' },
    });
    for (const path of ['$.status.code', '$.charging.zipcode', '$.charging.event_code', '$.food.code']) {
      expect(by(at(fields, path)), path).not.toContain('secret-form');
    }
    expect(at(fields, '$.food.code').categories).not.toContain('credentials');
  });

  it('finds a generated key behind a vendor prefix under a key named key', () => {
    const fields = classifyJson({
      result: { id: 'bcc1fdc9-13ee-43b3-a13e-eaba8eaf7996', key: 'qwe9rt.Zk3Pq7Lm2Xv8Nb4Rt6Yc1Hd5Wf0Js9Ga7Ue3Ko+Mi/Q' },
      auth: { key: 'vendorkey-auth-kQ81ZxY-5f0c9a2e7b1d4c3a8e6f0b9d2c7a1e4f', keyType: 'auth' },
    });
    for (const path of ['$.result.key', '$.auth.key']) {
      expect(at(fields, path).categories, path).toContain('credentials');
      expect(by(at(fields, path)), path).toContain('secret-form');
    }
    expect(at(fields, '$.auth.keyType').categories).toEqual([]);
  });

  it('reads 0 or 1 under a password key as a switch, and keeps a password', () => {
    const fields = classifyJson({ credentials: 'auth=8c1f0e', append_password: 0, password: 'correct horse', pin: 4821 });
    expect(at(fields, '$.append_password').categories).toEqual([]);
    expect(at(fields, '$.password').categories).toContain('credentials');
    expect(at(fields, '$.pin').categories).toContain('credentials');
  });

  it('does not read a dotted name or a UUID under key as a secret', () => {
    const fields = classifyJson({ setting: { key: 'display.brightness.level' }, item: { key: '123e4567-e89b-12d3-a456-426614174000' } });
    expect(by(at(fields, '$.setting.key'))).not.toContain('secret-form');
    expect(by(at(fields, '$.item.key'))).not.toContain('secret-form');
  });
});

describe('notification-topic', () => {
  it('reads the bare topic beside a notification message as the secret it is', () => {
    const fields = classifyJson({ topic: 'kowalski_garage_7f3', message: 'Garage door left open', title: 'Garage', priority: 4, tags: ['warning'] });
    expect(at(fields, '$.topic').categories).toContain('credentials');
    expect(by(at(fields, '$.topic'))).toEqual(['notification-topic']);
    expect(at(fields, '$.topic').explanation).not.toContain('kowalski');
  });

  it('leaves MQTT topic paths and event topics without a message alone', () => {
    const fields = classifyJson({
      log: [{ topic: 'home/garage/door/state', message: 'open' }],
      event: { topic: 'motionChanges', updated: '2025-03-01T10:00:00Z' },
    });
    expect(at(fields, '$.log[0].topic').categories).not.toContain('credentials');
    expect(at(fields, '$.event.topic').categories).not.toContain('credentials');
  });
});

describe('insulin therapy containers', () => {
  it('reads the numbers of basal schedules, carb ratios, sensitivities and a dose as health', () => {
    const fields = classifyJson({
      type: 'pumpSettings',
      basalSchedules: { Standard: [{ start: 0, rate: 0.85 }, { start: 21600000, rate: 1.1 }] },
      carbRatios: { Standard: [{ start: 0, amount: 10 }] },
      insulinSensitivities: { Standard: [{ start: 0, amount: 2.8 }] },
      dose: { total: 4.5, food: 3.5, correction: 1 },
    });
    for (const path of ['$.basalSchedules.Standard[0].rate', '$.carbRatios.Standard[0].amount', '$.insulinSensitivities.Standard[0].amount', '$.dose.total', '$.dose.correction']) {
      expect(at(fields, path).categories, path).toContain('health');
    }
    // A schedule of insulin is the body's therapy, not a habit.
    expect(at(fields, '$.basalSchedules.Standard[0].rate').categories).not.toContain('behaviour');
  });
});
