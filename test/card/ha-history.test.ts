// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { HaDataSource } from '../../src/card/data/ha-data-source.js';
import { FakeConnection, fixture } from './fake-hass.js';

const deviceId = 'fedcba9876543210fedcba9876543210';

describe('HaDataSource with the integration history', () => {
  it('fills destinations and fields from observed_destinations and fields', async () => {
    const report = {
      ...fixture('ha-device-report.json'),
      observed_destinations: [
        { host: 'telemetry.tv.example', vendor: 'TV Co', inspectable: false, requests: 40, blocked: 3, bytes_up: 10, first_seen: '2026-11-20T10:00:00+00:00', last_seen: '2026-11-22T00:59:00+00:00' },
      ],
      fields: [
        { path: '$.ssid', categories: ['network', 'device'], action: 'drop', opaque: false, count: 12, host: 'telemetry.tv.example', first_seen: '2026-11-20T10:00:00+00:00', last_seen: '2026-11-22T00:59:00+00:00', why: 'key "ssid": word "ssid" → network' },
        { path: '$.coords.lat', categories: ['location'], action: 'allow', opaque: true, count: 5, host: 'telemetry.tv.example', first_seen: '2026-11-20T10:00:00+00:00', last_seen: '2026-11-22T00:59:00+00:00' },
      ],
      events: [{ ts: '2026-11-21T10:00:00+00:00', event_type: 'violation', data: { destination: 'telemetry.tv.example', field_path: '$.ssid', category: 'network', action: 'drop', explanation: 'x' } }],
    };
    const source = new HaDataSource(new FakeConnection().answer('privacy_gateway/device_report', () => report), true);
    const device = await source.device(deviceId);
    const telemetry = device.destinations.find((d) => d.host === 'telemetry.tv.example');
    expect(telemetry).toMatchObject({ vendor: 'TV Co', inspectable: false, requests: 40, blocked: 3, firstSeen: Date.parse('2026-11-20T10:00:00Z'), lastSeen: Date.parse('2026-11-22T00:59:00Z') });
    const network = device.categories.find((g) => g.category === 'network');
    expect(network?.fields).toEqual([expect.objectContaining({ path: '$.ssid', action: 'drop', count: 12, why: 'key "ssid": word "ssid" → network' })]);
    const location = device.categories.find((g) => g.category === 'location');
    // The field rule (hash) wins over the observed action; the count is the integration's.
    expect(location?.fields).toEqual([expect.objectContaining({ path: '$.coords.lat', action: 'hash', count: 5, opaque: true })]);
    expect(device.violations).toHaveLength(1);
  });

  it('falls back to live events when the report has no history', async () => {
    const source = new HaDataSource(new FakeConnection().answer('privacy_gateway/device_report', () => ({ ...fixture('ha-device-report.json'), fields: 'broken' })), true);
    const device = await source.device(deviceId);
    expect(device.destinations.every((d) => d.requests === undefined && d.inspectable === undefined)).toBe(true);
  });
});

describe('HaDataSource live events and the report history', () => {
  it('shows an event once when it arrived live and is in the report too', async () => {
    const generated = new Date(Date.now() + 60_000).toISOString();
    const connection = new FakeConnection();
    const source = new HaDataSource(connection, true);
    await source.subscribe(() => undefined);
    connection.push({ type: 'event', event_type: 'violation', data: { device_id: deviceId, destination: 'b.example', explanation: 'seen live' } });
    const report = { ...fixture('ha-device-report.json'), generated_at: generated, events: [{ ts: new Date().toISOString(), event_type: 'violation', data: { destination: 'b.example', explanation: 'seen live' } }] };
    connection.answer('privacy_gateway/device_report', () => report);
    const device = await source.device(deviceId);
    expect(device.violations.map((event) => event.explanation)).toEqual(['seen live']);
  });
});
