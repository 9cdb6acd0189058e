import { describe, expect, it } from 'vitest';
import { classifyJson, at } from '../helpers/classify-json.js';

/** default-host-names.ts: a host name that is its record's model name is a factory default. */
describe('default-host-name', () => {
  it.each([
    ['a coordinator answering to its model', { Info: { hostname: 'SLZB-06P10', model: 'SLZB-06P10', device_ip: '192.168.1.63' } }, '$.Info.hostname'],
    ['a model name written in another case', { host_name: 'ecowitt-gw1100', modelName: 'EcoWitt-GW1100' }, '$.host_name'],
  ])('does not read %s as a host of the home', (_what, payload, path) => {
    expect(at(classifyJson(payload), path).categories).not.toContain('network');
  });

  it.each([
    ['a host name carrying the unit id', { hostname: 'shelly1-AABBCC', model: 'SHSW-1' }, '$.hostname'],
    ['a host name the owner gave', { hostname: 'annas-laptop', model: 'MacBookPro18,1' }, '$.hostname'],
    ['a model name in another record', { hostname: 'SLZB-06P10', info: { model: 'SLZB-06P10' } }, '$.hostname'],
  ])('still reads %s as network', (_what, payload, path) => {
    expect(at(classifyJson(payload), path).categories).toContain('network');
  });

  it('leaves the record\'s address alone', () => {
    const fields = classifyJson({ Info: { hostname: 'SLZB-06P10', model: 'SLZB-06P10', device_ip: '192.168.1.63' } });
    expect(at(fields, '$.Info.device_ip').categories).toContain('network');
  });
});
