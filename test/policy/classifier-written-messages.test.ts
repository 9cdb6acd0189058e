import { describe, expect, it } from 'vitest';
import { classifyJson, at } from '../helpers/classify-json.js';

/** written-messages.ts: the bare text of a message or a notification was typed, not said. */
describe('written-message', () => {
  it.each([
    ['an inbound SMS with a message id', { messageId: '1234', fromNumber: '250788383383', text: 'Hello World, how are you' }, '$.text'],
    ['a message whose parties are records', { payload: { from: { phone_number: '+18665550001' }, to: [{ phone_number: '+18445550001' }], text: 'Hello there, World' } }, '$.payload.text'],
    ['a notification of the service', { notifications: [{ data: { text: 'To celebrate the summer we have given you a gift' } }] }, '$.notifications[0].data.text'],
  ])('does not read %s as speech', (_what, payload, path) => {
    const field = at(classifyJson(payload), path);
    expect(field.categories).not.toContain('media');
    expect(field.categories).not.toContain('behaviour');
  });

  it.each([
    ['a command said to an assistant', { data: { text: 'Turn on the lights', language: 'en' } }, '$.data.text'],
    ['a sentence of a transcript', { results: { sentences: [{ text: 'I said it before and I will say it again', start: 0.1, end: 2.3 }] } }, '$.results.sentences[0].text'],
    // A bare `from` holding a number bounds a range of the recording, as often as `from` names a sender.
    ['a piece of speech timed from a second', { pieces: [{ text: 'open the garage door', from: 12.5, to: 14 }] }, '$.pieces[0].text'],
  ])('still reads %s as speech', (_what, payload, path) => {
    const field = at(classifyJson(payload), path);
    expect(field.categories).toEqual(['media', 'behaviour']);
  });

  it('leaves a conversation turn with a role to the conversation-turn detector', () => {
    const field = at(classifyJson({ messages: [{ role: 'user', text: 'what is the weather tomorrow' }] }), '$.messages[0].text');
    expect(field.categories).toContain('media');
  });
});
