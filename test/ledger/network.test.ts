import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DnsLog, Ledger, renderReportMarkdown } from '../../src/ledger/index.js';
import { MAX_TOPICS_PER_DEVICE_DAY } from '../../src/ledger/mqtt-topics.js';
import { dnsQuery, DAY, flowRecord, inspect, NOON, tempLedgerFile, type RecordSpec } from './builders.js';

const MAC = 'a1b2c3d4e5f6';

const query = dnsQuery;

const mqtt = (spec: RecordSpec): RecordSpec => ({ host: 'mqtt.acme.example', port: 8883, scheme: 'mqtts', ...spec });

describe('a device network view (DNS names and MQTT topics)', () => {
  let temp: ReturnType<typeof tempLedgerFile>;
  let ledger: Ledger;
  let dnsLog: DnsLog;

  beforeEach(() => {
    temp = tempLedgerFile();
    ledger = new Ledger({ file: temp.file, retentionDays: 3_650, now: () => NOON });
    ledger.start();
    dnsLog = new DnsLog({ file: temp.file, retentionDays: 3_650 });
    dnsLog.start();
  });
  afterEach(() => {
    dnsLog.stop();
    ledger.stop();
    temp.cleanup();
  });

  it('says how each name was answered: steered, truthful, sinkholed, failed', () => {
    dnsLog.recordQuery(query('api.acme.example', { verdict: 'steer', at: NOON - 2_000 }));
    dnsLog.recordQuery(query('api.acme.example', { verdict: 'steer', at: NOON - 1_000 }));
    dnsLog.recordQuery(query('api.acme.example', { verdict: 'answer', at: NOON }));
    dnsLog.recordQuery(query('ads.example', { verdict: 'sinkhole', rcode: 3 }));
    dnsLog.recordQuery(query('down.example', { verdict: 'failed', rcode: 2 }));
    dnsLog.flush();
    const { names } = ledger.report('thermostat').dns;
    expect(names.find((n) => n.name === 'api.acme.example')).toMatchObject({ queries: 3, steered: 2, truthful: 1, sinkholed: 0, lastAnswer: 'truthful' });
    expect(names.find((n) => n.name === 'ads.example')).toMatchObject({ truthful: 0, sinkholed: 1, lastAnswer: 'sinkholed' });
    expect(names.find((n) => n.name === 'down.example')).toMatchObject({ truthful: 0, failed: 1, lastAnswer: 'failed' });
    const markdown = renderReportMarkdown(ledger.report('thermostat'));
    expect(markdown).toContain('| api.acme.example | 3 | steered ×2, truthful ×1 | answered truthfully |');
    expect(markdown).toContain('| ads.example | 1 | sinkholed ×1 | sinkholed |');
  });

  it('keeps MQTT topics per broker and direction, templated, with message and block counts', () => {
    ledger.record(flowRecord(mqtt({ method: 'PUBLISH', path: `/tele/tasmota_${MAC}/SENSOR`, at: NOON - 1_000 })));
    ledger.record(flowRecord(mqtt({ method: 'PUBLISH', path: `/tele/tasmota_${MAC}/SENSOR` })));
    ledger.record(flowRecord(mqtt({ method: 'WILL', path: `/tele/${MAC}/LWT` })));
    ledger.record(flowRecord(mqtt({ method: 'PUBLISH', path: '/stat/POWER', fields: [{ path: '$.power', action: 'block' }], verdict: 'block' })));
    ledger.record(flowRecord(mqtt({ method: 'INBOUND PUBLISH', path: '/cmnd/POWER' })));
    // OwnTracks names a person and their phone in plain words: never kept.
    ledger.record(flowRecord(mqtt({ method: 'PUBLISH', path: '/owntracks/alice/phone' })));
    // Not messages: the CONNECT, and HTTP requests.
    ledger.record(flowRecord(mqtt({ method: 'CONNECT', path: '/' })));
    ledger.record(flowRecord({ method: 'POST', path: '/v1/telemetry' }));
    const { topics } = ledger.report('thermostat').mqtt;
    const byTopic = new Map(topics.map((t) => [`${t.direction} ${t.topic}`, t]));
    expect([...byTopic.keys()].sort()).toEqual(
      ['published /owntracks/{personal}/{device}', 'published /stat/POWER', 'published /tele/{id}/LWT', 'published /tele/{id}/SENSOR', 'received /cmnd/POWER'].sort(),
    );
    expect(byTopic.get('published /tele/{id}/SENSOR')).toMatchObject({ host: 'mqtt.acme.example', messages: 2, blocked: 0, firstSeen: NOON - 1_000, lastSeen: NOON });
    expect(byTopic.get('published /stat/POWER')).toMatchObject({ messages: 1, blocked: 1 });
    const markdown = renderReportMarkdown(ledger.report('thermostat'));
    expect(markdown).toContain('## MQTT topics');
    expect(markdown).toContain('| mqtt.acme.example | /cmnd/POWER | received from the broker | 1 | 0 |');
    const db = inspect(temp.file);
    try {
      const stored = JSON.stringify(db.prepare('SELECT * FROM mqtt_topics').all());
      expect(stored).not.toContain(MAC);
      expect(stored).not.toContain('alice');
    } finally {
      db.close();
    }
    expect(markdown).not.toContain(MAC);
  });

  it('shows topics and names in the device summary, from its period on', () => {
    ledger.record(flowRecord(mqtt({ method: 'PUBLISH', path: '/old/topic', at: NOON - 3 * DAY })));
    ledger.record(flowRecord(mqtt({ method: 'PUBLISH', path: '/new/topic' })));
    dnsLog.recordQuery(query('api.acme.example'));
    dnsLog.flush();
    const recent = ledger.deviceSummary('thermostat', 1).network;
    expect(recent.mqtt.topics.map((t) => t.topic)).toEqual(['/new/topic']);
    expect(recent.dns.names.map((n) => n.name)).toEqual(['api.acme.example']);
    expect(ledger.deviceSummary('thermostat').network.mqtt.topics).toHaveLength(2);
  });

  it('stops keeping new topics for a device past the daily bound, and keeps counting the known ones', () => {
    for (let i = 0; i < MAX_TOPICS_PER_DEVICE_DAY + 5; i++) {
      ledger.record(flowRecord(mqtt({ method: 'PUBLISH', path: `/kind${String.fromCharCode(97 + (i % 26))}/${'x'.repeat(1 + Math.floor(i / 26))}` })));
    }
    ledger.record(flowRecord(mqtt({ method: 'PUBLISH', path: '/kinda/x' })));
    const db = inspect(temp.file);
    try {
      ledger.report('thermostat');
      const count = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM mqtt_topics').get()?.n;
      expect(count).toBe(MAX_TOPICS_PER_DEVICE_DAY);
      expect(db.prepare<[], { messages: number }>("SELECT messages FROM mqtt_topics WHERE topic = '/kinda/x'").get()?.messages).toBe(2);
    } finally {
      db.close();
    }
  });

  it('prunes topics with the other day rows', () => {
    ledger.record(flowRecord(mqtt({ method: 'PUBLISH', path: '/old/topic', at: NOON - 10 * DAY })));
    ledger.record(flowRecord(mqtt({ method: 'PUBLISH', path: '/new/topic' })));
    expect(ledger.report('thermostat').mqtt.topics).toHaveLength(2);
    ledger.setRetentionDays(5);
    expect(ledger.report('thermostat').mqtt.topics.map((t) => t.topic)).toEqual(['/new/topic']);
  });
});
