import { describe, expect, it } from 'vitest';
import { at, classifyJson } from '../helpers/classify-json.js';

/** Thirteenth round, health and media: pictures in other sizes, attached files, masked hosts, added-up quantities. */
describe('media-record: any URL of a picture record, an attachment file', () => {
  const avatar = { user: { avatar: { id: 'm_11101', icon_l: 'http://img.example.com/4c0faecc_l?11101', full: 'http://img.example.com/4c0faecc_d?11101', width: 662, type: 0 } } };

  it.each([['$.user.avatar.icon_l'], ['$.user.avatar.full']])('takes %s (a size of the avatar, a URL) as media', (path) => {
    // and personal: a user's avatar is a picture of a person (docs/CORPUS.md, Pictures; person-pictures.ts).
    expect(at(classifyJson(avatar), path).categories).toEqual(['personal', 'media']);
  });

  it.each([['$.user.avatar.width'], ['$.user.avatar.type']])('does not take %s of an avatar as media', (path) => {
    expect(at(classifyJson(avatar), path).categories).not.toContain('media');
  });

  it('does not take a URL of a record named for no picture as media', () => {
    const fields = classifyJson({ user: { profile: { full: 'http://www.example.com/u/4c0faecc' } } });
    expect(at(fields, '$.user.profile.full').categories).not.toContain('media');
  });

  const comment = {
    attachment: {
      file_name: 'File.pdf',
      file_url: 'https://cdn.example.com/path/to/file.pdf',
      file_type: 'application/pdf',
      file_size: 4321,
      url: 'https://vendor.example.com',
      title: 'Vendor Website',
    },
  };

  it.each([['$.attachment.file_name'], ['$.attachment.file_url']])('takes the attached file %s as media whatever its type', (path) => {
    const field = at(classifyJson(comment), path);
    expect(field.categories).toEqual(['media']);
    expect(field.explanation).toContain('somebody attached');
  });

  it.each([['$.attachment.url'], ['$.attachment.title'], ['$.attachment.file_type'], ['$.attachment.file_size']])(
    'does not take %s (a link preview, the file type or size) as media',
    (path) => {
      expect(at(classifyJson(comment), path).categories).not.toContain('media');
    },
  );

  it('reads an entry of a list of attachments', () => {
    const fields = classifyJson({ attachments: [{ fileName: 'minutes.docx', id: 3 }] });
    expect(at(fields, '$.attachments[0].fileName').categories).toEqual(['media']);
  });

  it('still vetoes a file name with no media type outside an attachment', () => {
    expect(at(classifyJson({ log: { file_name: 'File.pdf' } }), '$.log.file_name').categories).not.toContain('media');
  });
});

describe('media-url with a masked host', () => {
  it.each([
    ['https:…/upload/2018/08/23/20180823192843-34542f34-sq.jpg', ['media']],
    ['https:…/action.php?id=58366&part=e&download', []],
    ['https:…', []],
  ])('reads %s under an unknown key as %j', (value, expected) => {
    expect(at(classifyJson({ square: { link: value } }), '$.square.link').categories).toEqual(expected);
  });
});

describe('added-up quantities (`_accum`, `cumulative`)', () => {
  it.each([['calories_accum'], ['caloriesAccumulated'], ['steps_cumulative']])('reads %s as the body measurement it adds up', (key) => {
    expect(at(classifyJson({ [key]: 1500 }), `$.${key}`).categories).toEqual(['health']);
  });

  it.each([['energy_accum'], ['runtime_cumulative']])('does not read %s (a machine total) as health', (key) => {
    expect(at(classifyJson({ [key]: 1500 }), `$.${key}`).categories).not.toContain('health');
  });
});

describe('sibling-names-value: a series named by its title', () => {
  const series = [
    { type: 'temp', object: { title: 'Skin Temperature', values: [{ value: 32.8, timestamp: 1671739393 }], last_reading: 33 } },
    { type: 'temp', object: { title: 'Kitchen', values: [{ value: 21.5, timestamp: 1671739393 }] } },
  ];

  it.each([['$[0].object.values[0].value'], ['$[0].object.last_reading']])('reads %s by the title "Skin Temperature" as health', (path) => {
    expect(at(classifyJson(series), path).categories).toEqual(['health']);
  });

  it('does not read a value titled by a room as health', () => {
    expect(at(classifyJson(series), '$[1].object.values[0].value').categories).toEqual([]);
  });
});

describe('body-temperature: a bare temperature among body measurements', () => {
  it.each([
    ['flat, as text', { heart_rate: '96', sbp: '125', dbp: '76', spo2: '97', temperature: '36.7' }, '$.temperature', ['health']],
    ['records each with a value', { heartrate: { value: 71 }, sbp: { value: 117 }, spo2: { value: 97 }, temperature: { value: 36.4 } }, '$.temperature.value', ['health']],
    ['in Fahrenheit', { heartRate: 71, systolic: 117, diastolic: 80, temp: 98.2 }, '$.temp', ['health']],
  ])('reads the temperature %s as the body\'s', (_name, body, path, expected) => {
    expect(at(classifyJson(body), path).categories).toEqual(expected);
  });

  it.each([
    ['a room reading beside a sleeper\'s measurements', { heart_rate: 58, respiratory_rate: 14, hrv: 40, temperature: 21.5 }, '$.temperature'],
    ['fewer than three measurements', { heart_rate: 58, temperature: 36.6 }, '$.temperature'],
    ['a qualified temperature', { heart_rate: 58, sbp: 120, spo2: 97, room_temperature: 36 }, '$.room_temperature'],
    ['a temperature of another record', { vitals: { heart_rate: 58, sbp: 120, spo2: 97 }, temperature: 36.6 }, '$.temperature'],
  ])('does not read %s as health', (_name, body, path) => {
    expect(at(classifyJson(body), path).categories).not.toContain('health');
  });
});

describe('sleep-time: how often the sleeper left the bed', () => {
  it.each([['times_exited_bed'], ['bedExitCount'], ['out_of_bed_count']])('reads %s beside a sleep measure as health', (key) => {
    const field = at(classifyJson({ sleep_period_seconds: 28800, [key]: 2 }), `$.${key}`);
    expect(field.categories).toContain('health');
    expect(field.explanation).toContain('left the bed');
  });

  it.each([
    ['a bed record without a sleep measure', { in_bed: 1, times_exited_bed: 2 }, '$.times_exited_bed'],
    ['a count of something else beside a sleep measure', { sleep_period_seconds: 28800, times_opened: 2 }, '$.times_opened'],
    ['a network\'s latency', { latency: 540, jitter: 3 }, '$.latency'],
  ])('does not read %s as health', (_what, body, path) => {
    expect(at(classifyJson(body), path).categories).not.toContain('health');
  });
});

describe('sleep-time: a bare latency beside a sleep measure', () => {
  it('reads it as how long falling asleep took', () => {
    const field = at(classifyJson({ deep_sleep_duration: 4170, latency: 540 }), '$.latency');
    expect(field.categories).toEqual(['health']);
    expect(field.explanation).toContain('falling asleep');
  });
});
