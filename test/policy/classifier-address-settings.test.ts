import { describe, expect, it } from 'vitest';
import { decidedBy } from '../../src/policy/classifier/index.js';
import { classifyJson, at } from '../helpers/classify-json.js';

/** address-settings.ts: a number under an e-mail key is a setting or a count of the channel, not an address. */
describe('address-setting', () => {
  it.each([
    ['a bit mask of notification types sent by mail', { settings: { notificationTypes: { email: 4196 } } }, '$.settings.notificationTypes.email'],
    ['a channel switched on as 1', { channels: { mail: 1 } }, '$.channels.mail'],
    ['a count of mails under a user', { user: { email: 12 } }, '$.user.email'],
  ])('does not flag %s as personal', (_what, payload, path) => {
    const field = at(classifyJson(payload), path);
    expect(field.categories).not.toContain('personal');
  });

  it('leaves a count under a user\'s e-mail key with no category', () => {
    const field = at(classifyJson({ user: { email: 12 }, name: 'x' }), '$.user.email');
    expect(field.categories).toEqual([]);
  });

  it.each([
    ['an address under an e-mail key', { email: 'ann@example.com' }, '$.email'],
    ['a masked address under a user key', { user: { email: 'a***@***.com' } }, '$.user.email'],
    ['a number under a phone key', { phone: 4915123456789 }, '$.phone'],
  ])('still flags %s as personal', (_what, payload, path) => {
    const field = at(classifyJson(payload), path);
    expect(field.categories).toContain('personal');
    expect(decidedBy(field.findings ?? [])).not.toContain('address-setting');
  });
});
