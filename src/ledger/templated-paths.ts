import { templateUrlPath } from '../payload/index.js';

/**
 * Request paths and topics as the ledger keeps them (templateUrlPath: ids and e-mails become
 * placeholders), by the path the record carries. Each record's path is templated by the ledger again
 * (the aggregator, the journal, the MQTT topic rows) so that no recorder can put a raw value in it, and a
 * device asks for the same few paths: the templating (a split, a decode and a reading per segment) is done
 * once per path. In memory only; at most 512 paths, cleared when full.
 */
const MAX_PATHS = 512;
const templated = new Map<string, string>();

export function templatedPath(path: string): string {
  let result = templated.get(path);
  if (result === undefined) {
    result = templateUrlPath(path);
    if (templated.size >= MAX_PATHS) templated.clear();
    templated.set(path, result);
  }
  return result;
}
