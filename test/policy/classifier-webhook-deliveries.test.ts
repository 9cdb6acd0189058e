import { describe, expect, it } from 'vitest';
import { at, classifyJson } from '../helpers/classify-json.js';

/** A webhook's id in the message it delivers names the subscription; handed out to a receiver it is a secret. */
describe('webhook-delivery: a webhook id in the event it delivers', () => {
  const delivered = { event: 'sms:received', id: 'Ey6ECgOk', payload: { message: 'Hi', receivedAt: '2024-06-22T15:46:11Z' }, webhookId: 'c81e728d-9d4c' };

  it('is the subscription\'s name, not a secret', () => {
    const id = at(classifyJson(delivered), '$.webhookId');
    expect(id.categories).not.toContain('credentials');
    expect(at(classifyJson({ ...delivered, webhook_type: 'sms' }), '$.webhookId').categories).not.toContain('credentials');
  });

  it.each([
    ['without the event\'s body', { event: 'sms:received', webhookId: 'c81e728d-9d4c' }],
    ['handed out at registration', { webhook_id: 'abcdefgh', secret: 'qwerty', cloudhook_url: 'https://hooks.example.org/abc' }],
  ])('stays a secret %s', (_what, body) => {
    const id = classifyJson(body).find((f) => /webhook_?id$/i.test(f.field.path));
    expect(id?.categories).toContain('credentials');
  });
});
