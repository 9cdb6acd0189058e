import { describe, expect, it } from 'vitest';
import { parsePayload, parseQuery } from '../../src/payload/index.js';
import type { ClassifiedField } from '../../src/policy/index.js';
import { classifyPayload, decidedBy } from '../../src/policy/classifier/index.js';
import { classifyJson, at } from '../helpers/classify-json.js';

/**
 * Detectors of the sixth round of issue 7 (health, credentials, media on vendors never seen): words from
 * public health standards, the parts of a measurement's record, amounts of sleep, typed therapy records,
 * texts that report measurements; numbers under `<thing> key`, security methods, session tokens; what a
 * URL's parts hold and keys that locate media. Payloads are shaped like the public formats they come from.
 */
const by = (field: ClassifiedField) => decidedBy(field.findings ?? []);

describe('health vocabulary of public standards', () => {
  it('reads HealthKit, Health Connect, Open mHealth, IEEE 11073 and Nightscout names as body measurements', () => {
    const fields = classifyJson({
      HKQuantityTypeIdentifierBodyMassIndex: 23.1,
      restingHeartRate: 52,
      systolic_blood_pressure: { value: 121, unit: 'mmHg' },
      MDC_PULS_OXIM_SAT_O2: 97,
      openaps: { iob: { iob: 0.569, basaliob: 0.075, netbasalinsulin: 0.35 }, suggested: { eventualBG: 82, COB: 16 } },
    });
    for (const path of ['$.HKQuantityTypeIdentifierBodyMassIndex', '$.restingHeartRate', '$.systolic_blood_pressure.value', '$.MDC_PULS_OXIM_SAT_O2',
      '$.openaps.iob.iob', '$.openaps.iob.basaliob', '$.openaps.iob.netbasalinsulin', '$.openaps.suggested.eventualBG', '$.openaps.suggested.COB']) {
      expect(at(fields, path).categories, path).toEqual(['health']);
    }
    expect(at(fields, '$.systolic_blood_pressure.unit').categories).toEqual([]);
  });

  it('does not read an everyday word that a code spells with digits (a1c reads "ac")', () => {
    const fields = classifyJson({ sessions: [{ currentType: 'AC', chargedInKWh: 11.2, durationInMinutes: 40 }] });
    expect(at(fields, '$.sessions[0].chargedInKWh').categories).not.toContain('health');
  });
});

describe('the parts of a measurement record', () => {
  it('grades, colour, trend and value beside a glucose reading are the reading', () => {
    const fields = classifyJson({ graphData: [{ Timestamp: '5/21/2022 3:39:50 AM', type: 0, ValueInMgPerDl: 117, MeasurementColor: 1, GlucoseUnits: 1, Value: 117, isHigh: false, isLow: false }] });
    // (the parser templates `ValueInMgPerDl` as a key that is a value: found by its key, not its path)
    expect(fields.find((f) => f.field.key === 'ValueInMgPerDl')?.categories).toEqual(['health']);
    for (const key of ['MeasurementColor', 'Value', 'isHigh', 'isLow']) expect(at(fields, `$.graphData[0].${key}`).categories, key).toEqual(['health']);
    expect(by(at(fields, '$.graphData[0].isHigh'))).toEqual(['measurement-flag']);
    for (const key of ['Timestamp', 'type', 'GlucoseUnits']) expect(at(fields, `$.graphData[0].${key}`).categories, key).toEqual([]);
  });

  it('leaves the same flags alone without a body measurement beside them', () => {
    const fields = classifyJson({ tank: { levelPct: 40, isHigh: false, isLow: true, color: 3, value: 40 } });
    for (const key of ['isHigh', 'isLow', 'color', 'value']) expect(at(fields, `$.tank.${key}`).categories, key).toEqual([]);
  });

  it('reads a glucose monitor trend name and the value of its record', () => {
    const fields = classifyJson([{ WT: 'Date(1745081013817)', Value: 224, Trend: 'FortyFiveUp' }, { WT: 'Date(1745081013818)', Value: 3, Trend: 'north' }]);
    expect(at(fields, '$[0].Trend').categories).toEqual(['health']);
    expect(at(fields, '$[0].Value').categories).toEqual(['health']);
    expect(at(fields, '$[0].Trend').explanation).toContain('glucose monitor');
    // The trend is the reading itself; explanations reach the ledger, so they never name it.
    expect(at(fields, '$[0].Trend').explanation?.toLowerCase()).not.toContain('fortyfive');
    expect(at(fields, '$[0].Value').explanation?.toLowerCase()).not.toContain('fortyfive');
    expect(at(fields, '$[1].Trend').categories).toEqual([]);
    expect(at(fields, '$[1].Value').categories).toEqual([]);
  });

  it('lets a flag be health only when the flag itself says so, not the container around it', () => {
    const fields = classifyJson({ pump: { status: { bolusing: true } }, HEART_RATE: { read_only: true, value: 61 } });
    expect(at(fields, '$.pump.status.bolusing').categories).toEqual(['health']);
    expect(at(fields, '$.HEART_RATE.read_only').categories).toEqual([]);
  });
});

describe('counts of what the body did', () => {
  it('reads a count in a record of body measurements as health, not a bare count', () => {
    const fields = classifyJson({ stage_summary: { total_light_sleep_time_milli: 7200000, total_rem_sleep_time_milli: 5400000, total_awake_time_milli: 1500000, sleep_cycle_count: 4, count: 25 } });
    expect(at(fields, '$.stage_summary.sleep_cycle_count').categories).toEqual(['health']);
    expect(by(at(fields, '$.stage_summary.sleep_cycle_count'))).toEqual(['body-count']);
    expect(at(fields, '$.stage_summary.count').categories).toEqual([]);
    const machine = classifyJson({ filter: { cycle_count: 4, runtime: 30 } });
    expect(at(machine, '$.filter.cycle_count').categories).not.toContain('health');
  });
});

describe('amounts of sleep', () => {
  it('takes an amount of a sleep state as a sleep duration, a flag as the state', () => {
    const fields = classifyJson({ data: [{ asleep: 6.1, inBed: 6.8, sleepStart: '2021-12-18 02:21:06 +0800' }], bed: { inBed: true, in_bed: 1, times_exited_bed: 2 } });
    expect(at(fields, '$.data[0].asleep').categories).toEqual(['health']);
    expect(at(fields, '$.data[0].inBed').categories).toEqual(['health']);
    expect(by(at(fields, '$.data[0].inBed'))).toEqual(['sleep-quantity']);
    expect(at(fields, '$.bed.inBed').categories).toEqual(['behaviour']);
    expect(at(fields, '$.bed.in_bed').categories).toEqual(['behaviour']);
    expect(at(fields, '$.bed.times_exited_bed').categories).not.toContain('health');
  });
});

describe('typed therapy records and texts that report measurements', () => {
  it('reads the plain numbers of a record typed as a therapy', () => {
    const fields = classifyJson([{ eventType: 'Temp Basal', rate: 1.425, duration: '30', absolute: '1.425', _head: '3339', created_at: '2016-10-23T11:45:22-07:00' }]);
    for (const key of ['rate', 'duration', 'absolute']) expect(at(fields, `$[0].${key}`).categories, key).toEqual(['health']);
    expect(by(at(fields, '$[0].rate'))).toContain('health-typed-record');
    expect(at(fields, '$[0]._head').categories).toEqual([]);
    expect(at(fields, '$[0].created_at').categories).toEqual([]);
    const other = classifyJson([{ eventType: 'Site Visit', rate: 3, duration: '30' }]);
    expect(at(other, '$[0].rate').categories).not.toContain('health');
  });

  it('reads a text spelling out the measurements beside it, never quoting it', () => {
    const reason = 'COB: 16, Dev: 27, BGI: -1.71, ISF: 83, Target: 80; Eventual BG 82 >= 80';
    const fields = classifyJson({ suggested: { bg: 102, COB: 16, IOB: 0.569, reason, tick: '+4', note: 'all good today' } });
    expect(at(fields, '$.suggested.reason').categories).toEqual(['health']);
    expect(at(fields, '$.suggested.reason').explanation).not.toContain('83');
    expect(at(fields, '$.suggested.tick').categories).toEqual(['health']);
    expect(at(fields, '$.suggested.note').categories).toEqual([]);
  });
});

describe('credentials: numbers, security methods and session tokens', () => {
  it('reads a whole number under <thing> key as that thing\'s record key, not a secret', () => {
    const fields = classifyJson({ response: { HEART_RATE: { device_key: 25343495 } }, account: { accountKey: 1234567 }, lock: { device_key: '0123456789abcdef0123456789abcdef' } });
    expect(at(fields, '$.response.HEART_RATE.device_key').categories).toEqual(['device']);
    expect(at(fields, '$.account.accountKey').categories).toEqual(['personal']);
    expect(at(fields, '$.lock.device_key').categories).toContain('credentials');
  });

  it('reads an 802.11 security method under auth as no secret, keeping a neighbour\'s network third_party', () => {
    const fields = classifyJson({ aplist: [{ ssid: 'Kowalski', bssid: 'a0:b1:c2:d3:e4:f5', rssi: -60, auth: 'WPA2PSK' }, { ssid: 'Nowak', bssid: 'a0:b1:c2:d3:e4:f6', rssi: -70, auth: 'WPAPSKWPA2PSK' }], wifi: { auth: 'hunter2-secret' } });
    expect(at(fields, '$.aplist[0].auth').categories).not.toContain('credentials');
    expect(at(fields, '$.aplist[1].auth').categories).toContain('third_party');
    expect(at(fields, '$.wifi.auth').categories).toContain('credentials');
  });

  it('reads a session token beside who is logged in, or in a query, as credentials; not a dialogue\'s session', () => {
    const login = classifyJson({ userId: 'u-123', sessionId: '0123456789ABCDEF01234567890ABCDE' });
    expect(at(login, '$.sessionId').categories).toEqual(['credentials']);
    const dialogue = classifyJson({ siteId: 'default', sessionId: 'ebd9e6ad-5e2f-4a4d-86a4-1c0a7f42c6b1', intent: { intentName: 'lights' } });
    expect(at(dialogue, '$.sessionId').categories).not.toContain('credentials');
    const query = classifyPayload({ format: 'form', fields: parseQuery('maxCount=1&sessionId=55555555-5555-5555-5555-555555555555'), opaqueReason: undefined });
    expect(query.find((f) => f.field.key === 'sessionId')?.categories).toEqual(['credentials']);
    const counter = classifyJson({ user: 'anna', sid: 12345 });
    expect(at(counter, '$.sid').categories).not.toContain('credentials');
  });
});

describe('media: URL parts and keys that locate media', () => {
  it('reads a password, an IP host, a stream scheme and a secret query parameter inside a URL', () => {
    const fields = classifyJson({
      rtsp_uri: 'rtsp://cam.example/stream.mp4',
      rtspPath: 'rtsp://admin:s3cret@192.168.1.100:554/Sms=1.unicast',
      mjpegHttpPath: 'http://192.168.1.100:5000/webapi/entry.cgi?method=Stream&format=mjpeg&StmKey="stmkey1234567890"',
      docs_url: 'https://example.com/help?lang=en',
    });
    expect(at(fields, '$.rtsp_uri').categories).toEqual(['media']);
    expect(at(fields, '$.rtspPath').categories).toEqual(['network', 'credentials', 'media']);
    expect(at(fields, '$.rtspPath').explanation).not.toContain('s3cret');
    expect(at(fields, '$.mjpegHttpPath').categories).toEqual(['network', 'credentials', 'media']);
    expect(at(fields, '$.docs_url').categories).toEqual([]);
  });

  it('reads a key that says where a picture is, whatever the value looks like', () => {
    const fields = classifyJson({ cameras: [{ snapshot_path: '/webapi/entry.cgi?api=SYNO.SurveillanceStation.Camera&method=GetSnapshot&id=1', imageSrc: '/web/History/ImageViewer.ashx?id=9', image_path_template: '/snap/{id}' }] });
    expect(at(fields, '$.cameras[0].snapshot_path').categories).toEqual(['media']);
    expect(by(at(fields, '$.cameras[0].imageSrc'))).toContain('media-locator');
    expect(at(fields, '$.cameras[0].image_path_template').categories).toEqual([]);
  });
});

describe('more credentials and media by their shape', () => {
  it('reads a secret\'s name glued to a prefix, a pairing payload, and no media in a number', () => {
    const fields = classifyJson({
      data: { did: 'x', sid: 'short', synotoken: 'AbCdEf0123' },
      setup_id: 'X-HM://0023ISYWYABCD',
      matter: 'MT:Y.K9042C00KA0648G00',
      audio: { volume_limit: { max: 100, min: 0 }, clip_url: 'https://cam.example/clips/1.mp4' },
    });
    expect(at(fields, '$.data.synotoken').categories).toEqual(['credentials']);
    expect(at(fields, '$.setup_id').categories).toEqual(['credentials']);
    expect(at(fields, '$.matter').categories).toEqual(['credentials']);
    expect(at(fields, '$.audio.volume_limit.max').categories).toEqual([]);
    expect(at(fields, '$.audio.clip_url').categories).toEqual(['media']);
  });

  it('reads a relative path to a picture and a locator inside a record named for media', () => {
    const fields = classifyJson({ file_path: 'api/storage/ZB00000305/2020-01-26/173238/0.jpg', log_path: 'var/log/app.txt', thumbnails: [{ signed_url: 'https://cdn.example/t/1?X=1' }], links: { url: 'https://example.com/a' } });
    expect(at(fields, '$.file_path').categories).toEqual(['media']);
    expect(at(fields, '$.log_path').categories).toEqual([]);
    expect(at(fields, '$.thumbnails[0].signed_url').categories).toEqual(['media']);
    expect(at(fields, '$.links.url').categories).toEqual([]);
  });
});

describe('form bodies reach the same detectors', () => {
  it('reads a session token in a form body', () => {
    const form = parsePayload(Buffer.from('userId=u-1&sessionId=0123456789ABCDEF0123'), 'application/x-www-form-urlencoded');
    expect(classifyPayload(form).find((f) => f.field.key === 'sessionId')?.categories).toEqual(['credentials']);
  });
});
