import { describe, expect, it } from 'vitest';
import { classifyJson, at } from '../helpers/classify-json.js';

/**
 * The thirteenth round for people and third parties (issue 7): whose a record is when it lists other
 * people, and which of its leaves say anything about them.
 */
describe('people-containers: a record\'s type tag in a list of people', () => {
  // As a shared calendar's JSON:API answer lists an event's attendees (made-up ids).
  const fields = classifyJson({
    attendees: [{ id: 'CAL001,USER002', type: 'user' }],
    contacts: [{ kind: 'friend', email: 'jane@example.org' }],
  });
  const categories = (path: string) => at(fields, path).categories;

  it.each([['$.attendees[0].type'], ['$.contacts[0].kind']])('leaves %s alone: it says what sort of record the entry is', (path) => {
    expect(categories(path)).toEqual([]);
  });

  it.each([['$.attendees[0].id'], ['$.contacts[0].email']])('still reads %s as the other person\'s', (path) => {
    expect(categories(path)).toContain('third_party');
  });
});

describe('relation-flag: flags written as 0 and 1', () => {
  // As a location-sharing app lists the friends its user follows (made-up people).
  const fields = classifyJson({
    following: { data: [{ who: { id: 'u_999', fullname: 'Abby Johnson', friend: 1, follower: 0, following: 1 } }] },
    users: [{ id: 'u_1', following: 1, posts: 0 }],
  });
  const categories = (path: string) => at(fields, path).categories;

  it('reads the id beside the flags as the followed person\'s own', () => {
    expect(categories('$.following.data[0].who.id')).toEqual(['personal', 'third_party']);
  });

  it('carries the followed person\'s name into third_party', () => {
    expect(categories('$.following.data[0].who.fullname')).toContain('third_party');
  });

  it('leaves an entry with a lone count named like a flag alone', () => {
    expect(categories('$.users[0].id')).not.toContain('third_party');
  });
});

describe('key: an organisation is a business customer\'s account', () => {
  // As camera and occupancy-sensor clouds post webhooks to their customer (made-up ids and names).
  const fields = classifyJson({
    org_id: 'a96fec42-edee-4bb4-8457-a89b90d3d258',
    metadata: { organization_id: 'b448f9cc-a842-4784-98e9-03c1a5872950', org_name: 'Murphy Group', building_id: 'building_2o', floor_id: 'space_2o' },
    organization: 'Notion User',
  });
  const categories = (path: string) => at(fields, path).categories;

  it.each([['$.org_id'], ['$.metadata.organization_id'], ['$.metadata.org_name']])('reads %s as the account holder\'s', (path) => {
    expect(categories(path)).toEqual(['personal']);
  });

  it.each([['$.metadata.building_id'], ['$.metadata.floor_id']])('does not read %s as a person\'s id beside an organisation\'s name', (path) => {
    expect(categories(path)).not.toContain('personal');
  });

  it('leaves a bare organization word alone', () => {
    expect(categories('$.organization')).toEqual([]);
  });
});

describe('key: the id of whoever did an act to a record', () => {
  // As a shared to-do list reports its completed items (made-up ids).
  const fields = classifyJson({
    items: [{ id: '8686843758', added_by_uid: '2671355', approvedById: '77', sorted_by_id: '3', requestor_id: 'bot-7' }],
  });
  const categories = (path: string) => at(fields, path).categories;

  it.each([['$.items[0].added_by_uid'], ['$.items[0].approvedById']])('reads %s as a person\'s id', (path) => {
    expect(categories(path)).toEqual(['personal']);
  });

  it.each([['$.items[0].sorted_by_id'], ['$.items[0].requestor_id']])('leaves %s alone: an ordering, or a role a bot plays as often', (path) => {
    expect(categories(path)).not.toContain('personal');
  });
});

describe('record-subject: the parts of a name in a person\'s record', () => {
  // As a cycling computer's and an emergency app's clouds answer with a user (made-up people).
  const fields = classifyJson({
    data: { first: 'Bob', last: 'Smith', email: 'sample@example.org', gender: 1 },
    requests: [{ fname: 'Jane', lname: 'Doe', phone: '+14155550123' }],
    page: { first: 'cursor-a', last: 'cursor-z', total: 40 },
    sensor: { first: 'Kitchen', last: 'Hall', serialNumber: 'SN1234567' },
  });
  const categories = (path: string) => at(fields, path).categories;

  it.each([['$.data.first'], ['$.data.last'], ['$.requests[0].fname'], ['$.requests[0].lname']])('reads %s as a person\'s name', (path) => {
    expect(categories(path)).toContain('personal');
  });

  it.each([['$.page.first'], ['$.page.last'], ['$.sensor.first'], ['$.sensor.last']])('leaves %s alone outside a person\'s record', (path) => {
    expect(categories(path)).not.toContain('personal');
  });
});

describe('key: the record of somebody who by their role is not the account holder', () => {
  // As a call centre's telephony posts an incoming call, and a camera cloud its watch list (made-up people).
  const fields = classifyJson({
    caller_info: { name: 'John Customer', custom_field: 'CRM_ID_12345' },
    account_info: { name: 'Jane Owner' },
    persons_of_interest: [{ label: 'Delivery stranger', person_id: '86g3mouo-h9im', created: 156156156, last_seen: 1561561565 }],
  });
  const categories = (path: string) => at(fields, path).categories;

  it.each([['$.caller_info.name'], ['$.caller_info.custom_field'], ['$.persons_of_interest[0].label'], ['$.persons_of_interest[0].person_id'],
    ['$.persons_of_interest[0].last_seen']])('reads %s as somebody else\'s', (path) => {
    expect(categories(path)).toContain('third_party');
  });

  it.each([['$.account_info.name'], ['$.persons_of_interest[0].created']])('leaves %s out of third_party', (path) => {
    expect(categories(path)).not.toContain('third_party');
  });

  it('reads the name in a caller\'s record as a person\'s name', () => {
    expect(categories('$.caller_info.name')).toEqual(['personal', 'third_party']);
  });
});

describe('received-message: a request that lists its recipients is the owner\'s own message', () => {
  // As a messenger's REST bridge is asked to send a text (made-up numbers).
  const sent = classifyJson({ message: 'Hello World!', number: '+4312121314912', recipients: ['+4354546464654', '+4912812812121'] });
  // As an SMS gateway posts a text that arrived (made-up numbers).
  const received = classifyJson({ message: 'See you at 8', from: '+4354546464654', id: 'msg-77', received_at: '2026-12-07T10:00:00Z' });

  it.each([['$.number'], ['$.message']])('leaves %s of a send request out of third_party', (path) => {
    expect(at(sent, path).categories).not.toContain('third_party');
  });

  it('still reads the sender of a received text as somebody else', () => {
    expect(at(received, '$.from').categories).toEqual(['personal', 'third_party']);
  });
});

describe('people-list: a thing\'s id in the entry of a person the owner alerts', () => {
  // As a GPS tracker's cloud lists the contacts its SOS alerts reach (made-up people and ids).
  const fields = classifyJson({
    items: [{ sms_contacts: [{ id: 100004, phone: '+4917383836316', tracker_id: 100000 }] }],
  });
  const categories = (path: string) => at(fields, path).categories;

  it('reads the tracker\'s id as the owner\'s device, not the contact\'s', () => {
    expect(categories('$.items[0].sms_contacts[0].tracker_id')).toEqual(['device']);
  });

  it('still reads the contact\'s phone as somebody else\'s', () => {
    expect(categories('$.items[0].sms_contacts[0].phone')).toEqual(['personal', 'third_party']);
  });
});
