import { describe, expect, it } from 'vitest';
import { parseQuery, rewriteQuery, type FieldEdit, type PayloadField } from '../../src/payload/index.js';

function byName(fields: readonly PayloadField[], name: string): PayloadField[] {
  return fields.filter((field) => field.key === name);
}

describe('parseQuery', () => {
  it('gives each parameter a query field with offsets into the search string without its ?', () => {
    const search = '?imei=3569&q=a+b%20c&tag=x&tag=y&bare';
    const query = search.slice(1);
    expect(
      parseQuery(search).map((field) => [field.source, field.path, field.value, query.slice(field.valueStart, field.valueEnd), query.slice(field.memberStart, field.memberEnd)]),
    ).toEqual([
      ['query', '$query.imei', '3569', '3569', 'imei=3569'],
      ['query', '$query.q', 'a b c', 'a+b%20c', 'q=a+b%20c'],
      ['query', '$query.tag', 'x', 'x', 'tag=x'],
      ['query', '$query.tag', 'y', 'y', 'tag=y'],
      ['query', '$query.bare', '', '', 'bare'],
    ]);
  });

  it.each([
    ['', []],
    ['?', []],
    ['&&a=1&', ['1']],
    ['a=%E2%82%AC', ['€']],
    ['a=%zz%4', ['%zz%4']],
    ['a=b=c', ['b=c']],
    ['a=é', ['é']],
    ['a=%F0%9F%98%80', ['😀']],
  ])('decodes %j to %j', (search, values) => {
    expect(parseQuery(search).map((field) => field.value)).toEqual(values);
  });

  it('brackets names that are not identifiers', () => {
    expect(parseQuery('user[id]=1&a-b=2').map((field) => field.path)).toEqual(['$query["user[id]"]', '$query["a-b"]']);
  });
});

describe('rewriteQuery', () => {
  const search = '?imei=3569&q=a+b&lat=52.1&lon=4.3';

  function edit(name: string, action: FieldEdit['action'], replacement?: FieldEdit['replacement']): FieldEdit {
    const [field] = byName(parseQuery(search), name);
    if (field === undefined) throw new Error(`no ${name}`);
    return replacement === undefined ? { field, action } : { field, action, replacement };
  }

  it.each<[string, FieldEdit[], string]>([
    ['redacts with a URL-encoded replacement', [edit('q', 'redact', 'x y&z')], '?imei=3569&q=x%20y%26z&lat=52.1&lon=4.3'],
    ['hashes', [edit('imei', 'hash', 'h:ab12')], '?imei=h%3Aab12&q=a+b&lat=52.1&lon=4.3'],
    ['redacts to empty without a replacement', [edit('lat', 'redact')], '?imei=3569&q=a+b&lat=&lon=4.3'],
    ['drops the first parameter', [edit('imei', 'drop')], '?q=a+b&lat=52.1&lon=4.3'],
    ['drops the last parameter', [edit('lon', 'drop')], '?imei=3569&q=a+b&lat=52.1'],
    ['drops adjacent parameters at the end', [edit('lon', 'drop'), edit('lat', 'drop')], '?imei=3569&q=a+b'],
    ['drops every parameter', ['imei', 'q', 'lat', 'lon'].map((name) => edit(name, 'drop')), '?'],
    ['combines drop and redact', [edit('lat', 'drop'), edit('imei', 'redact', 0)], '?imei=0&q=a+b&lon=4.3'],
  ])('%s', (_name, edits, expected) => {
    expect(rewriteQuery(search, edits)).toBe(expected);
  });

  it('keeps the search without ? when given without ?', () => {
    const [field] = parseQuery('a=1&b=2');
    if (field === undefined) throw new Error('no field');
    expect(rewriteQuery('a=1&b=2', [{ field, action: 'drop' }])).toBe('b=2');
  });

  it('adds = when it redacts a parameter written without one', () => {
    const [field] = parseQuery('flag&b=2');
    if (field === undefined) throw new Error('no field');
    expect(rewriteQuery('flag&b=2', [{ field, action: 'redact', replacement: 'x' }])).toBe('flag=x&b=2');
  });

  it('round-trips: the rewritten query parses to the expected values', () => {
    const rewritten = rewriteQuery(search, [edit('q', 'redact', 'ünï cødé'), edit('lat', 'drop')]);
    expect(Object.fromEntries(new URLSearchParams(rewritten))).toEqual({ imei: '3569', q: 'ünï cødé', lon: '4.3' });
  });
});
