import { describe, expect, it } from 'vitest';
import { parsePayload } from '../../src/payload/index.js';
import { classifyPayload, Pseudonymizer } from '../../src/policy/index.js';
import { fingerprintsOf } from '../../src/proxy/pipeline/fingerprints.js';

const KEY = Buffer.alloc(32, 3);

const classified = (body: object) => classifyPayload(parsePayload(Buffer.from(JSON.stringify(body)), 'application/json'));

/** Networks heard by a device, and its serial: a list template and a single field, both fingerprinted. */
const scan = (ssids: readonly string[]) => ({ serial: 'SN-4417-2291-08', ap_list: ssids.map((ssid) => ({ ssid, rssi: -50 })) });

describe('fingerprintsOf', () => {
  it('fingerprints each template once, over all its values in body order', () => {
    const pseudonymizer = new Pseudonymizer(KEY);
    const fingerprints = fingerprintsOf(classified(scan(['home-net', 'cafe-wifi', 'neighbour-5g'])), pseudonymizer);
    expect(fingerprints.get('$.ap_list[*].ssid')).toBe(pseudonymizer.fingerprint('home-net', 'cafe-wifi', 'neighbour-5g'));
    expect(fingerprints.get('$.serial')).toBe(pseudonymizer.fingerprint('SN-4417-2291-08'));
    expect([...fingerprints.keys()].indexOf('$.serial')).toBeLessThan([...fingerprints.keys()].indexOf('$.ap_list[*].ssid'));
  });

  it('starts every request with empty lists: a shorter list after a longer one is fingerprinted alone', () => {
    const pseudonymizer = new Pseudonymizer(KEY);
    fingerprintsOf(classified(scan(['home-net', 'cafe-wifi', 'neighbour-5g'])), pseudonymizer);
    const after = fingerprintsOf(classified(scan(['office-wifi'])), pseudonymizer);
    expect(after.get('$.ap_list[*].ssid')).toBe(pseudonymizer.fingerprint('office-wifi'));
  });

  it('empties the lists when fingerprinting throws, so the next request does not see its values', () => {
    const failing = new Pseudonymizer(KEY);
    failing.fingerprintOf = () => {
      throw new Error('the fingerprint key is gone');
    };
    expect(() => fingerprintsOf(classified(scan(['home-net', 'cafe-wifi'])), failing)).toThrow('the fingerprint key is gone');
    const pseudonymizer = new Pseudonymizer(KEY);
    const after = fingerprintsOf(classified(scan(['office-wifi'])), pseudonymizer);
    expect(after.get('$.ap_list[*].ssid')).toBe(pseudonymizer.fingerprint('office-wifi'));
  });
});
