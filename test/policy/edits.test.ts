import { describe, expect, it } from 'vitest';
import { GatewayError } from '../../src/errors.js';
import { evaluate, planEdits, Pseudonymizer, registrableDomain, vendorOf, type ClassifiedField } from '../../src/policy/index.js';
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

describe('Pseudonymizer: keys per device and vendor', () => {
  const hashed = (value: string, policy: Parameters<typeof compile>[0], host = 'api.vendor.com', client = '192.168.1.50') => {
    const fields = [field({ segments: ['serial'], value, categories: ['device'] })];
    const decision = evaluate(flow(fields, { host, clientAddress: client }), compile(policy));
    return planEdits(decision, fields, pseudonymizer)[0]?.replacement;
  };
  const rules = [{ id: 'dev', category: 'device' as const, action: 'hash' as const }];
  const plug = { id: 'plug', name: 'Plug', addresses: ['192.168.1.50'] };
  const lamp = { id: 'lamp', name: 'Lamp', addresses: ['192.168.1.51'] };
  const devices = [plug, lamp];
  const perVendor = { mode: 'enforce' as const, rules, devices };

  it('gives one device and vendor the same pseudonym every time', () => {
    expect(hashed('SN123', perVendor)).toBe(hashed('SN123', perVendor));
    expect(hashed('SN123', perVendor)).toMatch(/^pg_[A-Za-z0-9_-]{22}$/);
  });

  it('shares the key across one vendor\'s host names', () => {
    expect(hashed('SN123', perVendor, 'eu.api.vendor.com')).toBe(hashed('SN123', perVendor, 'us.vendor.com'));
  });

  it.each([
    ['another vendor', () => hashed('SN123', perVendor, 'api.other-vendor.net')],
    ['another device', () => hashed('SN123', perVendor, 'api.vendor.com', '192.168.1.51')],
    ['the household key', () => pseudonymizer.pseudonym('SN123')],
  ])('differs for %s', (_name, other) => {
    expect(other()).not.toBe(hashed('SN123', perVendor));
  });

  it('keys by the vendor the owner named for a destination, whatever its host', () => {
    const named = {
      ...perVendor,
      destinations: [{ vendor: 'Acme', hosts: ['acme-cloud.example'] }, { vendor: 'Acme', hosts: ['*.acme.example'] }],
    };
    expect(hashed('SN123', named, 'acme-cloud.example')).toBe(hashed('SN123', named, 'eu.acme.example'));
    expect(hashed('SN123', named, 'acme-cloud.example')).toBe(pseudonymizer.forVendor('plug', 'vendor:acme').pseudonym('SN123'));
  });

  it('gives every vendor and device the same pseudonym when the policy asks for household-wide pseudonyms', () => {
    const household = { ...perVendor, pseudonyms: 'household' as const };
    expect(hashed('SN123', household)).toBe(pseudonymizer.pseudonym('SN123'));
    expect(hashed('SN123', household, 'api.other-vendor.net')).toBe(pseudonymizer.pseudonym('SN123'));
    expect(hashed('SN123', household, 'api.vendor.com', '192.168.1.51')).toBe(pseudonymizer.pseudonym('SN123'));
  });

  it('lets one device opt into household-wide pseudonyms', () => {
    const policy = { ...perVendor, devices: [{ ...plug, pseudonyms: 'household' as const }, lamp] };
    expect(hashed('SN123', policy, 'api.other-vendor.net')).toBe(pseudonymizer.pseudonym('SN123'));
    expect(hashed('SN123', policy, 'api.other-vendor.net', '192.168.1.51')).not.toBe(pseudonymizer.pseudonym('SN123'));
  });

  it('derives the key with HKDF-SHA256 from the household key, the device and the vendor', async () => {
    const { createHmac, hkdfSync } = await import('node:crypto');
    const info = Buffer.from('device:plug\u0000site:vendor.com');
    const derived = Buffer.from(hkdfSync('sha256', KEY, Buffer.from('privacy-gateway pseudonym key v2'), info, 32));
    const expected = `pg_${createHmac('sha256', derived).update('v1:SN123').digest('base64url').slice(0, 22)}`;
    expect(hashed('SN123', perVendor)).toBe(expected);
  });

  it.each([
    ['api.vendor.com', 'vendor.com'],
    ['eu.api.vendor.co.uk', 'vendor.co.uk'],
    ['vendor.com.', 'vendor.com'],
    ['localhost', 'localhost'],
    ['192.168.1.10', '192.168.1.10'],
  ])('names the registrable domain of %s as %s', (host, expected) => {
    expect(registrableDomain(host)).toBe(expected);
  });

  it('prefers the vendor name the owner gave over the host', () => {
    expect(vendorOf({ vendor: ' Acme ', host: 'x.y.z' })).toBe('vendor:acme');
    expect(vendorOf({ vendor: undefined, host: 'x.y.z' })).toBe('site:y.z');
  });
});

describe('planEdits: numbers keep their JSON type', () => {
  const huge = (): ClassifiedField => {
    const cf = field({ segments: ['odometer'], value: '1e400', categories: ['device'] });
    return { ...cf, field: { ...cf.field, numberToken: true } };
  };
  it.each([
    ['redact', 0],
    ['hash', pseudonymizer.forVendor('default', 'site:vendor.com').numericPseudonym('1e400')],
  ] as const)('%s of a number kept as text (1e400) gives a number', (action, expected) => {
    const fields = [huge()];
    const decision = evaluate(flow(fields), compile({ mode: 'enforce', rules: [{ id: 'r', path: '$.odometer', action }] }));
    const replacement = planEdits(decision, fields, pseudonymizer)[0]?.replacement;
    expect(typeof replacement).toBe('number');
    expect(replacement).toBe(expected);
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
    // The flow's client matches no device and api.vendor.com no destination: the key is default × vendor.com.
    const key = pseudonymizer.forVendor('default', 'site:vendor.com');
    expect(edits('enforce').map((e) => [e.field.path, e.action, e.replacement])).toEqual([
      ['$.ssid', 'redact', '[redacted:network]'],
      ['$.lat', 'redact', 0],
      ['$.gps_on', 'redact', false],
      ['$.addr', 'redact', null],
      ['$.note', 'redact', '[redacted]'],
      ['$.serial', 'hash', key.pseudonym('SN123')],
      ['$.device_no', 'hash', key.numericPseudonym(4711)],
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
