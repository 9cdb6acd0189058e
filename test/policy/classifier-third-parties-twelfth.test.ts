import { describe, expect, it } from 'vitest';
import type { ClassifiedField } from '../../src/policy/index.js';
import { decidedBy } from '../../src/policy/classifier/index.js';
import { at, classifyJson } from '../helpers/classify-json.js';

/** Third parties of the twelfth round (issue 7): what a face analysis says of the people in a collection. Payloads made up. */
const by = (field: ClassifiedField) => decidedBy(field.findings ?? []);

describe('recognised-face: a face analysis\'s traits, emotions and the face a search started from', () => {
  const face = {
    SearchedFaceId: '8d3cfc70-0000-4000-8000-000000000001',
    FaceRecords: [{
      FaceDetail: {
        BoundingBox: { Width: 0.18, Height: 0.24, Left: 0.55, Top: 0.16 },
        AgeRange: { Low: 31, High: 42 },
        Beard: { Value: true, Confidence: 97.1 },
        Eyeglasses: { Value: false, Confidence: 99.1 },
        Smile: { Value: true, Confidence: 91.0 },
        Emotions: [{ Type: 'CALM', Confidence: 61.2 }],
        Pose: { Yaw: -9.5, Roll: -0.6, Pitch: 0.6 },
      },
    }],
    OrientationCorrection: 'ROTATE_0',
  };
  const fields = classifyJson(face);

  it.each([
    ['$.FaceRecords[0].FaceDetail.AgeRange.Low', ['personal', 'third_party']],
    ['$.FaceRecords[0].FaceDetail.Beard.Value', ['personal', 'third_party']],
    ['$.FaceRecords[0].FaceDetail.Eyeglasses.Value', ['personal', 'third_party']],
    ['$.FaceRecords[0].FaceDetail.Emotions[0].Type', ['health', 'third_party']],
    ['$.SearchedFaceId', ['personal', 'third_party']],
  ])('reads %s as %j', (path, categories) => {
    expect(at(fields, path).categories).toEqual(categories);
    expect(by(at(fields, path))).toContain('recognised-face');
  });

  it.each([
    // A passing expression, the analysis's confidences, the face's pose in the picture.
    '$.FaceRecords[0].FaceDetail.Smile.Value',
    '$.FaceRecords[0].FaceDetail.Beard.Confidence',
    '$.FaceRecords[0].FaceDetail.Emotions[0].Confidence',
    '$.FaceRecords[0].FaceDetail.Pose.Yaw',
    '$.OrientationCorrection',
  ])('leaves %s alone', (path) => {
    expect(at(fields, path).categories).toEqual([]);
  });

  it('needs a face box: a beard flag elsewhere is a setting, an emotion type a word', () => {
    const plain = classifyJson({ theme: { Beard: { Value: true } }, Emotions: [{ Type: 'CALM' }], FaceId: 'f-1' });
    expect(at(plain, '$.theme.Beard.Value').categories).toEqual([]);
    expect(at(plain, '$.Emotions[0].Type').categories).not.toContain('third_party');
    expect(at(plain, '$.FaceId').categories).not.toContain('third_party');
  });
});

describe('foreign-thing: a person\'s record that says it is not of the owner\'s household', () => {
  const user = (isHomeUser: number) => classifyJson({ response: { data: { user_id: 65059356, username: 'kodi_fan', email: 'jack@example.com', is_home_user: isHomeUser, is_admin: 0 } } });

  it('reads a shared-with friend (is_home_user: 0) as somebody else', () => {
    const fields = user(0);
    expect(at(fields, '$.response.data.email').categories).toEqual(['personal', 'third_party']);
    expect(at(fields, '$.response.data.user_id').categories).toEqual(['personal', 'third_party']);
    expect(by(at(fields, '$.response.data.email'))).toContain('foreign-thing');
    expect(at(fields, '$.response.data.is_admin').categories).toEqual([]);
  });

  it('keeps a member of the household (is_home_user: 1) the owner\'s', () => {
    expect(at(user(1), '$.response.data.email').categories).toEqual(['personal']);
  });
});

describe('heard-transmitter: a transmitter the home\'s receivers heard', () => {
  const decoding = classifyJson({
    transmitterId: 'fee150bada55',
    transmitterIdType: 2,
    rssiSignature: [{ receiverId: 'ac233fffffff', receiverIdType: 2, rssi: -77, numberOfDecodings: 1 }],
    packets: ['001a55daba50e1fe0201060303e1ff1216e1ffa1034affe7004500fa55daba50e1fe'],
    timestamp: 1645568542222,
  });

  it.each(['$.transmitterId', '$.transmitterIdType', '$.rssiSignature[0].rssi', '$.rssiSignature[0].numberOfDecodings', '$.packets[0]'])(
    'reads %s as a nearby radio\'s (third_party)', (path) => {
      expect(at(decoding, path).categories).toContain('third_party');
      expect(by(at(decoding, path))).toContain('heard-transmitter');
    });

  it('leaves the receiver and the report\'s time the home\'s', () => {
    expect(at(decoding, '$.rssiSignature[0].receiverId').categories).not.toContain('third_party');
    expect(at(decoding, '$.timestamp').categories).not.toContain('third_party');
  });

  it('needs a receiver\'s signal: a transmitter\'s own settings are the owner\'s device', () => {
    const own = classifyJson({ transmitterId: 'fee150bada55', transmitterPower: 4, rssi: -60 });
    expect(at(own, '$.transmitterId').categories).not.toContain('third_party');
  });
});

describe('followed-entry: an entry the reader follows', () => {
  const follows = classifyJson({ data: [{ broadcaster_id: '123', broadcaster_login: 'streamer_a', broadcaster_name: 'Streamer A', game_name: 'Chess', followed_at: '2023-01-01T00:00:00Z' }] });

  it.each(['$.data[0].broadcaster_id', '$.data[0].broadcaster_login', '$.data[0].broadcaster_name'])('reads %s as personal and third_party', (path) => {
    expect(at(follows, path).categories).toEqual(['personal', 'third_party']);
    expect(by(at(follows, path))).toContain('followed-entry');
  });

  it('leaves what the entry says of other things, and a list without a follow time, alone', () => {
    expect(at(follows, '$.data[0].game_name').categories).not.toContain('third_party');
    const plain = classifyJson({ data: [{ broadcaster_id: '123', broadcaster_name: 'Streamer A', started_at: '2023-01-01T00:00:00Z' }] });
    expect(at(plain, '$.data[0].broadcaster_id').categories).not.toContain('third_party');
  });
});

describe('refused-entry: a list of people or machines the owner ignored, blocked or has yet to approve', () => {
  it.each([
    [{ remoteIgnoredDevices: [{ time: '2020-03-18T11:43:07Z', deviceID: 'P56IOI7-MZJNU2Y', name: 'Friend Joe', address: '192.168.1.2:22000' }] }, '$.remoteIgnoredDevices[0].name'],
    [{ pendingDevices: { 'P56IOI7-MZJNU2Y': { time: '2020-03-18T11:43:07Z', name: 'Friend Joe' } } }, '$.pendingDevices["P56IOI7-MZJNU2Y"].name'],
    [{ blockedUsers: [{ id: 991, display_name: 'spam_bot' }] }, '$.blockedUsers[0].display_name'],
  ])('reads %j at %s as somebody else\'s', (payload, path) => {
    const fields = classifyJson(payload);
    expect(at(fields, path).categories).toContain('third_party');
    expect(by(at(fields, path))).toContain('refused-entry');
  });

  it.each([
    [{ pendingUpdates: [{ name: 'firmware', version: '1.2' }] }, '$.pendingUpdates[0].name'],
    [{ blockedDomains: [{ name: 'ads.example.com', hits: 4 }] }, '$.blockedDomains[0].hits'],
    [{ devices: [{ name: 'Laptop', paused: false }] }, '$.devices[0].name'],
  ])('leaves %j at %s alone', (payload, path) => {
    expect(at(classifyJson(payload), path).categories).not.toContain('third_party');
  });
});
