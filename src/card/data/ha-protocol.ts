import { z } from '../zod.js';
import { CATEGORIES, FIELD_ACTIONS } from '../model.js';

/**
 * The integration's card commands (docs/HUB_PROTOCOL.md, "Card commands"), parsed once here with
 * zod/mini (the tree-shakable build: the card bundle stays small). Objects are not strict: a newer
 * integration may add keys, and the card ignores what it does not know.
 */
export const isoTime = z.pipe(
  z.nullish(z.string()),
  z.transform((value) => {
    const ms = value ? Date.parse(value) : Number.NaN;
    return Number.isNaN(ms) ? undefined : ms;
  }),
);
export const count = z.catch(z.int().check(z.nonnegative()), 0);

export const DeviceStatsSchema = z.object({
  violations_today: count,
  new_destinations_today: count,
  opaque_payloads_today: count,
  bytes_uploaded: count,
  requests: count,
  blocked: count,
  destinations: z.catch(z.array(z.string()), []),
  last_violation: isoTime,
  last_seen: isoTime,
  trust_score: z.optional(z.number()),
  /** "Uses its own DNS" evidence by signal and host (integration's stats.py); absent from older ones. */
  own_dns: z.catch(
    z.record(
      z.string(),
      z.object({ signal: z.string(), host: z.string(), port: z.nullish(z.int()), count: count, last_seen: isoTime }),
    ),
    {},
  ),
});
export type DeviceStats = z.infer<typeof DeviceStatsSchema>;

export const DevicesResultSchema = z.object({
  connected: z.boolean(),
  mode: z.optional(z.string()),
  devices: z.array(
    z.object({
      device_id: z.string(),
      name: z.string(),
      mode: z.nullish(z.string()),
      quarantined: z.catch(z.boolean(), false),
      stats: DeviceStatsSchema,
    }),
  ),
});
export type DevicesResult = z.infer<typeof DevicesResultSchema>;

/** A rule's Home Assistant condition (src/policy/conditions.ts); one the card cannot read is left out. */
const States = z.union([z.string(), z.array(z.string())]);
const ConditionObject = z.object({ entity: z.string(), state: z.optional(States), not: z.optional(States) });
const ConditionSchema = z.catch(z.optional(ConditionObject), undefined);

const PolicyDestinationSchema = z.object({
  vendor: z.nullish(z.string()),
  hosts: z.array(z.string()),
  access: z.catch(z.enum(['allow', 'block']), 'allow'),
  when: ConditionSchema,
});

const PolicyRuleSchema = z.object({
  id: z.string(),
  action: z.enum(FIELD_ACTIONS),
  path: z.optional(z.string()),
  category: z.optional(z.enum(CATEGORIES)),
  destinations: z.optional(z.array(z.string())),
  when: ConditionSchema,
});

export const EventDataSchema = z.object({
  device_id: z.nullish(z.string()),
  destination: z.nullish(z.string()),
  vendor: z.nullish(z.string()),
  field_path: z.nullish(z.string()),
  category: z.nullish(z.string()),
  action: z.nullish(z.string()),
  rule: z.nullish(z.string()),
  explanation: z.nullish(z.string()),
  /** dns_bypass events: which signal, the port and how many sightings. */
  signal: z.nullish(z.string()),
  port: z.nullish(z.int()),
  count: z.nullish(z.int()),
});
export type EventData = z.infer<typeof EventDataSchema>;

const EventTypeSchema = z.enum(['violation', 'new_destination', 'opaque_payload', 'dns_bypass']);

export const DeviceReportSchema = z.object({
  device_id: z.string(),
  name: z.string(),
  mode: z.nullish(z.string()),
  quarantined: z.catch(z.boolean(), false),
  stats: DeviceStatsSchema,
  destinations: z.catch(z.array(PolicyDestinationSchema), []),
  rules: z.catch(z.array(PolicyRuleSchema), []),
  sidecar_connected: z.catch(z.boolean(), false),
  /** Sent for a device with conditioned rules: its conditional modes and the states the conditions read. */
  mode_when: z.catch(z.array(z.object({ mode: z.string(), when: ConditionObject })), []),
  condition_states: z.catch(
    z.array(z.object({ entity_id: z.string(), state: z.nullable(z.string()), last_changed: z.nullable(z.number()) })),
    [],
  ),
  /** Not sent by the integration yet; when it is, the timeline survives a page reload. */
  events: z.optional(z.array(z.object({ ts: isoTime, event_type: EventTypeSchema, data: EventDataSchema }))),
});
export type DeviceReport = z.infer<typeof DeviceReportSchema>;

export const CardEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('sidecar'), connected: z.boolean() }),
  z.object({ type: z.literal('device'), device_id: z.string(), stats: DeviceStatsSchema }),
  z.object({ type: z.literal('event'), event_type: EventTypeSchema, data: EventDataSchema }),
  z.object({ type: z.literal('policy'), etag: z.string() }),
]);
export type CardEvent = z.infer<typeof CardEventSchema>;

/** `path: problem` lines, for answers that do not have the documented shape. */
export function describeIssues(issues: readonly z.core.$ZodIssue[], root = 'value'): string {
  return issues
    .map((issue) => {
      const path = issue.path.map(String).join('.');
      if (issue.code === 'unrecognized_keys') return `unknown option ${issue.keys.map((key) => `"${key}"`).join(', ')}`;
      return `${path || root}: ${issue.message}`;
    })
    .join('; ');
}

/** The `privacy_gateway/policy/edit` frame for an operation of docs/HUB_PROTOCOL.md. */
export type PolicyEditOperation =
  | 'set_field_action'
  | 'allow_destination'
  | 'block_destination'
  | 'quarantine'
  | 'set_mode'
  | 'lock_down';

/** One destination of a `lock_down` edit: the reviewed proposal as the owner applied it. */
export interface LockDownDestination {
  readonly host: string;
  readonly access: 'allow' | 'block';
  readonly vendor?: string;
}

export interface PolicyEditMessage {
  readonly type: 'privacy_gateway/policy/edit';
  readonly operation: PolicyEditOperation;
  readonly data: Record<string, string | boolean | readonly LockDownDestination[]>;
  readonly [key: string]: unknown;
}
