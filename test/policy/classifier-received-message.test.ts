import { describe, expect, it } from 'vitest';
import { parsePayload } from '../../src/payload/index.js';
import type { ClassifiedField } from '../../src/policy/index.js';
import { classifyPayload, decidedBy } from '../../src/policy/classifier/index.js';
import { at, classifyJson } from '../helpers/classify-json.js';

/**
 * received-message (received-messages.ts): who an SMS, an MMS or a call came from, and what they wrote,
 * is somebody other than the owner's. Payloads are made up, in the shapes SMS gateways and telephony
 * APIs post (JSON bodies and form bodies).
 */
const by = (field: ClassifiedField) => decidedBy(field.findings ?? []);
const classifyForm = (body: string) => classifyPayload(parsePayload(Buffer.from(body), 'application/x-www-form-urlencoded'));

describe('received-message: the other party of a message or call', () => {
  it.each([
    // [payload, sender path, text path or undefined]
    [{ from: '+420601234567', to: '+420777000111', text: 'Running late', messageId: 'm-1' }, '$.from', '$.text'],
    [{ sender: '+14155550123', message: 'Gate code?', ts: 1717000000 }, '$.sender', '$.message'],
    [{ msisdn: '447700900123', to: '447700900000', text: 'STOP', 'message-timestamp': '2025-01-02 10:00:00' }, '$.msisdn', '$.text'],
    [{ event: 'sms:received', payload: { phoneNumber: '6505550199', message: 'Hi there', simNumber: 1 } }, '$.payload.phoneNumber', '$.payload.message'],
    [{ data: { from: { phone_number: '+13125550148', carrier: 'T-Mobile' }, text: 'See you', id: 'a1' } }, '$.data.from.phone_number', '$.data.text'],
    // A call: no text, the call's own keys say what it is.
    [{ from: '441234567890', to: '442038297050', conversation_uuid: 'CON-1', status: 'ringing', direction: 'inbound' }, '$.from', undefined],
    [{ CallerIDNum: '5551234', CallerIDName: 'Jan Novak', callId: 'c-9' }, '$.CallerIDNum', undefined],
  ])('reads %j: the sender personal and third_party, the text third_party', (payload, sender, text) => {
    const fields = classifyJson(payload);
    expect(at(fields, sender).categories).toEqual(['personal', 'third_party']);
    expect(by(at(fields, sender))).toContain('received-message');
    if (text !== undefined) expect(at(fields, text).categories).toContain('third_party');
  });

  it('reads a form body an SMS gateway posts the same way', () => {
    const fields = classifyForm('from=639171234567&body=hello+world');
    expect(at(fields, '$.from').categories).toEqual(['personal', 'third_party']);
    expect(at(fields, '$.body').categories).toEqual(['third_party']);
  });

  it('keeps the owner\'s number, the ids and the times out of third_party', () => {
    const fields = classifyJson({ from: '+420601234567', to: '+420777000111', text: 'Running late', messageId: 'm-1', receivedAt: '2025-03-01T10:00:00Z' });
    expect(at(fields, '$.to').categories).not.toContain('third_party');
    expect(at(fields, '$.messageId').categories).not.toContain('third_party');
    expect(at(fields, '$.receivedAt').categories).not.toContain('third_party');
  });

  it('keeps the recipient of a received message, the owner, out of third_party even where the message record rides it', () => {
    const fields = classifyJson([{ id: 'P1', sender: '+79990001234', recipient: '+420777000111', contentPreview: 'Hello', createdAt: '2020-01-01T00:00:00Z' }]);
    expect(at(fields, '$[0].sender').categories).toEqual(['personal', 'third_party']);
    expect(at(fields, '$[0].recipient').categories).toEqual(['personal']);
  });

  it('explains who it came from', () => {
    const fields = classifyJson({ sender: '+14155550123', message: 'Gate code?', ts: 1717000000 });
    expect(at(fields, '$.sender').explanation).toContain('who a message or call came from');
  });

  it.each([
    // A range of times or of places uses from and to as well.
    [{ from: '2025-03-01T08:00:00Z', to: '2025-03-01T09:00:00Z', text: 'Morning programme', id: 4 }, '$.from'],
    [{ from: 'Prague', to: 'Brno', text: 'Route', id: 4 }, '$.from'],
    // A message the owner sent: a direction or a delivery report says so.
    [{ from: '+420601234567', to: '+420777000111', text: 'On my way', id: 'm-2', direction: 'outbound-api' }, '$.text'],
    [{ from: '+420601234567', to: '+420777000111', text: 'On my way', id: 'm-2', deliveredAt: '2025-03-01T10:00:00Z' }, '$.text'],
    [{ event: 'sms:sent', payload: { phoneNumber: '+420777000111', message: 'On my way', messageId: 'x' } }, '$.payload.message'],
    // A request to send one: who it goes to, no id or time of its own.
    [{ from: '+420601234567', to: '+420777000111', message: 'Alarm armed' }, '$.message'],
    // A network flow's source is no person; neither is a notification's text with nobody sending it.
    [{ source: { address: '10.0.0.4', name: 'laptop' }, direction: 'ingress', timestamp: '2025-03-01T10:00:00Z' }, '$.source.name'],
    [{ topic: 'home', message: 'Washing machine done', time: 1717000000 }, '$.message'],
  ])('leaves %j alone at %s', (payload, path) => {
    const fields = classifyJson(payload);
    expect(at(fields, path).categories).not.toContain('third_party');
    expect(by(at(fields, path))).not.toContain('received-message');
  });
});

describe('sent-by-other: who sent a thing delivered to a receiver', () => {
  it('adds third_party to what the sender\'s container names, not to the receiver', () => {
    const fields = classifyJson({ shipmentNumber: '6800001', sender: { name: 'Jana Berg', email: 'jana@example.net' }, receiver: { email: 'me@example.org', phoneNumber: '+420601234567' } });
    expect(at(fields, '$.sender.name').categories).toContain('third_party');
    expect(at(fields, '$.sender.email').categories).toEqual(['personal', 'third_party']);
    expect(by(at(fields, '$.sender.email'))).toContain('sent-by-other');
    expect(at(fields, '$.receiver.email').categories).toEqual(['personal']);
  });

  it('needs a receiver: a sender alone (an MQTT client, a notification) is left alone', () => {
    const fields = classifyJson({ sender: { name: 'Kitchen sensor', email: 'me@example.org' }, payload: { state: 'on' } });
    expect(at(fields, '$.sender.email').categories).toEqual(['personal']);
  });
});
