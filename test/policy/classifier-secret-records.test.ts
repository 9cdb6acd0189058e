import { describe, expect, it } from 'vitest';
import { decidedBy } from '../../src/policy/classifier/index.js';
import { at, classifyJson } from '../helpers/classify-json.js';

/**
 * Records that are a secret's (eleventh round, credentials): a bare `key` whose siblings describe a secret,
 * and the user name of a TURN or STUN relay.
 */
describe('secret-record', () => {
  it.each([
    ['a Wi-Fi network that authenticates', { ssid: 'MyNetwork', authentication: 'wpa2-psk', key: 'correct horse' }, '$.key'],
    ['a key of a kind', { keys: [{ id: 'admin', keyType: 'ADMIN_KEY', key: 'a1b2c3' }] }, '$.keys[0].key'],
    ['a key that expires', { name: 'Default key', expires: '2023-06-01T14:47:22Z', revoked: false, key: 'A616097E-FCF0' }, '$.key'],
  ])('reads the key of %s as credentials', (_what, body, path) => {
    const field = at(classifyJson(body), path);
    expect(field.categories).toEqual(['credentials']);
    expect(decidedBy(field.findings ?? [])).toContain('secret-record');
    expect(field.explanation ?? '').not.toContain('correct horse');
  });

  it.each([
    ['a setting', { key: 'brightness', value: 40 }, '$.key'],
    ['a translation', { key: 'door_open', text: 'Door open', updated: '2024-01-01' }, '$.key'],
    ['a key with an expiry elsewhere', { key: 'brightness', token: { expires: 3600 } }, '$.key'],
  ])('leaves the key of %s alone', (_what, body, path) => {
    expect(at(classifyJson(body), path).categories).toEqual([]);
  });
});

describe('relay-login', () => {
  it.each([
    [{ turnServer: { username: 'session-1234', password: 'p', turnUrl: ['turn:relay.example:443'] } }, '$.turnServer.username'],
    [{ TURNConfig: { Turns: [{ URI: 'turn:relay.example:3468', Username: 'some_user', Password: 'cA==' }] } }, '$.TURNConfig.Turns[0].Username'],
    [{ iceServers: [{ urls: ['stun:stun.example:3478'], username: '1700000000:alice', credential: 'x' }] }, '$.iceServers[0].username'],
  ])('reads a relay\'s user name as its credential, not a person (%j)', (body, path) => {
    expect(at(classifyJson(body), path).categories).toEqual(['credentials']);
  });

  it('leaves a person\'s user name a person\'s', () => {
    expect(at(classifyJson({ account: { username: 'alice', password: 'p' } }), '$.account.username').categories).toEqual(['personal']);
    expect(at(classifyJson({ servers: [{ username: 'alice', host: 'nas.example' }] }), '$.servers[0].username').categories).toEqual(['personal']);
  });
});

describe('a key that looks something up', () => {
  it.each([['cacheKey'], ['category_key'], ['transaction_key'], ['sortKey']])('reads %s as no secret', (key) => {
    expect(at(classifyJson({ [key]: 'Zx9-Qw7-Lp3' }), `$.${key}`).categories).toEqual([]);
  });

  it('still reads a key of something else as a secret', () => {
    expect(at(classifyJson({ vaultKey: 'Zx9-Qw7-Lp3' }), '$.vaultKey').categories).toEqual(['credentials']);
  });
});
