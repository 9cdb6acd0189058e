import { describe, expect, it } from 'vitest';
import type { ClassifiedField } from '../../src/policy/index.js';
import { decidedBy } from '../../src/policy/classifier/index.js';
import { classifyJson, at } from '../helpers/classify-json.js';

/**
 * Detectors of the seventh round of issue 7 (health, credentials, media on vendors never seen): units
 * written as values, amounts of sleep named by the day, pictures listed by size, the secrets of radio and
 * pairing standards, public keys, speech in timed lists and chat turns. Payloads are shaped like the
 * public formats they come from (FHIR Observation, diabetes uploads, Thread border routers, Matter
 * fabrics, speech-to-text results, voice-agent events).
 */
const by = (field: ClassifiedField) => decidedBy(field.findings ?? []);

describe('units written as values', () => {
  it('reads a FHIR Quantity and a glucose reading by the unit beside them', () => {
    const fields = classifyJson({
      resourceType: 'Observation',
      code: { text: 'Observation' },
      valueQuantity: { value: 72, unit: 'beats/minute', system: 'http://unitsofmeasure.org', code: '/min' },
      reading: { type: 'cbg', units: 'mg/dL', value: 142, trendRate: -1.6, trendRateUnits: 'mg/dL/minute', sampleInterval: 300000 },
    });
    expect(at(fields, '$.valueQuantity.value').categories).toEqual(['health']);
    expect(by(at(fields, '$.valueQuantity.value'))).toContain('unit-value');
    expect(at(fields, '$.reading.value').categories).toEqual(['health']);
    expect(at(fields, '$.reading.trendRate').categories).toEqual(['health']);
    for (const path of ['$.reading.sampleInterval', '$.reading.units', '$.reading.trendRateUnits', '$.valueQuantity.unit']) {
      expect(at(fields, path).categories, path).toEqual([]);
    }
    // The explanation names what the unit measures, never the field's text.
    expect(at(fields, '$.reading.value').explanation).toContain('blood glucose');
    expect(at(fields, '$.reading.value').explanation).not.toContain('mg/dL');
  });

  it('leaves numbers in units a parcel, a room or a battery share alone', () => {
    const fields = classifyJson({ parcel: { value: 2.4, unit: 'kg' }, room: { value: 21.5, unit: '°C' }, battery: { value: 80, unit: '%' } });
    for (const path of ['$.parcel.value', '$.room.value', '$.battery.value']) expect(at(fields, path).categories, path).not.toContain('health');
  });

  it('reads a record of units as units, not as the measurements its keys name', () => {
    const fields = classifyJson({ units: { bg: 'mg/dL', carbs: 'grams' }, bg: 104 });
    expect(at(fields, '$.units.bg').categories).toEqual([]);
    expect(at(fields, '$.units.carbs').categories).toEqual([]);
    expect(by(at(fields, '$.units.bg'))).toEqual([]);
    expect(at(fields, '$.bg').categories).toEqual(['health']);
  });
});

describe('amounts of sleep named by the day', () => {
  it('reads day, night and longest sleep, their averages, daily lists and counts of naps and wakings', () => {
    const fields = classifyJson({
      daySleep: 24536, nightSleep: 30211, longestSleep: 11851, naps: 3, nightWakings: 2, nightSleepAVG: 27318,
      days: { daySleep: [0, 21370, 19804] },
    });
    for (const path of ['$.daySleep', '$.nightSleep', '$.longestSleep', '$.naps', '$.nightWakings', '$.nightSleepAVG', '$.days.daySleep[0]', '$.days.daySleep[1]']) {
      expect(at(fields, path).categories, path).toEqual(['health']);
    }
    expect(by(at(fields, '$.daySleep'))).toEqual(['sleep-quantity']);
    expect(at(fields, '$.naps').explanation).toContain('amount of sleep');
  });

  it('leaves a device sleeping alone (a bare sleep timer, automatic sleep)', () => {
    const fields = classifyJson({ Sleep: 50, SleepMode: 'Dynamic', autoSleep: 30, display: { sleep: 120 } });
    for (const path of ['$.Sleep', '$.SleepMode', '$.autoSleep', '$.display.sleep']) expect(at(fields, path).categories, path).not.toContain('health');
  });
});

describe('sizes of listed pictures', () => {
  it('reads the height of pictures in a list and of a display as a picture size, not a body', () => {
    const fields = classifyJson({
      album: { images: [{ height: 640, width: 640, url: 'https://i.scdn.co/image/ab67616d0000b2733a1b' }, { height: 300, width: 300, url: 'https://i.scdn.co/image/ab67616d00001e02' }] },
      display: { height: 8, width: 37 },
      profile: { height: 182 },
    });
    expect(at(fields, '$.album.images[0].height').categories).toEqual([]);
    expect(at(fields, '$.display.height').categories).toEqual([]);
    expect(at(fields, '$.profile.height').categories).toEqual(['health']);
  });
});

describe('secrets of the home radio and pairing standards', () => {
  it('reads a Thread border router\'s PSKc, a joiner\'s PSKd and the operational dataset as secrets', () => {
    const fields = classifyJson({
      Network: { PSKc: 'c23a76e98f1a6483639b1ac1271e2e27', PanId: '0x1234', ActiveDataset: '0e080000000000010000000300000f35060004001fffe0020811111111222222220708fdad70bfe5aa15dd051000112233445566778899aabbccddeeff030e4f70656e54687265616444656d6f' },
      joinerList: [{ pskd: 'J01NME', eui64: '*' }],
    });
    expect(at(fields, '$.Network.PSKc').categories).toContain('credentials');
    expect(at(fields, '$.Network.ActiveDataset').categories).toContain('credentials');
    expect(at(fields, '$.joinerList[0].pskd').categories).toContain('credentials');
  });
});

describe('public keys and certificates', () => {
  it('are no secret, by key or by value, while a private key stays one', () => {
    const fields = classifyJson({
      fabrics: [{ fabricIndex: 1, rootPublicKey: { _type: 'bytes', value: 'BBGg+O3i3tDVYryXkUmEXk1fnSMHN06+poGIfZODdvbZW4JvxHnrQVAxvZWIE6poLa0sKA8X8A7jmJsVFMUqLFM=' } }],
      trustedRootCertificates: [{ _type: 'bytes', value: 'FTABAQAkAgE3AyQUABgmBIAigScmBYAlTTo3BiQUABgkBwEkCAEwCUEEEaD47eLe0NVivJeRSYReTV+dIwc3' }],
      tailnetLockKey: 'tlpub:7890abcdef1234567890abcdef1234567890abcdef1234567890abcdef1234',
      privateKey: 'c2VjcmV0LWtleS1tYXRlcmlhbC0wMTIzNDU2Nzg5YWJjZGVm',
    });
    expect(at(fields, '$.fabrics[0].rootPublicKey.value').categories).not.toContain('credentials');
    expect(at(fields, '$.trustedRootCertificates[0].value').categories).not.toContain('credentials');
    expect(at(fields, '$.tailnetLockKey').categories).not.toContain('credentials');
    expect(by(at(fields, '$.tailnetLockKey'))).toEqual([]);
    expect(at(fields, '$.privateKey').categories).toContain('credentials');
  });
});

describe('speech in timed lists and chat turns', () => {
  it('reads each text of a recognised word and the sentences of a transcript', () => {
    const words = ['yep', 'i', 'said'].map((word, i) => ({ word, start: i, end: i + 0.5, confidence: 0.9, punctuated_word: word === 'yep' ? 'Yep.' : word, speaker: 'spk_0' }));
    const fields = classifyJson({
      words,
      paragraphs: [{ sentences: [{ text: 'Yep.', start: 5.52, end: 6.24 }, { text: 'I said it before.', start: 6.96, end: 8.96 }] }],
      segments: [{ text: 'A1', start: 0, end: 4 }, { text: 'B2', start: 4, end: 9 }],
    });
    expect(at(fields, '$.words[0].punctuated_word').categories).toEqual(['media']);
    expect(at(fields, '$.words[0].speaker').categories).toEqual([]);
    expect(at(fields, '$.paragraphs[0].sentences[0].text').categories).toEqual(['media', 'behaviour']);
    expect(at(fields, '$.paragraphs[0].sentences[0].text').explanation).toContain('timed pieces of speech');
    // A list not named for speech needs the confidence of word-by-word recognition.
    expect(at(fields, '$.segments[0].text').categories).toEqual([]);
  });

  it('reads what the person said in a chat turn, not what the assistant said', () => {
    const fields = classifyJson({
      turns: [
        { type: 'History', role: 'user', content: 'Turn off the porch light at ten, please.' },
        { type: 'History', role: 'assistant', content: 'Okay, the porch light goes off at ten.' },
      ],
      event: { role: 'user', content: 'ok' },
    });
    expect(at(fields, '$.turns[0].content').categories).toEqual(['media', 'behaviour']);
    expect(by(at(fields, '$.turns[0].content'))).toContain('conversation-turn');
    expect(at(fields, '$.turns[1].content').categories).toEqual([]);
    expect(at(fields, '$.turns[0].content').explanation).not.toContain('porch');
    // One word with no space or punctuation is a reply code, not speech.
    expect(at(fields, '$.event.content').categories).toEqual([]);
  });

  it.each([
    ['an assistant\'s fulfilment text', { queryResult: { queryText: 'turn on the lights', fulfillmentText: 'Sorry, could you say that again?' } }, '$.queryResult.fulfillmentText'],
    ['a fulfilment\'s speech', { result: { fulfillment: { speech: 'webhook failure' } } }, '$.result.fulfillment.speech'],
    ['text a speaker is made to say', { tts: { text: 'The washing machine has finished' } }, '$.tts.text'],
  ])('does not read %s as what somebody said', (_what, body, path) => {
    expect(at(classifyJson(body), path).categories).not.toContain('behaviour');
  });

  it('still reads what the person said beside the assistant\'s reply', () => {
    const fields = classifyJson({ queryResult: { queryText: 'turn on the lights', fulfillmentText: 'Sorry, could you say that again?' } });
    expect(at(fields, '$.queryResult.queryText').categories).toContain('behaviour');
  });
});
