import { placeholderText, valueKeyPlaceholder } from './value-keys.js';

/** The longest path kept; a longer one is cut (and marked) before templating's result is stored. */
const MAX_PATH = 2048;

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/**
 * A request path as the ledger stores and the card shows it: segments that are values written as
 * placeholders (`/users/anna@example.org/devices/0B7K3CDR600421X` → `/users/{personal}/devices/{device}`),
 * recognised like keys (value-keys.ts) with the segment before as the parent. Path parameters
 * (`;imei=356938035643809`) are values whatever their shape: their value becomes `{value}`. Segments
 * are judged decoded (`anna%40example.org` is an e-mail); kept segments are written as sent. Pure.
 *
 * A device asks for the same few paths, and a recorded path is templated again by the ledger (the aggregator,
 * the journal, MQTT topic rows) so that no recorder can put a raw value in it: results are remembered for
 * paths up to MAX_PATH characters, at most MAX_REMEMBERED of them (in memory only; cleared when full, so a
 * sender of ever-new paths costs recomputation, never memory).
 */
export function templateUrlPath(path: string): string {
  let result = remembered.get(path);
  if (result === undefined) {
    result = templateOnce(path);
    if (path.length > MAX_PATH) return result;
    if (remembered.size >= MAX_REMEMBERED) remembered.clear();
    remembered.set(path, result);
  }
  return result;
}

const MAX_REMEMBERED = 512;
const remembered = new Map<string, string>();

function templateOnce(path: string): string {
  const clipped = path.length > MAX_PATH ? path.slice(0, MAX_PATH) : path;
  let parent: string | undefined;
  const out = clipped.split('/').map((segment) => {
    if (segment === '') return segment;
    const semicolon = segment.indexOf(';');
    const head = semicolon === -1 ? segment : segment.slice(0, semicolon);
    const decoded = decodeSegment(head);
    const placeholder = valueKeyPlaceholder(decoded, parent);
    parent = placeholder === undefined ? decoded : undefined;
    const written = placeholder === undefined ? head : placeholderText(placeholder);
    return semicolon === -1 ? written : written + templateParameters(segment.slice(semicolon));
  });
  return out.join('/') + (clipped.length < path.length ? '/…' : '');
}

/** `;imei=3569…;v=2` → `;imei={value};v={value}`; a parameter name that is itself a value is templated too. */
function templateParameters(parameters: string): string {
  return parameters
    .split(';')
    .map((parameter, i) => {
      if (i === 0 || parameter === '') return parameter;
      const equals = parameter.indexOf('=');
      const name = equals === -1 ? parameter : parameter.slice(0, equals);
      const placeholder = valueKeyPlaceholder(decodeSegment(name), undefined);
      const writtenName = placeholder === undefined ? name : placeholderText(placeholder);
      return equals === -1 ? writtenName : `${writtenName}={value}`;
    })
    .join(';');
}
