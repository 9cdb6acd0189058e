import { describe, expect, it } from 'vitest';
import { Reporter, type ReportItem } from '../../src/hub/index.js';
import { dnsQuery, flowRecord, NOON } from '../ledger/builders.js';

function reporter(): { reporter: Reporter; items: ReportItem[] } {
  const items: ReportItem[] = [];
  let n = 0;
  const made = new Reporter({ enqueue: (batch) => items.push(...batch), newId: () => `id-${++n}`, trafficWindowMs: 0, now: () => NOON });
  return { reporter: made, items };
}

describe('Reporter DNS names and MQTT topics', () => {
  it('reports the names a device looked up in the window, with how each was answered', () => {
    const { reporter: r, items } = reporter();
    r.recordQuery(dnsQuery('api.acme.example', { verdict: 'steer' }));
    r.recordQuery(dnsQuery('api.acme.example', { verdict: 'steer' }));
    r.recordQuery(dnsQuery('api.acme.example', { verdict: 'answer', addresses: ['203.0.113.5'] }));
    r.recordQuery(dnsQuery('ads.example', { verdict: 'sinkhole' }));
    r.recordQuery(dnsQuery('unassigned.example', { device: { id: 'default', name: 'Default', isDefault: true } }));
    r.flush(false);
    expect(items).toEqual([
      {
        id: 'id-1',
        ts: NOON,
        type: 'dns_names',
        device_id: 'thermostat',
        names: [
          { name: 'api.acme.example', queries: 3, steered: 2, truthful: 1, sinkholed: 0, failed: 0, last_answer: 'truthful' },
          { name: 'ads.example', queries: 1, steered: 0, truthful: 0, sinkholed: 1, failed: 0, last_answer: 'sinkholed' },
        ],
      },
    ]);
    expect(JSON.stringify(items)).not.toContain('203.0.113.5');
    items.length = 0;
    r.flush(false);
    expect(items).toEqual([]);
  });

  it('adds the templated MQTT topics to the traffic item of their broker, by direction', () => {
    const { reporter: r, items } = reporter();
    const broker = { host: 'mqtt.acme.example', port: 8883, scheme: 'mqtts' as const };
    r.record(flowRecord({ ...broker, method: 'PUBLISH', path: '/tele/a1b2c3d4e5f6/SENSOR' }));
    r.record(flowRecord({ ...broker, method: 'PUBLISH', path: '/tele/a1b2c3d4e5f6/SENSOR', fields: [], verdict: 'block' }));
    r.record(flowRecord({ ...broker, method: 'INBOUND PUBLISH', path: '/cmnd/POWER' }));
    r.record(flowRecord({ ...broker, method: 'CONNECT', path: '/' }));
    r.flush(true);
    const traffic = items.find((item) => item.type === 'traffic');
    expect(traffic).toMatchObject({
      destination: { host: 'mqtt.acme.example' },
      requests: 4,
      topics: [
        { topic: '/tele/{id}/SENSOR', direction: 'published', messages: 2, blocked: 1 },
        { topic: '/cmnd/POWER', direction: 'received', messages: 1, blocked: 0 },
      ],
    });
    expect(JSON.stringify(items)).not.toContain('a1b2c3d4e5f6');
  });
});
