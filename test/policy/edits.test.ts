import { describe, expect, it } from 'vitest';
import { GatewayError } from '../../src/errors.js';
import { evaluate, planEdits, Pseudonymizer, type ClassifiedField } from '../../src/policy/index.js';
import { compile, field, flow } from './engine-helpers.js';

const KEY = Buffer.from('0123456789abcdef0123456789abcdef');
const pseudonymizer = new Pseudonymizer(KEY);

describe('Pseudonymizer', () => {
  it('gives the same pseudonym for the same value and key', () => {
    expect(new Pseudonymizer(Buffer.from(KEY)).pseudonym('SN123')).toBe(pseudonymizer.pseudonym('SN123'));
  });

  it('follows the pg_ + 22 base64url characters format', () => {
    expect(pseudonymizer.pseudonym('SN123')).toMatch(/^pg_[A-Za-z0-9_-]{22}$/);
  });

  it('derives the pseudonym from HMAC-SHA256 over v1:value', async () => {
    const { createHmac } = await import('node:crypto');
    const expected = `pg_${createHmac('sha256', KEY).update('v1:SN123').digest('base64url').slice(0, 22)}`;
    expect(pseudonymizer.pseudonym('SN123')).toBe(expected);
  });

  it.each([
    ['another value', () => pseudonymizer.pseudonym('SN124')],
    ['another key', () => new Pseudonymizer(Buffer.alloc(32, 7)).pseudonym('SN123')],
  ])('differs for %s', (_name, other) => {
    expect(other()).not.toBe(pseudonymizer.pseudonym('SN123'));
  });

  it('keeps fingerprints stable and apart from pseudonyms', () => {
    expect(pseudonymizer.fingerprint('SN123')).toBe(new Pseudonymizer(KEY).fingerprint('SN123'));
    expect(pseudonymizer.fingerprint('SN123')).not.toBe(pseudonymizer.pseudonym('SN123').slice(3));
  });

  it('notices a change of type in fingerprints', () => {
    expect(pseudonymizer.fingerprint(1)).not.toBe(pseudonymizer.fingerprint('1'));
  });

  it('refuses a short key', () => {
    expect(() => new Pseudonymizer(Buffer.alloc(8))).toThrow(GatewayError);
  });
});

describe('planEdits', () => {
  const fields: ClassifiedField[] = [
    field({ segments: ['ssid'], value: 'HomeWifi', categories: ['network'] }),
    field({ segments: ['lat'], value: 51.5, categories: ['location'] }),
    field({ segments: ['gps_on'], value: true, categories: ['location'] }),
    field({ segments: ['addr'], value: null, categories: ['location'] }),
    field({ segments: ['note'], value: 'hello' }),
    field({ segments: ['serial'], value: 'SN123', categories: ['device'] }),
    field({ segments: ['device_no'], value: 4711, categories: ['device'] }),
    field({ segments: ['snapshot'], value: 'AAAA', categories: ['media'] }),
    field({ segments: ['firmware'], value: '1.2.3' }),
  ];
  const rules = [
    { id: 'net', category: 'network' as const, action: 'redact' as const },
    { id: 'loc', category: 'location' as const, action: 'redact' as const },
    { id: 'note', path: '$.note', action: 'redact' as const },
    { id: 'dev', category: 'device' as const, action: 'hash' as const },
    { id: 'media', category: 'media' as const, action: 'drop' as const },
  ];
  const edits = (mode: 'monitor' | 'enforce') =>
    planEdits(evaluate(flow(fields), compile({ mode, rules })), fields, pseudonymizer);

  it('plans typed placeholders, stable pseudonyms and drops in enforce mode', () => {
    expect(edits('enforce').map((e) => [e.field.path, e.action, e.replacement])).toEqual([
      ['$.ssid', 'redact', '[redacted:network]'],
      ['$.lat', 'redact', 0],
      ['$.gps_on', 'redact', false],
      ['$.addr', 'redact', null],
      ['$.note', 'redact', '[redacted]'],
      ['$.serial', 'hash', pseudonymizer.pseudonym('SN123')],
      ['$.device_no', 'hash', pseudonymizer.numericPseudonym(4711)],
      ['$.snapshot', 'drop', undefined],
    ]);
  });

  it('keeps a hashed number a whole number', () => {
    const n = pseudonymizer.numericPseudonym(4711);
    expect([Number.isSafeInteger(n), n]).toEqual([true, new Pseudonymizer(KEY).numericPseudonym(4711)]);
  });

  it('plans nothing in monitor mode', () => {
    expect(edits('monitor')).toEqual([]);
  });

  it('plans nothing for a blocked request', () => {
    const decision = evaluate(flow(fields), compile({ mode: 'enforce', rules: [...rules, { id: 'b', path: '$.firmware', action: 'block' }] }));
    expect(planEdits(decision, fields, pseudonymizer)).toEqual([]);
  });

  it('refuses fields that are not the ones decided on', () => {
    const decision = evaluate(flow(fields), compile({ mode: 'enforce', rules }));
    expect(() => planEdits(decision, [...fields].reverse(), pseudonymizer)).toThrow(/decision is about/);
    expect(() => planEdits(decision, fields.slice(1), pseudonymizer)).toThrow(/fields but/);
  });
});
