// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { HaDataSource } from '../../src/card/data/ha-data-source.js';
import { hostMatches } from '../../src/card/data/ha-mapping.js';
import type { LiveUpdate } from '../../src/card/data/data-source.js';
import { FakeConnection, fixture } from './fake-hass.js';

describe('hostMatches', () => {
  it.each([
    ['*', 'anything.example', true],
    ['*.tracker.example', 'ads.tracker.example', true],
    ['*.tracker.example', 'tracker.example', false],
    ['*.tracker.example', 'eviltracker.example', false],
    ['API.x.com', 'api.x.com', true],
    ['api.x.com', 'api.x.com.evil', false],
  ])('%s matches %s: %s', (glob, host, expected) => {
    expect(hostMatches(glob, host)).toBe(expected);
  });
});

describe('HaDataSource', () => {
  it('turns an answer of the wrong shape into a clear error', async () => {
    const source = new HaDataSource(new FakeConnection().answer('privacy_gateway/devices', () => ({ devices: 'no' })), true);
    await expect(source.household()).rejects.toMatchObject({
      code: 'invalid_answer',
      message: expect.stringMatching(/^Unexpected answer to privacy_gateway\/devices: connected: .*; devices: /),
    });
  });

  it('reports the live updates it understands and ignores the others', async () => {
    const connection = new FakeConnection();
    const updates: LiveUpdate[] = [];
    await new HaDataSource(connection, false).subscribe((update) => updates.push(update));
    connection.push({ type: 'sidecar', connected: false });
    connection.push({ type: 'policy', etag: 'e' });
    connection.push({ type: 'device', device_id: 'd', stats: {} });
    connection.push({ type: 'something_new', x: 1 });
    connection.push('garbage');
    expect(updates).toEqual([
      { kind: 'sidecar', connected: false },
      { kind: 'policy' },
      { kind: 'device', deviceId: 'd' },
    ]);
  });

  it('keeps a device\'s events for its timeline, and the report\'s own history when it has one', async () => {
    const deviceId = 'fedcba9876543210fedcba9876543210';
    const report = { ...fixture('ha-device-report.json'), events: [{ ts: '2026-11-21T10:00:00+00:00', event_type: 'violation', data: { destination: 'a.example', explanation: 'old' } }] };
    const connection = new FakeConnection().answer('privacy_gateway/device_report', () => report);
    const source = new HaDataSource(connection, true);
    await source.subscribe(() => undefined);
    connection.push({ type: 'event', event_type: 'violation', data: { device_id: deviceId, destination: 'b.example', explanation: 'new' } });
    connection.push({ type: 'event', event_type: 'violation', data: { device_id: 'another', destination: 'c.example', explanation: 'other device' } });
    const device = await source.device(deviceId);
    expect(device.violations.map((event) => event.explanation)).toEqual(['new', 'old']);
  });

  it('exports the report as the integration sent it', async () => {
    const report = fixture('ha-device-report.json');
    const source = new HaDataSource(new FakeConnection().answer('privacy_gateway/device_report', () => report), false);
    const exported = await source.exportReport('fedcba9876543210fedcba9876543210');
    expect(exported.fileName).toBe('privacy-report-Living_room_TV.json');
    expect(JSON.parse(exported.content)).toEqual(report);
  });
});
