import { BoundedMemo } from '../../memo.js';
import { finding, type Finding } from './detector.js';
import { readingsByRecord } from './record-readings.js';
import type { Add, ShapeField } from './shape.js';
import { readKey } from './words.js';

/**
 * `cell-tower`: the mobile cell a device is camped on locates its owner to a few hundred metres
 * (docs/CORPUS.md: coordinates in any form). A record holding both the area of a cell and the cell's
 * own identity is a cell global identity as 3GPP TS 23.003 writes it — location area code and cell
 * identity (GSM/UMTS CGI), tracking area code and E-UTRAN cell identity (LTE ECGI), NR cell identity —
 * and the same pair is what network geolocation requests send (`cellTowers[*]: {cellId,
 * locationAreaCode, mobileCountryCode, mobileNetworkCode}`). The area and the cell are location; the
 * country and network codes say which operator, not where (left to their own keys). An area code or a
 * cell id alone is not read (`cid` is also a client or content id). Beside an area code, a `cellId` is no
 * phone number (its "cell" reads as a cell phone to the phone validator): that reading is vetoed. A key
 * whose last word is a negative head (`locationAreaCode`: "code") keeps that head's veto.
 * Reads only keys and value kinds: memoised per payload shape.
 */
export const CELL_TOWER = 'cell-tower';

export const cellTowerExplanations: Readonly<Record<string, (f: Finding) => string>> = {
  [CELL_TOWER]: (f) =>
    f.signal === 'veto'
      ? `the cell id of a mobile cell (beside its area code), not a phone number`
      : `the ${f.facts.part} of a mobile cell (beside its ${f.facts.other}): where the device is → location`,
};

/** Keys by their letters alone (`lac`, `LAC`, `location_area_code`, `cellId`), after 3GPP TS 23.003. */
const AREA_KEYS = new Set(['lac', 'tac', 'locationareacode', 'trackingareacode', 'lacid', 'areacode', 'lai', 'tai']);
const CELL_KEYS = new Set(['cid', 'ci', 'cellid', 'cellidentity', 'eci', 'ecgi', 'nci', 'ncgi', 'cgi', 'utrancellid', 'ecellid']);

type Role = 'area' | 'cell';
const roles = new BoundedMemo<Role | null>(5_000, 256);
function roleOf(raw: string): Role | undefined {
  const role = roles.get(raw, () => {
    const compact = readKey(raw, false).compact;
    return AREA_KEYS.has(compact) ? 'area' : CELL_KEYS.has(compact) ? 'cell' : null;
  });
  return role ?? undefined;
}

const AREA = finding(CELL_TOWER, 'strong', ['location'], { of: 'structure', part: 'area code', other: 'cell id' });
const CELL = finding(CELL_TOWER, 'strong', ['location'], { of: 'structure', part: 'cell id', other: 'area code' });
/** `cellId` reads as a cell phone's digits to the phone validator: beside an area code it is the cell's identity. */
const NOT_PHONE = finding(CELL_TOWER, 'veto', ['personal'], { of: 'structure' });

export function cellTowers(fields: readonly ShapeField[], add: Add): void {
  const records = readingsByRecord(fields, roleOf);
  if (records === undefined) return;
  for (const members of records.values()) {
    if (!members.some((m) => m.reading === 'area') || !members.some((m) => m.reading === 'cell')) continue;
    for (const { index, reading } of members) {
      add(index, reading === 'area' ? AREA : CELL);
      if (reading === 'cell') add(index, NOT_PHONE);
    }
  }
}
