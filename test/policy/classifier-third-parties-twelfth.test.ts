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
