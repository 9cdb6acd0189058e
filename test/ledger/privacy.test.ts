import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Ledger } from '../../src/ledger/index.js';
import { fingerprint, flowRecord, inspect, tempLedgerFile } from './builders.js';

const CANARY = 'canary-52.37361-4.89020';

describe('Ledger privacy', () => {
  let file: string;
  let cleanup: () => void;

  beforeEach(() => {
    ({ file, cleanup } = tempLedgerFile());
    const ledger = new Ledger({ file, retentionDays: 30 });
    ledger.start();
    ledger.record(
      flowRecord({
        at: Date.now(),
        fields: [
          { path: '$.where', categories: ['location'], action: 'redact', reason: 'location is redacted' },
          { path: '$.ssid', categories: ['network'] },
        ],
        values: { '$.where': CANARY, '$.ssid': `${CANARY}-wifi` },
        violation: true,
      }),
    );
    ledger.stop();
  });

  afterEach(() => cleanup());

  it('has no column that could hold a raw value', () => {
    const db = inspect(file);
    const columns = db
      .prepare<[], { name: string }>("SELECT name FROM sqlite_schema WHERE type = 'table'")
      .all()
      .flatMap(({ name }) => db.prepare<[], { name: string }>(`PRAGMA table_info(${name})`).all().map((c) => `${name}.${c.name}`));
    db.close();

    expect(columns.length).toBeGreaterThan(30);
    expect(columns.filter((column) => /value|raw|body|payload|query/i.test(column))).toEqual([]);
  });

  it('stores only keyed hashes as fingerprints', () => {
    const db = inspect(file);
    const stored = db
      .prepare<[], { path: string; fp: string }>('SELECT path, last_fingerprint AS fp FROM field_observations ORDER BY path')
      .all();
    db.close();

    expect(stored).toEqual([
      { path: '$.ssid', fp: fingerprint(`${CANARY}-wifi`) },
      { path: '$.where', fp: fingerprint(CANARY) },
    ]);
    expect(stored.every(({ fp }) => /^[0-9a-f]{64}$/.test(fp))).toBe(true);
  });

  it('leaves no trace of the raw value in any file of the ledger', () => {
    const dir = dirname(file);
    const files = readdirSync(dir);
    const bytes = Buffer.concat(files.map((name) => readFileSync(join(dir, name))));

    // Guards the check itself: the file holds the paths and the fingerprint, so the search is meaningful.
    expect(bytes.includes('$.where')).toBe(true);
    expect(bytes.includes(fingerprint(CANARY))).toBe(true);
    expect(bytes.includes(CANARY)).toBe(false);
  });
});

describe('Ledger privacy of request paths', () => {
  it('stores a request path with its value-like segments templated, whoever recorded it', () => {
    const { file, cleanup } = tempLedgerFile();
    try {
      const ledger = new Ledger({ file, retentionDays: 30 });
      ledger.start();
      const path = '/users/anna@example.org/devices/0B7K3CDR600421X;imei=356938035643809';
      ledger.record(flowRecord({ at: Date.now(), path, fields: [{ path: '$.where', categories: ['location'], action: 'redact' }], violation: true }));
      ledger.stop();
      const db = inspect(file);
      const stored = db.prepare<[], { path: string }>('SELECT path FROM decisions').all();
      db.close();
      expect(stored).toEqual([{ path: '/users/{personal}/devices/{device};imei={value}' }]);
      const bytes = Buffer.concat(readdirSync(dirname(file)).map((name) => readFileSync(join(dirname(file), name))));
      expect(bytes.includes('anna@example.org')).toBe(false);
      expect(bytes.includes('0B7K3CDR600421X')).toBe(false);
    } finally {
      cleanup();
    }
  });
});
