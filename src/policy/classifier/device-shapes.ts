import { finding, type Detector, type Finding } from './detector.js';
import type { ValueInput } from './value-detectors.js';

/**
 * Unit identifiers by the shape of the value, under keys nobody recognises:
 * - `mac-shape`: twelve hex digits, letters and digits mixed, one case (`6309FB799CDE`, `b0e9fe582974`),
 *   the way vendors write a MAC-48 without separators. Weak: a key that says whose id it is (`userId`)
 *   or negative vocabulary comes first, and all-zero or all-F placeholders are no address.
 */
export const MAC_SHAPE = 'mac-shape';

const HEX12 = /^(?:[0-9A-F]{12}|[0-9a-f]{12})$/;
const MAC_FINDING: Finding = finding(MAC_SHAPE, 'weak', ['device'], { of: 'value', validator: 'MAC-48 written without separators (12 hex digits)' });

export const macShapeDetector: Detector<ValueInput, unknown> = {
  name: MAC_SHAPE,
  detect({ value }) {
    if (typeof value !== 'string' || value.length !== 12 || !HEX12.test(value)) return undefined;
    if (!/\d/.test(value) || !/[a-f]/i.test(value) || /^(?:0+|f+)$/i.test(value)) return undefined;
    return MAC_FINDING;
  },
  explain: (f) => `value has the shape of a ${f.facts.validator ?? 'MAC address'} → device`,
};
