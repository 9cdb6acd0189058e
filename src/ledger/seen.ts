import BetterSqlite3 from 'better-sqlite3';
import { asGatewayError } from '../errors.js';
import type { SeenField } from '../policy/index.js';

/**
 * Every distinct (device, host, field path, category) the ledger holds, for checking rules against
 * real traffic (`validate`). Opened read-only: checking a policy never writes to, migrates or creates
 * the ledger of a gateway that may be running.
 */
export function readSeenFields(file: string): SeenField[] {
  let db: BetterSqlite3.Database | undefined;
  try {
    db = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
    return db
      .prepare<[], SeenField>(
        `SELECT DISTINCT device_id AS deviceId, host, path, category FROM field_observations`,
      )
      .all();
  } catch (error) {
    throw asGatewayError(error, 'LEDGER_UNAVAILABLE', `Cannot read the ledger at ${file}`);
  } finally {
    db?.close();
  }
}
