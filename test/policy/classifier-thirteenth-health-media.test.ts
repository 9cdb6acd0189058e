import { describe, expect, it } from 'vitest';
import { at, classifyJson } from '../helpers/classify-json.js';

/** Thirteenth round, health and media: pictures in other sizes, attached files, masked hosts, added-up quantities. */
describe('media-record: any URL of a picture record, an attachment file', () => {
  const avatar = { user: { avatar: { id: 'm_11101', icon_l: 'http://img.example.com/4c0faecc_l?11101', full: 'http://img.example.com/4c0faecc_d?11101', width: 662, type: 0 } } };

  it.each([['$.user.avatar.icon_l'], ['$.user.avatar.full']])('takes %s (a size of the avatar, a URL) as media', (path) => {
    expect(at(classifyJson(avatar), path).categories).toEqual(['media']);
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
