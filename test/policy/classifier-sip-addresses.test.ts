import { describe, expect, it } from 'vitest';
import { classifyJson, at } from '../helpers/classify-json.js';

/** value-detectors.ts, identifier-shape: `user@host` under a SIP key is a SIP endpoint (network), not an e-mail. */
describe('SIP addresses', () => {
  it.each([
    ['a favourite under a SIP record', { sip: { '0': { title: 'Johns Phone', value: '1234@sip.example.com' } } }, '$.sip["0"].value'],
    ['a SIP URI key', { sip_uri: '101@pbx.home.arpa' }, '$.sip_uri'],
  ])('reads %s as network, not personal', (_what, payload, path) => {
    const field = at(classifyJson(payload), path);
    expect(field.categories).toContain('network');
    expect(field.categories).not.toContain('personal');
  });

  it.each([
    ['an e-mail address', { contact: { value: 'ann@example.com' } }, '$.contact.value'],
    ['an e-mail beside a SIP setting', { sip_enabled: true, email: 'ann@example.com' }, '$.email'],
  ])('still reads %s as personal', (_what, payload, path) => {
    expect(at(classifyJson(payload), path).categories).toContain('personal');
  });
});
