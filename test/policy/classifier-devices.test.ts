import { describe, expect, it } from 'vitest';
import { decidedBy } from '../../src/policy/classifier/index.js';
import { classifyJson, at } from '../helpers/classify-json.js';

/** Round 14: the records of a unit (device-records.ts) and serial numbers as makers abbreviate them. */
describe('device records', () => {
  it('takes the id of a payload that names its model at the top as the unit id', () => {
    const fields = classifyJson({ time: '2026-12-01 10:00:00', model: 'Acme-Smoke', id: 27111, unit: 0 });
    expect(at(fields, '$.id').categories).toEqual(['device']);
    expect(decidedBy(at(fields, '$.id').findings ?? [])).toContain('device-record');
  });

  it('names the model under the unit word too (deviceModel)', () => {
    const fields = classifyJson({ _id: '7d4bd896-b31c-478d-9ce4-a9e4234df253', deviceModel: 'dx4', timestamp: '2026-12-01T10:00:00Z' });
    expect(at(fields, '$._id').categories).toEqual(['device']);
  });

  it('does not read an unstamped record naming a model at the top as a unit: a catalogue entry names one too', () => {
    const fields = classifyJson({ id: 'p-381', model: 'Acme-Smoke', price: 19.9, created_at: '2026-12-01T10:00:00Z' });
    expect(decidedBy(at(fields, '$.id').findings ?? [])).not.toContain('device-record');
  });

  it('does not read one model inside a payload as a unit: a list may hold products', () => {
    const fields = classifyJson({ offers: [{ id: 27111, model: 'Acme-Smoke', price: 20 }] });
    expect(decidedBy(at(fields, '$.offers[0].id').findings ?? [])).not.toContain('device-record');
  });

  it('does not read an app build at the top as a unit: the sending app has one', () => {
    const fields = classifyJson({ appVersion: '2.8.1', uuid: '0f8e2d1c-5b6a-4c3d-9e8f-7a6b5c4d3e2f', method: 'getEnergy' });
    expect(decidedBy(at(fields, '$.uuid').findings ?? [])).not.toContain('device-record');
  });

  it('counts a firmware or product section as a descriptor of the record that holds it', () => {
    const described = { id: 'robin', state: 'Connected', firmware: { currentFwVersion: '9682R7' }, product: { serialNumber: '123456', name: 'SMO 20' } };
    const fields = classifyJson({ list: [described] });
    expect(at(fields, '$.list[0].id').categories).toEqual(['device']);
    expect(at(fields, '$.list[0].id').explanation).toContain('describes a unit');
    const plain = classifyJson({ list: [{ id: 'robin', state: 'Connected', settings: { mode: 1 } }] });
    expect(at(plain, '$.list[0].id').categories).toEqual([]);
  });
});

describe('serial number abbreviations', () => {
  it.each([['sno'], ['serno']])('reads %s as a serial number', (key) => {
    expect(at(classifyJson({ status: { [key]: 10088800, vol: 2390 } }), `$.status.${key}`).categories).toEqual(['device']);
  });
});

describe('tokens that name a record', () => {
  it.each([
    ['nextPageToken', 'CiAKGjBpNDd2Nmp2Zml2cXRwYjBpOXA'],
    ['page_token', 'a1b2c3d4'],
    ['syncToken', 'CPDAlvWDx70CEPDAlvWDx70CGAU='],
    ['quoteToken', 'q3Plxr4AgKvf62okXuMyp0nfLtcV4XuJwdSPnLC3JbMi'],
    ['message_token', '5491234567890123456'],
    ['workout_token', 'a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6'],
  ])('does not read %s as a secret', (key, value) => {
    expect(at(classifyJson({ [key]: value }), `$.${key}`).categories).not.toContain('credentials');
  });

  it.each([['access_token'], ['pushToken'], ['sessionToken'], ['token']])('still reads %s as a secret', (key) => {
    expect(at(classifyJson({ [key]: 'q3Plxr4AgKvf62okXuMyp0nfLtcV4XuJwdSPnLC3JbMi' }), `$.${key}`).categories).toContain('credentials');
  });
});

describe('destinations', () => {
  it('reads a route destination that is an address as a network id, not a place', () => {
    const fields = classifyJson({ staticRoutes: [{ destination: '172.16.0.0', netmask: '255.255.0.0' }] });
    expect(at(fields, '$.staticRoutes[0].destination').categories).toEqual(['network']);
  });

  it('still reads the destination of a trip as a place', () => {
    expect(at(classifyJson({ trip: { destination: 'Amsterdam Centraal' } }), '$.trip.destination').categories).toContain('location');
  });
});

describe('named parts of a building', () => {
  it.each([['building_name', 'North Wing'], ['floorName', 'Level 2'], ['roomLabel', 'Nursery'], ['zone_label', 'Back garden']])(
    'reads %s as a place',
    (key, value) => {
      expect(at(classifyJson({ metadata: { [key]: value, occupancy: 3 } }), `$.metadata.${key}`).categories).toContain('location');
    },
  );
});

describe('unit and tag ids of standards', () => {
  it.each([
    ['UDN', 'uuid:5f9ec1b3-ed59-49d3-9b8e-2e5f1d3c4a6b'],
    ['ocpp_idtag', '0E7A31C2'],
    ['RfidTokenUid', '04A2246A2B5C80'],
  ])('reads %s as a unit or tag id', (key, value) => {
    expect(at(classifyJson({ info: { [key]: value, friendlyName: 'Living room' } }), `$.info.${key}`).categories).toContain('device');
  });

  it('keeps a hardware id (the model hardware) unlabelled', () => {
    expect(at(classifyJson({ sysinfo: { hwId: '044A516EE63C875F9458DA25C2CCC5A0' } }), '$.sysinfo.hwId').categories).not.toContain('device');
  });
});
