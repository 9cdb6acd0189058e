import { describe, expect, it } from 'vitest';
import { classifyJson, at } from '../helpers/classify-json.js';

/**
 * The tenth round for people, their records and their secrets (issue 7): whose field a wrapped `value` is,
 * and the numbers of identity documents.
 */
describe('parent: a value wrapped under a field of a listed record is that field\'s', () => {
  // As a password manager's exchange format writes its items (made-up values).
  const fields = classifyJson({
    credentials: [
      { type: 'drivers-license', licenseNumber: { fieldType: 'string', value: 'D1234567' }, issueDate: { fieldType: 'date', value: '2020-01-01' } },
      { type: 'basic-auth', password: { fieldType: 'concealed-string', value: 'correct horse battery' } },
    ],
    user: { communications: [{ system: 'email', value: 'x@example.org' }] },
  });

  it('does not read a date or a number under "credentials" as a secret', () => {
    expect(at(fields, '$.credentials[0].issueDate.value').categories).not.toContain('credentials');
    expect(at(fields, '$.credentials[0].licenseNumber.value').categories).toEqual(['personal']);
  });

  it('still reads the value of a field that names a secret as one', () => {
    expect(at(fields, '$.credentials[1].password.value').categories).toContain('credentials');
  });

  it('lets a record above a list speak for its listed values (not a field of a listed record)', () => {
    expect(at(fields, '$.user.communications[0].value').categories).toContain('personal');
  });
});

describe('care-record: records of care as FHIR writes them', () => {
  // As a personal health record server returns a bundle (names, ids and codes made up).
  const fields = classifyJson({
    entry: [
      { resource: { resourceType: 'Patient', id: 'p1', name: [{ family: 'Doe', given: ['Jane'] }], identifier: [{ system: 'urn:mrn', value: 'MRN-4411' }],
        telecom: [{ system: 'phone', value: '555-0100' }], maritalStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-MaritalStatus', code: 'M', display: 'Married' }], text: 'Married' } } },
      { resource: { resourceType: 'Practitioner', id: 'd1', name: [{ text: 'Smith, Alan' }] } },
      { resource: { resourceType: 'Condition', subject: { reference: 'urn:uuid:0a1b', display: 'Jane Doe' },
        code: { coding: [{ system: 'http://hl7.org/fhir/sid/icd-10', code: '4711', display: 'Pleurisy' }], text: 'Pleurisy' }, note: [{ text: 'pain when breathing in' }] } },
      { resource: { resourceType: 'Observation', subject: { reference: 'Patient/p1' }, performer: [{ reference: 'Practitioner/d1', display: 'Dr Alan Smith' }],
        code: { coding: [{ system: 'http://loinc.org', code: '29463-7', display: 'Body weight' }], text: 'Body weight' }, reasonReference: [{ reference: 'Condition/c1' }],
        serviceProvider: { reference: 'Organization/o1', display: 'Town clinic' } } },
    ],
  });
  const categories = (path: string) => at(fields, path).categories;

  it.each([
    ['$.entry[0].resource.name[0].family', ['personal']],
    ['$.entry[0].resource.name[0].given[0]', ['personal']],
    ['$.entry[0].resource.identifier[0].value', ['personal']],
    ['$.entry[0].resource.telecom[0].value', ['personal']],
    ['$.entry[0].resource.maritalStatus.coding[0].display', ['personal']],
    ['$.entry[1].resource.name[0].text', ['personal', 'third_party']],
    ['$.entry[2].resource.subject.reference', ['personal']],
    ['$.entry[2].resource.subject.display', ['personal']],
    ['$.entry[2].resource.code.coding[0].display', ['health']],
    ['$.entry[2].resource.code.text', ['health']],
    ['$.entry[2].resource.note[0].text', ['health']],
    ['$.entry[3].resource.subject.reference', ['personal']],
    ['$.entry[3].resource.performer[0].reference', ['personal', 'third_party']],
    ['$.entry[3].resource.performer[0].display', ['personal', 'third_party']],
    ['$.entry[3].resource.reasonReference[0].reference', ['health']],
  ])('reads %s as %j', (path, expected) => {
    expect(categories(path)).toEqual(expected);
  });

  it('leaves what names a measurement, an organisation or a record alone', () => {
    expect(categories('$.entry[3].resource.code.coding[0].display')).toEqual([]);
    expect(categories('$.entry[3].resource.code.text')).toEqual([]);
    expect(categories('$.entry[3].resource.serviceProvider.reference')).not.toContain('personal');
    expect(categories('$.entry[3].resource.serviceProvider.display')).not.toContain('personal');
  });

  it('does not read a terminology code as a PIN', () => {
    expect(categories('$.entry[2].resource.code.coding[0].code')).not.toContain('credentials');
  });

  it('reads the code of a diagnosis or a trait as the concept, not the code of a measurement or a visit type', () => {
    expect(categories('$.entry[2].resource.code.coding[0].code')).toEqual(['health']);
    expect(categories('$.entry[0].resource.maritalStatus.coding[0].code')).toEqual(['personal']);
    expect(categories('$.entry[3].resource.code.coding[0].code')).toEqual([]);
    const visit = classifyJson({ resourceType: 'Encounter', type: [{ coding: [{ system: 'http://snomed.info/sct', code: '162673000' }] }],
      reasonCode: [{ coding: [{ code: 'K57.80' }] }] });
    expect(at(visit, '$.type[0].coding[0].code').categories).toEqual([]);
    expect(at(visit, '$.reasonCode[0].coding[0].code').categories).toEqual(['health']);
  });

  it('needs a reference: a subject that is a text is no person', () => {
    const mail = classifyJson({ subject: { display: 'Weekly report' }, author: { display: 'Build bot' } });
    expect(at(mail, '$.subject.display').categories).toEqual([]);
    expect(at(mail, '$.author.display').categories).not.toContain('third_party');
  });
});

describe('work-creator: who a published work credits as its maker', () => {
  it('reads the owner of a video that counts its audience as somebody else', () => {
    // As a video site lists what the owner liked (made-up ids and names).
    const fields = classifyJson({ items: [{ likedAt: '2026-01-02T10:00:00Z', video: { id: 'sm9', title: 'A song', count: { view: 120, comment: 4, like: 9 },
      uploaderName: 'studio-k', owner: { id: '81723', name: 'Kana', iconUrl: 'https://img.example/u/81723.jpg' } } }] });
    expect(at(fields, '$.items[0].video.owner.id').categories).toEqual(['personal', 'third_party']);
    expect(at(fields, '$.items[0].video.owner.name').categories).toEqual(['personal', 'third_party']);
  });

  it('leaves an owner outside a published work, and what nothing reads as a person, alone', () => {
    const fields = classifyJson({ camera: { id: 'c1', owner: { id: '81723', name: 'Kana' } }, video: { count: { view: 3, like: 1 }, owner: { id: 7, ownerType: 'user' } } });
    expect(at(fields, '$.camera.owner.id').categories).toEqual(['personal']);
    expect(at(fields, '$.video.owner.ownerType').categories).toEqual([]);
  });
});

describe('shared-thing: things another household shared with the owner', () => {
  it('reads the ids of a shared appliance as somebody else\'s, and leaves its name alone', () => {
    // As an appliance maker's app lists appliances shared with the account (made-up ids).
    const fields = classifyJson({ sharedAppliances: [{ shareId: 12, sharedFirstName: 'Ana', appliances: [{ APPLIANCE_ID: 95842, SERIAL: 'XK4471', APPLIANCE_NAME: 'Oven 2' }] }] });
    expect(at(fields, '$.sharedAppliances[0].appliances[0].SERIAL').categories).toEqual(['device', 'third_party']);
    expect(at(fields, '$.sharedAppliances[0].appliances[0].APPLIANCE_NAME').categories).toEqual([]);
  });

  it('leaves the owner\'s own things, and what they are shared with, to other readings', () => {
    const fields = classifyJson({ appliances: [{ SERIAL: 'XK4471', sharedWith: ['ana@example.org'] }], shareCount: 2 });
    expect(at(fields, '$.appliances[0].SERIAL').categories).toEqual(['device']);
  });
});

describe('key: emergency contacts', () => {
  it.each([
    ['sos_phone', '+33612345678', ['personal', 'third_party']],
    ['emergencyContactName', 'Ana B', ['personal', 'third_party']],
    ['emergencyNumber', '112', []],
  ])('reads %s as %j', (key, value, expected) => {
    expect(at(classifyJson({ [key]: value }), `$.${key}`).categories).toEqual(expected);
  });
});

describe('relation-flag: an entry marked by its relation to the reader', () => {
  it('reads the id and nickname of an account the reader follows as somebody else\'s', () => {
    // As a video site lists the accounts the owner follows (made-up ids and names).
    const fields = classifyJson({ items: [{ type: 'relationship', relationships: { sessionUser: { isFollowing: true }, isMe: false }, id: 4, nickname: 'kana', isPremium: false }] });
    expect(at(fields, '$.items[0].id').categories).toEqual(['personal', 'third_party']);
    expect(at(fields, '$.items[0].nickname').categories).toEqual(['personal', 'third_party']);
    expect(at(fields, '$.items[0].isPremium').categories).toEqual([]);
  });

  it('leaves the reader\'s own entry, and entries that say nothing of the reader, alone', () => {
    const fields = classifyJson({ items: [{ isMe: true, id: 4, nickname: 'me' }, { isFollowing: false, id: 5, nickname: 'other' }] });
    expect(at(fields, '$.items[0].nickname').categories).toEqual(['personal']);
    expect(at(fields, '$.items[1].nickname').categories).toEqual(['personal']);
    expect(at(fields, '$.items[0].id').categories).not.toContain('third_party');
  });
});

describe('key: an installation is the household\'s site', () => {
  it('reads an installation\'s id and name as the home\'s', () => {
    // As a heating maker's cloud lists the owner's installations (made-up ids).
    const fields = classifyJson({ installations: [{ _id: '5f1e2a', installation_id: '5f1e2a', name: 'Casa Playa', ws_ids: ['AA11BB'] }] });
    expect(at(fields, '$.installations[0].installation_id').categories).toContain('personal');
    expect(at(fields, '$.installations[0].name').categories).toEqual(['personal']);
  });
});

describe('payment-card: a record written as a payment card', () => {
  it('reads the number, verification code and holder of a card with an expiry', () => {
    // As a password manager exports a card (a test card number).
    const fields = classifyJson({ card: { cardholderName: 'John Doe', expMonth: '1', expYear: '2032', code: '123', brand: 'Visa', number: '4111111111111111' } });
    expect(at(fields, '$.card.number').categories).toEqual(['personal', 'credentials']);
    expect(at(fields, '$.card.code').categories).toEqual(['credentials']);
    expect(at(fields, '$.card.cardholderName').categories).toEqual(['personal']);
    expect(at(fields, '$.card.brand').categories).toEqual([]);
  });

  it('leaves a charge card or a status code without an expiry alone', () => {
    const fields = classifyJson({ chargeCard: { number: 'NL-ABC-123456', code: '123' }, result: { code: '123', message: 'ok' } });
    expect(at(fields, '$.chargeCard.code').categories).not.toContain('credentials');
    expect(at(fields, '$.result.code').categories).not.toContain('credentials');
  });
});
