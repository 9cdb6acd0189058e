import { describe, expect, it } from 'vitest';
import { classifyJson, at } from '../helpers/classify-json.js';

/**
 * The ninth round's places (issue 7): a word in a container's name must not make a whole subtree places.
 * Each case keeps the reading that must stay, so a fix cannot be a blanket veto.
 */
describe('how far a place container reaches', () => {
  it('colours the members of a place, not the records nested in it', () => {
    // A heat pump's "management points" are its units: their firmware and set points are no place.
    const fields = classifyJson({
      managementPoints: [
        { embeddedId: 'climateControl', firmwareVersion: { value: '1.4.3' }, sensoryData: { value: { outdoorTemperature: { value: 7.5 } } } },
        { embeddedId: 'gateway', modelInfo: { value: 'BRP069A78' }, ipAddress: { value: '192.168.1.20' } },
      ],
    });
    expect(at(fields, '$.managementPoints[0].firmwareVersion.value').categories).toEqual([]);
    expect(at(fields, '$.managementPoints[0].sensoryData.value.outdoorTemperature.value').categories).toEqual([]);
    expect(at(fields, '$.managementPoints[1].modelInfo.value').categories).toEqual([]);
    expect(at(fields, '$.managementPoints[1].ipAddress.value').categories).toContain('network');
    expect(at(fields, '$.managementPoints[1].ipAddress.value').categories).not.toContain('location');
  });

  it('keeps the members of a place and a position behind a value wrapper', () => {
    const fields = classifyJson({
      waypoints: [{ desc: 'work', rad: 150, lat: 51.5047, lon: -0.0238 }, { desc: 'home', rad: 100, lat: 53.6776, lon: -1.5826 }],
      robot: { position: { value: { x: 1250, y: -340 } } },
      address: { formatted: 'Am Olympiapark 1, 80809 München' },
    });
    expect(at(fields, '$.waypoints[0].rad').categories).toEqual(['location']);
    expect(at(fields, '$.waypoints[1].desc').categories).toEqual(['location']);
    expect(at(fields, '$.robot.position.value.x').categories).toEqual(['location']);
    expect(at(fields, '$.address.formatted').categories).toEqual(['location']);
  });
});
