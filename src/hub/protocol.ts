import { z } from 'zod';
import type { DnsBypassKind } from '../dns/index.js';
import { EntityIdSchema, type DataCategory, type FieldAction } from '../policy/index.js';
import type { ReportDnsName } from './network-report.js';

/**
 * The frames of docs/HUB_PROTOCOL.md, parsed once at the edge: everything Home Assistant sends the
 * sidecar goes through one of these schemas before the hub acts on it.
 */
export const COMMANDS = {
  register: 'privacy_gateway/sidecar/register',
  subscribePolicy: 'privacy_gateway/sidecar/subscribe_policy',
  report: 'privacy_gateway/sidecar/report',
  subscribeHome: 'privacy_gateway/sidecar/subscribe_home',
  subscribeStates: 'privacy_gateway/sidecar/subscribe_states',
} as const;

/** The protocol's ceiling on items per report; Home Assistant may announce a lower one on register. */
export const MAX_REPORT_ITEMS = 500;

export const RegisterResultSchema = z.object({
  entry_id: z.string().min(1),
  etag: z.string(),
  ha_version: z.string(),
  max_report_items: z.number().int().min(1),
});
export type RegisterResult = z.infer<typeof RegisterResultSchema>;

/** `policy` stays unknown here: parsePolicy validates it against the policy schema. */
export const PolicyEnvelopeSchema = z.object({
  etag: z.string().min(1).max(128),
  policy: z.unknown(),
  settings: z.object({ retention_days: z.number().int().min(1).max(3650).optional() }).loose().optional(),
});
export type PolicyEnvelope = z.infer<typeof PolicyEnvelopeSchema>;
export type HubSettings = NonNullable<PolicyEnvelope['settings']>;

/** The bounds the integration keeps to (custom_components/privacy_gateway/home.py). */
const HomeText = z.string().min(1).max(255);
const HomePair = z.tuple([HomeText, HomeText]);

/**
 * A subscribe_home event: what Home Assistant knows about the home. It carries raw names, serial numbers
 * and MACs, so the sidecar keeps it in memory only (src/hub/home-knowledge.ts) and never writes it down.
 * Unknown keys are dropped, so a newer integration can add some.
 */
export const HomeFrameSchema = z.object({
  etag: z.string().min(1).max(128),
  zone: z
    .object({
      latitude: z.number().min(-90).max(90),
      longitude: z.number().min(-180).max(180),
      radius: z.number().min(0).max(10_000_000),
    })
    .nullable(),
  persons: z.array(z.object({ name: HomeText, user: HomeText.nullable() })).max(200),
  devices: z
    .array(
      z.object({
        id: z.string().min(1).max(64),
        names: z.array(HomeText).max(10),
        serial_number: HomeText.nullable(),
        /** `[type, value]` as in Home Assistant's device registry: `["mac", "aa:bb:…"]`, `["zigbee", …]`. */
        connections: z.array(HomePair).max(50),
        /** `[integration domain, id]`. */
        identifiers: z.array(HomePair).max(50),
      }),
    )
    .max(2000),
});
export type HomeFrame = z.infer<typeof HomeFrameSchema>;

/** The integration's bound on tracked entities (custom_components/privacy_gateway/conditions.py). */
export const MAX_TRACKED_ENTITIES = 500;

/**
 * A subscribe_states event: the current state of every entity the policy's conditions name, sent whole
 * on subscribe, after each policy change and on each change of one of them. `state: null` means the
 * entity does not exist in Home Assistant (now): the sidecar forgets it, so its conditions take the
 * stricter reading. Unknown keys are dropped, so a newer integration can add some.
 */
export const StatesFrameSchema = z.object({
  states: z
    .array(
      z.object({
        entity_id: EntityIdSchema,
        state: z.string().max(255).nullable(),
        /** When it changed to this state (Home Assistant's last_changed), epoch milliseconds. */
        last_changed: z.number().int().min(0).nullable(),
      }),
    )
    .max(MAX_TRACKED_ENTITIES),
});
export type StatesFrame = z.infer<typeof StatesFrameSchema>;

export const ReportResultSchema = z.object({
  ack: z.array(z.string()),
  duplicates: z.array(z.string()).default([]),
  rejected: z.array(z.object({ id: z.string(), code: z.string(), message: z.string() })).default([]),
});
export type ReportResult = z.infer<typeof ReportResultSchema>;

/** Home Assistant's error shape (`{code, message}`), as the library rejects a failed command with. */
export const HaErrorSchema = z.object({ code: z.string(), message: z.string() });

export interface ReportDestination {
  readonly host: string;
  /** The owner's name, else the built-in catalogue's. */
  readonly vendor?: string;
  readonly party?: 'first' | 'support' | 'third' | 'unknown';
  /** Countries of the addresses used (ISO 3166 alpha-2), when known. */
  readonly countries?: readonly string[];
}

interface ItemBase {
  readonly id: string;
  /** Epoch milliseconds when the sidecar saw it. */
  readonly ts: number;
}

interface DeviceItem extends ItemBase {
  readonly device_id: string;
  readonly destination: ReportDestination;
}

export interface TrafficItem extends DeviceItem {
  readonly type: 'traffic';
  readonly requests: number;
  readonly bytes_up: number;
  readonly blocked: number;
}

export interface ViolationItem extends DeviceItem {
  readonly type: 'violation';
  readonly field_path?: string;
  readonly category?: DataCategory;
  readonly action: FieldAction;
  readonly rule?: string;
  readonly explanation: string;
}

export interface NewDestinationItem extends DeviceItem {
  readonly type: 'new_destination';
  readonly explanation?: string;
}

export interface OpaquePayloadItem extends DeviceItem {
  readonly type: 'opaque_payload';
  readonly field_path?: string;
  readonly explanation: string;
}

export interface UnassignedClientItem extends ItemBase {
  readonly type: 'unassigned_client';
  readonly address?: string;
  readonly mac?: string;
  readonly hostname?: string;
}

/** One destination of a lockdown proposal (src/lockdown/propose.ts), in the protocol's spelling. */
export interface ProposedDestinationItem {
  readonly host: string;
  readonly vendor?: string;
  readonly party: 'first' | 'support' | 'third' | 'unknown';
  readonly countries?: readonly string[];
  readonly requests: number;
  readonly categories: readonly DataCategory[];
  readonly access: 'allow' | 'block';
  readonly review: boolean;
  readonly reason: string;
}

/** Learn-then-lock: the allowlist the sidecar proposes for a device from its ledger; the latest one wins. */
export interface LockdownProposalItem extends ItemBase {
  readonly type: 'lockdown_proposal';
  readonly device_id: string;
  readonly observed_days: number;
  readonly learning_complete: boolean;
  readonly destinations: readonly ProposedDestinationItem[];
}

/**
 * "Uses its own DNS": a sign that the device resolves names around the gateway (src/dns/bypass.ts names
 * the signals). `host` is the DNS service's name or the address connected to, never a payload value.
 */
export interface DnsBypassItem extends ItemBase {
  readonly type: 'dns_bypass';
  readonly device_id: string;
  readonly signal: DnsBypassKind;
  readonly host: string;
  readonly port?: number;
  /** Sightings since the last item for this signal and host (the sidecar reports each at most hourly). */
  readonly count: number;
  readonly explanation: string;
}

/** The names a device looked up through the gateway's DNS over one window, and how each was answered. */
export interface DnsNamesItem extends ItemBase {
  readonly type: 'dns_names';
  readonly device_id: string;
  readonly names: readonly ReportDnsName[];
}

/** What the sidecar reports: hosts, field paths, categories, actions and explanations, never raw values. */
export type ReportItem =
  | DnsNamesItem
  | TrafficItem
  | ViolationItem
  | NewDestinationItem
  | OpaquePayloadItem
  | UnassignedClientItem
  | DnsBypassItem
  | LockdownProposalItem;

/** A short, readable description of an error the library rejected with (HA error object or code). */
export function describeHaError(error: unknown): string {
  const parsed = HaErrorSchema.safeParse(error);
  if (parsed.success) return `${parsed.data.code}: ${parsed.data.message}`;
  if (error instanceof Error) return error.message;
  if (error === 3) return 'connection lost';
  return String(error);
}

/** The error code of a failed command, when Home Assistant gave one. */
export function haErrorCode(error: unknown): string | undefined {
  const parsed = HaErrorSchema.safeParse(error);
  return parsed.success ? parsed.data.code : undefined;
}
