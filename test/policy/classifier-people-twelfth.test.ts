import { describe, expect, it } from 'vitest';
import { classifyJson, at } from '../helpers/classify-json.js';

/**
 * The twelfth round for people, their devices, health readings and secrets (issue 7): identifiers under
 * unusual keys, numbers of the parties of a call or a message.
 */
describe('key: a system id is an installed unit\'s', () => {
  // As heating and access-control clouds list a home's systems (made-up ids).
  const fields = classifyJson({
    gateways: [{ temperatureControlSystems: [{ systemId: '3432522', modelType: 'EvoTouch' }] }],
    acs_user: { acs_system_id: 'f4d2b3fb-7fa5-47fd-b0d3-aa6da8f5b710', email_address: 'jane@example.org' },
    operatingSystem: 'Linux',
  });

  it.each([
    ['$.gateways[0].temperatureControlSystems[0].systemId'],
    ['$.acs_user.acs_system_id'],
  ])('reads %s as a device, not a person', (path) => {
    expect(at(fields, path).categories).toEqual(['device']);
  });

  it('leaves the name of an operating system alone', () => {
    expect(at(fields, '$.operatingSystem').categories).toEqual([]);
  });
});
