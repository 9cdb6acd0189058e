import type { PayloadField } from '../../payload/index.js';
import { finding, type Finding } from './detector.js';
import { prefixKey } from './field-paths.js';
import { readKey } from './words.js';

/**
 * Positions by the pairing of their keys rather than a vendor's word: `position-pair` — two numeric
 * siblings whose keys differ only by `x` and `y` (`xPos`/`yPos`, `svg_xPos`/`svg_yPos`, `pos_x`/`pos_y`,
 * `x`/`y`) are a position on a map of the home (a robot's, a tracker's). Not a colour: colour coordinates
 * lie below 1 and sit beside colour words (`color`, `xy`, `hue`); not a box: a record with a width or a
 * height is a picture's rectangle. Weak: the key's own words and negative vocabulary come first.
 */
export const POSITION_PAIR = 'position-pair';

export const positionExplanations: Readonly<Record<string, (f: Finding) => string>> = {
  [POSITION_PAIR]: (f) => `the ${f.facts.axis} of a pair of sibling keys that differ only by x/y: a position on a map → location`,
};

type Add = (index: number, f: Finding) => void;
const lastKey = (field: PayloadField) => field.segments[field.segments.length - 1];

const COLOUR_WORDS = new Set(['color', 'colour', 'hue', 'sat', 'saturation', 'ct', 'bri', 'brightness', 'xy', 'rgb', 'cie', 'gamut']);
const BOX_WORDS = new Set(['width', 'height', 'w', 'h', 'box', 'bbox', 'rect', 'size']);

/** `svg_xPos` → `svg _ pos` with the axis: the key with its x or y word taken out, or undefined. */
function axisOf(key: string): { axis: 'x' | 'y'; rest: string } | undefined {
  const words = readKey(key, false).words;
  const at = words.findIndex((w) => w === 'x' || w === 'y');
  if (at < 0 || words.lastIndexOf('x') !== words.indexOf('x') || words.includes('x') === words.includes('y')) return undefined;
  const axis = words[at] === 'x' ? 'x' : 'y';
  return { axis, rest: [...words.slice(0, at), '_', ...words.slice(at + 1)].join(' ') };
}

export function positionPairs(fields: readonly PayloadField[], add: Add): void {
  const records = new Map<string, { x: Map<string, number[]>; y: Map<string, number[]>; excluded: boolean }>();
  fields.forEach((field, index) => {
    const key = lastKey(field);
    if (typeof key !== 'string') return;
    const record = prefixKey(field, -1);
    const words = readKey(key, false).words;
    const entry = records.get(record) ?? { x: new Map(), y: new Map(), excluded: false };
    records.set(record, entry);
    if (words.some((w) => COLOUR_WORDS.has(w) || BOX_WORDS.has(w))) entry.excluded = true;
    if (typeof field.value !== 'number') return;
    const axis = axisOf(key);
    if (axis === undefined) return;
    const side = axis.axis === 'x' ? entry.x : entry.y;
    side.set(axis.rest, [...(side.get(axis.rest) ?? []), index]);
  });
  for (const [record, entry] of records) {
    if (entry.excluded || underColour(record)) continue;
    for (const [rest, xs] of entry.x) {
      const ys = entry.y.get(rest);
      if (ys === undefined) continue;
      const both = [...xs, ...ys];
      // Colour coordinates and ratios lie below 1.
      if (!both.some((i) => Math.abs(Number(fields[i]?.value)) >= 1)) continue;
      for (const i of both) {
        const field = fields[i];
        const key = field === undefined ? undefined : lastKey(field);
        const axis = typeof key === 'string' ? axisOf(key)?.axis : undefined;
        if (axis !== undefined) add(i, finding(POSITION_PAIR, 'weak', ['location'], { of: 'structure', axis }));
      }
    }
  }
}

/** A record under a colour (`state.color.x`) is a colour, whatever its numbers. */
function underColour(record: string): boolean {
  return readKey(record.replace(/[$[\]".0-9]+/g, '_'), false).words.some((w) => COLOUR_WORDS.has(w));
}
