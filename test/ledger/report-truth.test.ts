import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Ledger, renderReportMarkdown, type FlowRecord, type PrivacyReport } from '../../src/ledger/index.js';
import { parsePayload } from '../../src/payload/index.js';
import {
  classifyPayload,
  compilePolicy,
  evaluate,
  evaluateConnection,
  parsePolicy,
  type Flow,
  type FlowTarget,
  type PolicyInput,
} from '../../src/policy/index.js';
import { HOUR, NOON, tempLedgerFile } from './builders.js';

/**
 * The report tells the truth about what the policy really did: every record here comes from the real
 * parser, classifier and evaluate() over a real policy, written to a real SQLite ledger file.
 */
const PLUG = '192.168.1.20';
const CAMERA = '192.168.1.21';
const JAILED = '192.168.1.22';

const POLICY: PolicyInput = {
  version: 1,
  mode: 'enforce',
  rules: [
    { id: 'hash-serial', path: '$.serial', action: 'hash' },
    { id: 'no-password', path: '$.password', action: 'block' },
  ],
  devices: [
    { id: 'plug', name: 'Plug', addresses: [PLUG] },
    { id: 'camera', name: 'Camera', addresses: [CAMERA], mode: 'monitor' },
    { id: 'jailed', name: 'Jailed', addresses: [JAILED], quarantine: true },
  ],
};
const cp = compilePolicy(parsePolicy(POLICY));

function target(client: string, host = 'api.vendor.example'): FlowTarget {
  return { clientAddress: client, scheme: 'https', host, port: 443 };
}

/** One inspected request, decided exactly as the pipeline decides it. */
function inspected(client: string, body: string, contentType: string, at: number): FlowRecord {
  const parsed = parsePayload(Buffer.from(body), contentType);
  const opaque =
    parsed.opaqueReason === undefined
      ? undefined
      : { kind: 'binary' as const, reason: parsed.opaqueReason, length: body.length, entropy: 7.9 };
  const flow: Flow = {
    target: target(client),
    method: 'POST',
    path: '/v1/report',
    payload: { format: parsed.format, fields: classifyPayload(parsed), opaque },
  };
  const decision = evaluate(flow, cp);
  return record(at, decision.connection, decision);
}

function record(at: number, connection: FlowRecord['connection'], decision: FlowRecord['decision']): FlowRecord {
  return {
    at,
    connection,
    decision,
    inspectable: true,
    method: 'POST',
    path: '/v1/report',
    fingerprints: new Map(),
    bytesUp: decision?.verdict === 'block' || connection.verdict === 'block' ? 0 : 50,
    bytesDown: 10,
    durationMs: 3,
    error: undefined,
  };
}

let cleanup: () => void;
let file: string;
let ledger: Ledger;

beforeEach(() => {
  ({ file, cleanup } = tempLedgerFile());
  ledger = new Ledger({ file, retentionDays: 30, now: () => NOON });
  ledger.start();
});
afterEach(() => {
  ledger.stop();
  cleanup();
});

/** Reads the report back from the file through a fresh Ledger, as the CLI does. */
function reportFor(deviceId: string): PrivacyReport {
  ledger.stop();
  ledger = new Ledger({ file, retentionDays: 30, now: () => NOON });
  ledger.start();
  return ledger.report(deviceId);
}

describe('Ledger.report on real decisions', () => {
  it('reports an enforced edit as an edit, not as something monitor mode let through', () => {
    ledger.record(inspected(PLUG, '{"serial":"SN-1","temp":21}', 'application/json', NOON - HOUR));
    const report = reportFor('plug');

    expect(report.blocked).toEqual([]);
    expect(report.totals).toMatchObject({ requests: 1, forwarded: 1, edited: 1, blocked: 0, violations: 1 });
    const serial = report.categories.flatMap((c) => c.fields).find((f) => f.path === '$.serial');
    expect(serial?.actions).toEqual([{ action: 'hash', applied: true, count: 1 }]);
    const markdown = renderReportMarkdown(report);
    expect(markdown).toContain('| $.serial | hashed ×1 |');
    expect(markdown).toContain('1 forwarded (1 with personal data changed by the policy)');
    expect(markdown).toContain('Nothing was blocked.');
    expect(markdown).not.toContain('monitor mode');
  });

  it('reports the fields of a blocked request as not sent, and the block as a field rule, enforced', () => {
    ledger.record(inspected(PLUG, '{"password":"hunter2","temp":21}', 'application/json', NOON - HOUR));
    const report = reportFor('plug');

    expect(report.blocked).toEqual([
      expect.objectContaining({ kind: 'field', ruleId: 'no-password', enforced: true, count: 1 }),
    ]);
    const temp = report.categories.flatMap((c) => c.fields).find((f) => f.path === '$.temp');
    expect(temp?.actions).toEqual([{ action: 'block', applied: true, count: 1 }]);
    const markdown = renderReportMarkdown(report);
    expect(markdown).toContain('| $.temp | not sent (request blocked) ×1 |');
    expect(markdown).not.toContain('sent as is');
    expect(markdown).toContain(
      '| api.vendor.example | field rule | no-password | rule "no-password" (household): path $.password → block (field $.password) |',
    );
  });

  it('reports what monitor mode would have blocked as not enforced, with its kind', () => {
    ledger.record(inspected(CAMERA, '\u0000\u009f\u0013\u00ee', 'application/octet-stream', NOON - HOUR));
    const report = reportFor('camera');

    expect(report.blocked).toEqual([expect.objectContaining({ kind: 'opaque', ruleId: null, enforced: false })]);
    expect(report.totals).toMatchObject({ forwarded: 1, edited: 0, blocked: 0 });
    expect(renderReportMarkdown(report)).toContain('(monitor mode: not enforced, the request was sent)');
  });

  it('reports a quarantined device\'s refused connection as a quarantine', () => {
    const connection = evaluateConnection(cp, target(JAILED));
    ledger.record(record(NOON - HOUR, connection, undefined));
    const report = reportFor('jailed');

    expect(report.blocked).toEqual([expect.objectContaining({ kind: 'quarantine', enforced: true, count: 1 })]);
    expect(renderReportMarkdown(report)).toMatch(/\| quarantine \| - \| device jailed is quarantined/);
  });

  it('keeps listing blocks recorded before the kind was, after the upgrade', () => {
    ledger.record(inspected(PLUG, '{"password":"x"}', 'application/json', NOON - 2 * HOUR));
    ledger.record(inspected(CAMERA, '\u0000\u0001', 'application/octet-stream', NOON - HOUR));
    ledger.record(inspected(PLUG, '{"serial":"SN-9"}', 'application/json', NOON - HOUR));
    ledger.stop();
    // Make the file what a gateway before migration 2 wrote: no block_kind column, none of the tables of
    // migrations 3 (not_shown), 4 (the DNS log), 5 (upstream addresses), 6 (MQTT topics) and 7
    // (field_observations.why) and 8 (explanations stored once), schema version 1.
    const db = new BetterSqlite3(file);
    db.exec(`UPDATE decisions SET explanation = (SELECT json FROM explanations WHERE id = explanation_id);
             DROP VIEW decisions_explained; ALTER TABLE decisions DROP COLUMN explanation_id; DROP TABLE explanations`);
    db.exec('ALTER TABLE decisions DROP COLUMN block_kind');
    db.exec('ALTER TABLE field_observations DROP COLUMN why');
    db.exec('DROP TABLE not_shown; DROP TABLE dns_names; DROP TABLE dns_addresses; DROP TABLE upstream_addresses; DROP TABLE mqtt_topics');
    db.pragma('user_version = 1');
    db.close();

    ledger = new Ledger({ file, retentionDays: 30, now: () => NOON });
    ledger.start();
    expect(ledger.report('plug').blocked).toEqual([expect.objectContaining({ kind: 'unrecorded', enforced: true })]);
    expect(ledger.report('plug').totals.edited).toBe(1);
    expect(ledger.report('camera').blocked).toEqual([expect.objectContaining({ kind: 'unrecorded', enforced: false })]);
  });
});
