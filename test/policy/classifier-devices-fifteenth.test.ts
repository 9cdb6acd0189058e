import { describe, expect, it } from 'vitest';
import { decidedBy } from '../../src/policy/classifier/index.js';
import { classifyPayload } from '../../src/policy/classifier/index.js';
import { parseQuery } from '../../src/payload/index.js';
import { classifyJson, at } from '../helpers/classify-json.js';

/** Round 15, devices: a unit's identifier written again under other keys (unit-id-copies.ts). */
describe('unit id copies', () => {
  const disk = {
    name: 'sda',
    ident: 'SSD000000001A',
    serial: 'SSD000000001A',
    lunid: '5000000000000001',
    serial_lunid: 'SSD000000001A_5000000000000001',
    identifier: '{serial_lunid}SSD000000001A_5000000000000001',
    bus: 'ATA',
  };

  it.each(['ident', 'serial_lunid', 'identifier'])('reads a disk\'s %s that carries its serial as its id', (key) => {
    const field = at(classifyJson({ used: [disk] }), `$.used[0].${key}`);
    expect(field.categories).toEqual(['device']);
    expect(decidedBy(field.findings ?? [])).toContain('unit-id-copy');
  });

  it('reads an appliance name that is its serial as the unit id', () => {
    const fields = classifyJson({ name: 'MR123456', serialNumber: 'MR123456', modelName: 'Micra' });
    expect(at(fields, '$.name').categories).toEqual(['device']);
  });

  it('leaves the disk\'s other strings alone', () => {
    const fields = classifyJson({ used: [disk] });
    expect(at(fields, '$.used[0].name').categories).toEqual([]);
    expect(at(fields, '$.used[0].bus').categories).toEqual([]);
  });

  it('does not match a placeholder serial: repeated characters or words are nobody\'s', () => {
    const zeros = classifyJson({ serial: '000000000000', model_no: '000000000000' });
    expect(at(zeros, '$.model_no').categories).toEqual([]);
    const filler = classifyJson({ serial: 'To Be Filled By O.E.M.', manufacturer_label: 'To Be Filled By O.E.M.' });
    expect(at(filler, '$.manufacturer_label').categories).toEqual([]);
  });

  it('leaves a sibling whose key says what it is to that key (a BSSID equal to the unit\'s MAC)', () => {
    const fields = classifyJson({ mac: 'a4:c1:38:2f:11:7e', bssid: 'a4:c1:38:2f:11:7e' });
    expect(decidedBy(at(fields, '$.bssid').findings ?? [])).not.toContain('unit-id-copy');
  });

  it('needs the same record: a serial elsewhere in the payload names another unit', () => {
    const fields = classifyJson({ hub: { serial: 'HB7734120' }, note: { text: 'HB7734120' } });
    expect(decidedBy(at(fields, '$.note.text').findings ?? [])).not.toContain('unit-id-copy');
  });
});

/** TR-181's `PhysAddress`: a host's or an interface's MAC, whatever value the gateway reports. */
describe('TR-181 physical addresses', () => {
  it('reads PhysAddress as a unit\'s hardware address even when its value is masked', () => {
    const fields = classifyJson({ status: [{ Key: 'wifi-1', PhysAddress: '**REDACTED**', Active: true }] });
    expect(at(fields, '$.status[0].PhysAddress').categories).toEqual(['device']);
  });

  it('does not read a spelt-out physical address (a street may be one) as a MAC', () => {
    const fields = classifyJson({ physicalAddress: 'Brazos Street 717' });
    expect(at(fields, '$.physicalAddress').categories).not.toContain('device');
  });
});

/** A series of numbers its record names (named-values.ts): each entry is the named quantity. */
describe('named series', () => {
  const metric = (slug: string, name: string) =>
    ({ display_name: name, display_unit: 'bpm', slug, max_value: 147, values: [95, 97, 98] });

  it('reads the numbers of a series named as a body reading as that reading', () => {
    const fields = classifyJson({ metrics: [metric('heart_rate', 'Heart Rate')] });
    expect(at(fields, '$.metrics[0].values[1]').categories).toEqual(['health']);
  });

  it('leaves a series whose name says no personal quantity unlabelled', () => {
    const fields = classifyJson({ metrics: [metric('output', 'Output')] });
    expect(at(fields, '$.metrics[0].values[1]').categories).toEqual([]);
  });

  it('does not read a list of records under the name: each names its own value', () => {
    const fields = classifyJson({ metrics: [{ slug: 'heart_rate', values: [{ t: 'a', n: 'b' }] }] });
    expect(at(fields, '$.metrics[0].values[0].n').categories).toEqual([]);
  });
});

/** RFC 6749's authorization code (oauth-clients.ts): a grant traded for the user's tokens. */
describe('OAuth authorization codes', () => {
  const query = (search: string) =>
    classifyPayload({ format: 'form', fields: parseQuery(search), opaqueReason: undefined });

  it('reads the code of a token request as credentials', () => {
    const code = 'code=fedc8790-df28-4928-9dcf-55a4d7aa1f5e';
    const fields = query(`grant_type=authorization_code&${code}&redirect_uri=http://localhost`);
    expect(at(fields, '$query.code').categories).toEqual(['credentials']);
  });

  it('reads the code a redirect carries beside its state as credentials', () => {
    const fields = query('code=fedc8790-df28-4928-9dcf-55a4d7aa1f5e&state=a52beaeb-c491-4cd3-b915-16fed71e17a8');
    expect(at(fields, '$query.code').categories).toEqual(['credentials']);
  });

  it('leaves a status code beside a state alone', () => {
    const fields = classifyJson({ code: 'OK', state: 'on', grant: 'none' });
    expect(at(fields, '$.code').categories).toEqual([]);
    expect(at(classifyJson({ code: 0, grant_type: 'password' }), '$.code').categories).toEqual([]);
  });
});

/** Speech recognised word by word with times and confidences written as text (recognised-alternatives.ts). */
describe('recognised alternatives written as text', () => {
  const word = (start: string, end: string, content: string) =>
    ({ start_time: start, end_time: end, alternatives: [{ confidence: '0.99', content }], type: 'pronunciation' });
  const mark = { alternatives: [{ confidence: '0.0', content: '.' }], type: 'punctuation' };
  const items = [word('0.54', '1.03', 'Hola'), mark, word('1.04', '1.21', 'Qué')];

  it.each([0, 1, 2])('reads item %i\'s text (a word or the mark between them) as what somebody said', (i) => {
    const fields = classifyJson({ results: { items } });
    expect(at(fields, `$.results.items[${i}].alternatives[0].content`).categories).toEqual(['media']);
  });

  it('needs two timed items: one timed word and a mark are no transcript', () => {
    const fields = classifyJson({ results: { items: items.slice(0, 2) } });
    expect(at(fields, '$.results.items[0].alternatives[0].content').categories).toEqual([]);
  });
});
