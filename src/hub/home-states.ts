import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import type { EntityState, HomeStates } from '../policy/index.js';
import { StatesFrameSchema } from './protocol.js';
import { messageOf } from '../errors.js';

/**
 * The states of the entities the policy's conditions name, as Home Assistant last pushed them
 * (subscribe_states). Conditions are read from here on the hot path, so enforcement never waits on the
 * hub. Written to disk (0600, atomically) on every change, so after a restart with Home Assistant away
 * the last known state still applies; `live` says whether Home Assistant is there to correct it.
 */
const FileSchema = z.object({
  savedAt: z.number(),
  states: z.array(z.object({ entity: z.string(), state: z.string(), since: z.number() })).max(10_000),
});

export type StatesFrameResult =
  | { readonly kind: 'applied'; readonly entities: number; readonly changed: readonly string[] }
  | { readonly kind: 'malformed'; readonly reason: string };

export class HomeStateCache {
  private current: HomeStates = { entities: new Map(), live: false };

  constructor(private readonly file: string | undefined) {}

  /** The snapshot conditions are read from: the same object until something changes. */
  snapshot(): HomeStates {
    return this.current;
  }

  /** Loads the last known states; a missing or unreadable file is no states (and says why). */
  load(): { readonly loaded: number } | { readonly problem: string } {
    if (this.file === undefined) return { loaded: 0 };
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(this.file, 'utf8'));
    } catch (error) {
      if (error instanceof Error && 'code' in error && error.code === 'ENOENT') return { loaded: 0 };
      return { problem: `cannot read ${this.file}: ${messageOf(error)}` };
    }
    const parsed = FileSchema.safeParse(json);
    if (!parsed.success) return { problem: `${this.file} is not a states cache` };
    const entities = new Map(parsed.data.states.map((s): [string, EntityState] => [s.entity, { state: s.state, since: s.since }]));
    this.current = { entities, live: false };
    return { loaded: entities.size };
  }

  /** Validates a subscribe_states event at the edge and puts it in force; a malformed one changes nothing. */
  accept(event: unknown, now = Date.now()): StatesFrameResult {
    const parsed = StatesFrameSchema.safeParse(event);
    if (!parsed.success) {
      const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(frame)'}: ${issue.message}`);
      return { kind: 'malformed', reason: `not a states frame (${problems.slice(0, 3).join('; ')})` };
    }
    const entities = new Map<string, EntityState>();
    for (const { entity_id: entity, state, last_changed: since } of parsed.data.states) {
      if (state !== null) entities.set(entity, { state, since: since ?? now });
    }
    const changed = [...new Set([...entities.keys(), ...this.current.entities.keys()])].filter(
      (entity) => entities.get(entity)?.state !== this.current.entities.get(entity)?.state,
    );
    this.current = { entities, live: true };
    this.save(now);
    return { kind: 'applied', entities: entities.size, changed };
  }

  /** Home Assistant went away (or came back before sending states): the states become last known. */
  setLive(live: boolean): void {
    if (this.current.live !== live) this.current = { entities: this.current.entities, live };
  }

  clear(): void {
    this.current = { entities: new Map(), live: false };
  }

  private save(now: number): void {
    if (this.file === undefined) return;
    const states = [...this.current.entities].map(([entity, s]) => ({ entity, state: s.state, since: s.since }));
    mkdirSync(dirname(this.file), { recursive: true });
    const temporary = `${this.file}.${process.pid}.tmp`;
    writeFileSync(temporary, `${JSON.stringify({ savedAt: now, states }, null, 2)}\n`, { mode: 0o600 });
    renameSync(temporary, this.file);
  }
}
