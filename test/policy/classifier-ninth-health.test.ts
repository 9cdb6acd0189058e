import { describe, expect, it } from 'vitest';
import { explainFinding } from '../../src/policy/classifier/index.js';
import { finding } from '../../src/policy/classifier/detector.js';
import { classifyJson, at } from '../helpers/classify-json.js';
import { parseQuery } from '../../src/payload/index.js';
import { classifyPayload } from '../../src/policy/classifier/index.js';

/**
 * Detectors of the ninth round of issue 7 (health, credentials and media on vendors never seen): a body
 * measurement's meaning stays on the measurement, not on the record around it. Payloads are shaped like
 * the public formats they stand for (invented values).
 */

describe('property-bookkeeping', () => {
  // An Ayla IoT cloud property, as baby monitors and appliances publish them (GET …/dsns/{dsn}/properties.json).
  const property = (name: string, value: number) => ({
    type: 'Property', name, base_type: 'integer', read_only: true, direction: 'output', scope: 'user',
    data_updated_at: '2024-03-02T03:11:09Z', key: 90412154, value, generated_from: 'AYLA::device',
    retention_days: 30, ack_status: null, ack_message: null,
  });

  it('keeps health on the value of a property named for a body measurement, not on how it is stored', () => {
    const fields = classifyJson({ response: { HEART_RATE: property('HEART_RATE', 131) } });
    expect(at(fields, '$.response.HEART_RATE.value').categories).toContain('health');
    for (const path of ['$.response.HEART_RATE.direction', '$.response.HEART_RATE.scope', '$.response.HEART_RATE.retention_days',
      '$.response.HEART_RATE.generated_from']) {
      expect(at(fields, path).categories, path).not.toContain('health');
    }
  });

  it('leaves a therapy setting its value and statistics, not the seconds of its time of day', () => {
    const fields = classifyJson({ carbratio: [{ time: '00:00', value: 12, timeAsSeconds: 0 }, { time: '06:00', value: 9, timeAsSeconds: 21600 }],
      heartRate: { value: 64, min: 51, max: 122 } });
    expect(at(fields, '$.carbratio[1].value').categories).toContain('health');
    expect(at(fields, '$.carbratio[1].timeAsSeconds').categories).not.toContain('health');
    expect(at(fields, '$.heartRate.max').categories).toContain('health');
  });

  it('does nothing without a value beside the field (the container reads the whole record)', () => {
    const fields = classifyJson({ vitals: { pulse: 71, recorded_by: 'cuff', scope: 'user' } });
    expect(at(fields, '$.vitals.pulse').categories).toContain('health');
    expect(at(fields, '$.vitals.scope').categories).toContain('health');
  });
});

describe('picture-size', () => {
  it('reads a height beside a width as the size of a picture, not of a body', () => {
    const fields = classifyJson({ result: { id: 4419, file: 'IMG_2201.jpg', width: 4032, height: 3024,
      derivatives: { square: { url: 'https://gallery.example/i.php?/upload/2024/03/02/sq.jpg', width: 120, height: 120 } } } });
    expect(at(fields, '$.result.height').categories).not.toContain('health');
    expect(at(fields, '$.result.derivatives.square.height').categories).not.toContain('health');
  });

  it('reads a weight beside a priority as a share of load (RFC 2782 SRV, gateway groups), not a body\'s', () => {
    const fields = classifyJson({ rows: [{ name: 'WAN_DHCP', address: '203.0.113.1', priority: 255, weight: 1 }],
      srv: [{ target: 'sip.example.net', port: 5060, priority: 10, weight: 60 }] });
    expect(at(fields, '$.rows[0].weight').categories).not.toContain('health');
    expect(at(fields, '$.srv[0].weight').categories).not.toContain('health');
  });

  it('keeps a person\'s height (no width beside it)', () => {
    const fields = classifyJson({ user: { height: 178, weight: 72.4, birthYear: 1986 } });
    expect(at(fields, '$.user.height').categories).toContain('health');
  });
});

describe('health-record: numbers that measure something else', () => {
  // A day's moves as the Jawbone UP API and Open mHealth's physical-activity mappers carry them.
  const day = { steps: 9120, calories: 412.5, bmr: 1650, active_time: 5400, km: 6.8, meters: 6812, sunrise: 1709359200, sunset: 1709398800,
    goal: 0, place_acc: 0, inactivity_alerts: 2, sleep_goal: 28800 };

  it('leaves distances, the sky, a bare goal, an accuracy and nudges out of a record of body measurements', () => {
    const fields = classifyJson({ data: { items: [{ details: day }] } });
    for (const key of ['km', 'meters', 'sunrise', 'sunset', 'goal', 'place_acc', 'inactivity_alerts']) {
      expect(at(fields, `$.data.items[0].details.${key}`).categories, key).not.toContain('health');
    }
    for (const key of ['steps', 'calories', 'sleep_goal']) expect(at(fields, `$.data.items[0].details.${key}`).categories, key).toContain('health');
  });
});

describe('animal-body', () => {
  it('takes health away from a pet\'s weight and steps (under an animal word, or beside a species or breed)', () => {
    const fields = classifyJson({
      pet: { name: 'Biscuit', weight: 11.4, dailyStepStat: { totalSteps: 8123, totalDistance: 5120 } },
      animals: [{ name: 'Tabby', species_id: 2, breed_id: 387, weight: '4.2' }],
    });
    for (const path of ['$.pet.weight', '$.pet.dailyStepStat.totalSteps', '$.animals[0].weight']) {
      expect(at(fields, path).categories, path).not.toContain('health');
    }
  });

  it('keeps a person\'s weight and steps beside a list of their pets', () => {
    const fields = classifyJson({ profile: { weight: 71.2, steps: 10422, pets: [{ name: 'Biscuit', breed: 'Beagle' }] } });
    expect(at(fields, '$.profile.weight').categories).toContain('health');
    expect(at(fields, '$.profile.steps').categories).toContain('health');
  });
});

describe('capability URLs and codes (W3C TAG, Good Practices for Capability URLs)', () => {
  it('reads a share link, an invitation code and a webhook URL as the secret that grants access', () => {
    const fields = classifyJson({
      result: { share_url: 'https://photos.example.net/index.php?/category/7&sk=6f1c0a', invite_code: 'K7P-22Q', webhook_url: 'https://hooks.example.net/api/webhook/4c1f9d' },
    });
    for (const path of ['$.result.share_url', '$.result.invite_code', '$.result.webhook_url']) {
      expect(at(fields, path).categories, path).toContain('credentials');
    }
  });

  it('leaves a plain link to a page and a share count alone', () => {
    const fields = classifyJson({ result: { page_url: 'https://photos.example.net/picture.php?/4419', share_count: 3 } });
    expect(at(fields, '$.result.page_url').categories).not.toContain('credentials');
    expect(at(fields, '$.result.share_count').categories).not.toContain('credentials');
  });
});

describe('query-auth (the Subsonic API)', () => {
  const classifyQuery = (query: string) => classifyPayload({ format: 'form', fields: parseQuery(query), opaqueReason: undefined });

  it('reads a password, or a token and its salt, of a query that authenticates as Subsonic does', () => {
    const token = classifyQuery('u=maria&t=7c4a8d09ca3762af61e59520943dc264&s=x81kq2&v=1.16.1&c=feishin&f=json');
    expect(at(token, '$query.t').categories).toContain('credentials');
    expect(at(token, '$query.s').categories).toContain('credentials');
    const password = classifyQuery('u=maria&p=enc%3A736563726574&v=1.16.1&c=substreamer&id=al-118');
    expect(at(password, '$query.p').categories).toContain('credentials');
  });

  it('leaves one-letter parameters of other queries alone (no u, v and c together)', () => {
    const fields = classifyQuery('p=2&s=name&t=1718000000&c=12');
    for (const path of ['$query.p', '$query.s', '$query.t']) expect(at(fields, path).categories, path).not.toContain('credentials');
  });
});

describe('published-work: a record that counts its audience', () => {
  it('takes media away from the thumbnails of a video with counts of views and comments (in a counts record or in its keys)', () => {
    const fields = classifyJson({
      items: [{ watchedAt: '2025-08-13T17:44:46+09:00', video: { id: 'sm4528', title: 'Ferries at night', count: { view: 1204, comment: 33, like: 80 },
        thumbnail: { url: 'https://cdn.video.example/thumbnails/4528/4528.2722', largeUrl: 'https://cdn.video.example/thumbnails/4528/4528.2722.L' } } }],
      clip: { title: 'Harbour', viewCount: 88, likeCount: 4, thumbnailUrl: 'https://cdn.video.example/t/88.jpg' },
    });
    for (const path of ['$.items[0].video.thumbnail.url', '$.items[0].video.thumbnail.largeUrl', '$.clip.thumbnailUrl']) {
      expect(at(fields, path).categories, path).not.toContain('media');
    }
  });

  it('keeps a camera clip\'s thumbnail with one count (no audience)', () => {
    const fields = classifyJson({ clip: { id: 91, thumbnailUrl: 'https://nvr.example/api/events/91/thumbnail.jpg', view_count: 2 } });
    expect(at(fields, '$.clip.thumbnailUrl').categories).toContain('media');
  });
});

describe('vital-signs charting abbreviations', () => {
  it('reads a watch\'s last systolic and diastolic pressure and a pulse oximeter\'s perfusion index as health', () => {
    const fields = classifyJson({ data: { last_health: { sbp: { value: 128, time: 1718000000 }, dbp: { value: 84, time: 1718000000 } },
      oximeter: { perfusion_index: 4.1, wrist_temperature: 35.9 } } });
    for (const path of ['$.data.last_health.sbp.value', '$.data.last_health.dbp.value', '$.data.oximeter.perfusion_index', '$.data.oximeter.wrist_temperature']) {
      expect(at(fields, path).categories, path).toContain('health');
    }
  });
});

describe('machine-sleep', () => {
  it('takes health away from an appliance\'s sleep mode (its settings name standby)', () => {
    const fields = classifyJson({ serialNumber: 'MR004411', smartWakeUpSleep: { smartStandByEnabled: true, smartStandByMinutes: 10, smartStandByAfter: 'PowerOn',
      schedules: [{ id: 'a1', enabled: true, onTimeMinutes: 420, offTimeMinutes: 540, days: ['Monday'] }] } });
    for (const path of ['$.smartWakeUpSleep.smartStandByMinutes', '$.smartWakeUpSleep.smartStandByAfter', '$.smartWakeUpSleep.schedules[0].days[0]']) {
      expect(at(fields, path).categories, path).not.toContain('health');
    }
  });

  it('keeps a person\'s night under a sleep container', () => {
    const fields = classifyJson({ sleep: { deep_minutes: 84, rem_minutes: 96, awakenings: 3 } });
    expect(at(fields, '$.sleep.deep_minutes').categories).toContain('health');
  });
});

describe('public-key: typed public keys of a mesh VPN', () => {
  it('reads node, machine and disco keys typed as public as no secret, and a private key as one', () => {
    const hex = '0f1e2d3c4b5a69780f1e2d3c4b5a69780f1e2d3c4b5a69780f1e2d3c4b5a6978';
    const fields = classifyJson({ nodeKey: `nodekey:${hex}`, machineKey: `mkey:${hex}`, discoKey: `discokey:${hex}`, nodePrivateKey: `privkey:${hex}` });
    for (const path of ['$.nodeKey', '$.machineKey', '$.discoKey']) expect(at(fields, path).categories, path).not.toContain('credentials');
    expect(at(fields, '$.nodePrivateKey').categories).toContain('credentials');
  });
});

describe('ninth-round explanations', () => {
  it('says why a veto took health away, quoting only the container\'s vocabulary word', () => {
    expect(explainFinding(finding('property-bookkeeping', 'veto', ['health'], { of: 'structure', container: 'HEART_RATE' })))
      .toBe('inside "HEART_RATE", the measurement is its "value": this field describes how the record is kept (not health)');
    expect(explainFinding(finding('picture-size', 'veto', ['health'], { of: 'structure' }))).toContain('a height beside a width');
    expect(explainFinding(finding('picture-size', 'veto', ['health'], { of: 'structure', share: 'load' }))).toContain('a weight beside a priority');
    expect(explainFinding(finding('query-auth', 'strong', ['credentials'], { of: 'structure', key: 't' }))).toContain('"t" of a query');
    expect(explainFinding(finding('animal-body', 'veto', ['health'], { of: 'structure', sign: 'breed' }))).toContain('an animal\'s record (its "breed")');
  });
});
