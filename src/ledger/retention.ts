import type { Database } from 'better-sqlite3';
import { dayKey, startOfDayBefore } from './days.js';
import { DELETE_UNUSED_EXPLANATIONS } from './explanation-store.js';

export interface PruneResult {
  readonly destinations: number;
  readonly fields: number;
  readonly decisions: number;
  readonly devices: number;
  readonly notShown: number;
}

/**
 * Deletes what is older than `retentionDays` calendar days: day rows before the cutoff day, decisions before
 * its midnight, and devices with nothing left and not seen since.
 * retentionDays = 1 keeps today only.
 */
export function prune(db: Database, now: number, retentionDays: number): PruneResult {
  const cutoffMs = startOfDayBefore(now, Math.max(1, retentionDays) - 1);
  const cutoffDay = dayKey(cutoffMs);
  return db.transaction((): PruneResult => {
    const destinations = db.prepare('DELETE FROM destinations WHERE day < ?').run(cutoffDay).changes;
    db.prepare('DELETE FROM upstream_addresses WHERE day < ?').run(cutoffDay);
    db.prepare('DELETE FROM mqtt_topics WHERE day < ?').run(cutoffDay);
    const fields = db.prepare('DELETE FROM field_observations WHERE day < ?').run(cutoffDay).changes;
    const decisions = db.prepare('DELETE FROM decisions WHERE at < ?').run(cutoffMs).changes;
    const notShown = db.prepare('DELETE FROM not_shown WHERE day < ?').run(cutoffDay).changes;
    const devices = db
      .prepare(
        `DELETE FROM devices WHERE last_seen < ?
           AND NOT EXISTS (SELECT 1 FROM destinations WHERE device_id = devices.id)
           AND NOT EXISTS (SELECT 1 FROM field_observations WHERE device_id = devices.id)
           AND NOT EXISTS (SELECT 1 FROM decisions WHERE device_id = devices.id)
           AND NOT EXISTS (SELECT 1 FROM not_shown WHERE device_id = devices.id)`,
      )
      .run(cutoffMs).changes;
    // Only after rows went (a device's removal cascades to its rows): the check reads every decision row.
    if (decisions > 0 || devices > 0) db.prepare(DELETE_UNUSED_EXPLANATIONS).run();
    return { destinations, fields, decisions, devices, notShown };
  })();
}
