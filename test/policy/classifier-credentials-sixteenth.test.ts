import { describe, expect, it } from 'vitest';
import { at, classifyJson } from '../helpers/classify-json.js';

/**
 * The sixteenth round for credentials' precision: opaque identifiers, small numbers and plain URLs that the
 * classifier read as secrets, each shape with the secret that must stay flagged. Payloads written for the test.
 */
type Case = readonly [name: string, body: unknown, path: string, secret: boolean];

function itReadsSecrets(cases: readonly Case[]): void {
  it.each(cases)('%s', (_name, body, path, secret) => {
    const field = at(classifyJson(body), path);
    if (secret) expect(field.categories).toContain('credentials');
    else expect(field.categories).not.toContain('credentials');
  });
}

const base64 = (text: string) => Buffer.from(text).toString('base64');

describe('a random-looking value that is a reference or encoded text (value-detectors.ts, encoded-texts.ts)', () => {
  const report = { entry: [{ fullUrl: 'Observation/obs-718293645501928374-GLUC', resource: { status: 'final' } }] };
  const patient = { entry: [{ fullUrl: 'Patient/918273645546372819' }] };
  const reading = { records: [{ data_tag: base64('BLOOD_OXYGEN@31337'), value: 97 }] };
  const page = { pageInfo: { endCursor: base64('cursor2026-12-07T00:00:01Z'), hasNextPage: true } };
  itReadsSecrets([
    ["a FHIR reference: its letters in words, its long run a record's number", report, '$.entry[0].fullUrl', false],
    ["a FHIR patient's reference", patient, '$.entry[0].fullUrl', false],
    ["a record's tag, base64 of a label", reading, '$.records[0].data_tag', false],
    ["a page's cursor, base64 of a time", page, '$.pageInfo.endCursor', false],
    ['a generated token stays a secret', { k: 'qiCNieZa8Xk2LmPw4RtYu7Vb' }, '$.k', true],
    ['a login encoded for Basic auth stays a secret', { s: base64('anna:Hunter2Hunter2') }, '$.s', true],
    ['an encoded token stays a secret', { s: base64('sk_live_4eC39HqLyjWDarjtT1zdp7dc') }, '$.s', true],
  ]);
});

describe('a number or a URL no secret is written as (non-secret-values.ts)', () => {
  const board = { protectedGPIO: [{ pin: 17 }, { pin: 22 }] };
  const battery = { ChargeDischargePW1: -1000 };
  const hook = { webhook_url: 'https://www.example.com/hooks', share_url: 'https://profile.example.com/VaultTec-Co' };
  const capability = {
    webhook_url: 'http://192.168.0.2:8987/api/webhook/6a04d3b3884f77a0b5df3bf73f9d4292',
    share_url: 'https://photos.example.com/share?xauth=hvtEixyxCmqF',
  };
  itReadsSecrets([
    ["a GPIO list's pin is a connector", board, '$.protectedGPIO[1].pin', false],
    ['a negative number under a password abbreviation is a setting', battery, '$.ChargeDischargePW1', false],
    ['a webhook URL with nothing unguessable in it is an address', hook, '$.webhook_url', false],
    ["a public profile's share URL", hook, '$.share_url', false],
    ['a PIN of four digits stays a secret', { pin: 4912 }, '$.pin', true],
    ['a webhook URL with a token in its path stays a secret', capability, '$.webhook_url', true],
    ['a share URL with a token in its query stays a secret', capability, '$.share_url', true],
  ]);
});

describe("a key that repeats its record's id or name (lookup-keys.ts)", () => {
  const owner = { owner: { primaryKey: 'anna', uid: 'anna', displayname: 'Anna' } };
  const item = { category: { default_key: 'category_1', name: 'Category 1', id: 1 } };
  const azure = { device: { primaryKey: 'Xk2LmPw4RtYu7VbqiCNieZa8Q1w=', deviceId: 'thermostat-1' } };
  const named = { device: { deviceKey: 'e3b0c44298fc1c14', name: 'Hall sensor' } };
  itReadsSecrets([
    ["a collaboration app's user key, the user's uid", owner, '$.owner.primaryKey', false],
    ["a list item's default key, its name in lower case", item, '$.category.default_key', false],
    ["a device's primary key beside its id stays a secret", azure, '$.device.primaryKey', true],
    ["a device key beside a name it does not repeat stays a secret", named, '$.device.deviceKey', true],
  ]);
});
