import { describe, expect, it } from 'vitest';
import { classifyJson, at } from '../helpers/classify-json.js';

/**
 * The tenth round's places, networks, devices and media (issue 7): concepts, each with the reading that
 * must stay beside it, so a fix cannot be a blanket rule.
 */
describe('a GeoJSON feature list', () => {
  const history = {
    type: 'FeatureCollection',
    features: [
      {
        type: 'Feature',
        geometry: { type: 'Point', coordinates: [13.4105, 52.5244] },
        properties: { accuracy: 12, altitude: 34, velocity: 1.5, ssid: 'HomeNet', tracker_id: 'phone-7f3a', battery: 80 },
      },
    ],
  };

  it.each([
    ['$.features[0].geometry.coordinates[0]', 'location'],
    ['$.features[0].properties.accuracy', 'location'],
    ['$.features[0].properties.altitude', 'location'],
    ['$.features[0].properties.velocity', 'location'],
    ['$.features[0].properties.ssid', 'network'],
    ['$.features[0].properties.tracker_id', 'device'],
  ])('is a list of places, so %s stays %s', (path, category) => {
    expect(at(classifyJson(history), path).categories).toContain(category);
  });

  it('keeps a battery reading of a feature unlabelled', () => {
    expect(at(classifyJson(history), '$.features[0].properties.battery').categories).toEqual([]);
  });

  it('leaves a device feature list neutral', () => {
    // A capability list (`features.pose`, `features.ssid`) says what a unit can do, not where anybody is.
    const fields = classifyJson({ features: { altitude: 1, ssid: 'supported', accuracy: 2 } });
    expect(at(fields, '$.features.altitude').categories).toEqual([]);
    expect(at(fields, '$.features.accuracy').categories).toEqual([]);
  });
});
