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
