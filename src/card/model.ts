import type { DataCategory, FieldAction, Mode } from '../policy/index.js';
import type { DeviceNetworkView } from './network.js';

/**
 * What the card shows, whichever data source filled it (Home Assistant or the sidecar's local page).
 * Sources that do not know a value leave it undefined; the components say "unknown" instead of guessing.
 * Times are epoch milliseconds.
 */
export type { DataCategory, FieldAction, Mode };

/** The categories the card offers actions for; `satisfies` fails to compile if the policy's list drifts. */
export const CATEGORIES = [
  'location',
  'network',
  'device',
  'personal',
  'credentials',
  'health',
  'media',
  'behaviour',
  'third_party',
] as const satisfies readonly DataCategory[];

export const FIELD_ACTIONS = ['allow', 'redact', 'hash', 'drop', 'block'] as const satisfies readonly FieldAction[];

export type TimelineRange = '24h' | '7d';

/** One reason the trust score is below 100: a translation key, its count and the points it cost. */
export interface TrustReason {
  readonly key: 'violations' | 'new_destinations' | 'opaque_payloads';
  readonly count: number;
  readonly points: number;
}

export interface DeviceOverview {
  readonly id: string;
  readonly name: string;
  readonly mode: string | undefined;
  readonly quarantined: boolean;
  readonly trustScore: number;
  readonly reasons: readonly TrustReason[];
  readonly violationsToday: number;
  readonly destinations: number;
  readonly bytesUploaded: number;
  readonly lastSeen: number | undefined;
}

export interface HouseholdView {
  readonly connected: boolean;
  readonly mode: string | undefined;
  /** Ranked by exposure: most exposed (lowest trust score) first. */
  readonly devices: readonly DeviceOverview[];
}

export type Access = 'allow' | 'block';

export type Party = 'first' | 'support' | 'third' | 'unknown';

export interface DestinationRow {
  readonly host: string;
  readonly vendor: string | undefined;
  /** Whose destination it is for this device; undefined when the source does not name it. */
  readonly party?: Party | undefined;
  /** Countries of the addresses the destination used (ISO 3166 alpha-2). */
  readonly countries?: readonly string[] | undefined;
  /** undefined: the source does not know whether the gateway could read this destination's traffic. */
  readonly inspectable: boolean | undefined;
  readonly access: Access;
  /** true when a rule of the owner's (not the default) decides the access. */
  readonly explicit: boolean;
  readonly requests: number | undefined;
  readonly blocked: number | undefined;
  readonly firstSeen: number | undefined;
  readonly lastSeen: number | undefined;
}

export interface FieldRow {
  readonly path: string;
  readonly host: string | undefined;
  readonly action: FieldAction;
  /** false in monitor mode: the action is recorded, not applied. */
  readonly applied: boolean;
  readonly opaque: boolean;
  readonly count: number | undefined;
  readonly lastSeen: number | undefined;
  /**
   * Which signal decided the field's category, in the classifier's words (`key "weightKg": word "weight" +
   * unit "kg" → health`); undefined when the source does not say (older sidecar or integration).
   */
  readonly why?: string | undefined;
}

export interface CategoryGroup {
  /** undefined: fields no category matched. */
  readonly category: DataCategory | undefined;
  /** The category rule in force, when there is one. */
  readonly action: FieldAction | undefined;
  readonly fields: readonly FieldRow[];
}

export type PrivacyEventType = 'violation' | 'new_destination' | 'opaque_payload' | 'dns_bypass';

export interface PrivacyEvent {
  readonly at: number;
  readonly type: PrivacyEventType;
  readonly host: string;
  readonly fieldPath: string | undefined;
  readonly explanation: string;
}

export interface OpaquePayload {
  readonly host: string;
  readonly fieldPath: string | undefined;
  readonly explanation: string;
  readonly lastSeen: number | undefined;
}

export interface DeviceDetail {
  readonly id: string;
  readonly name: string;
  readonly mode: string | undefined;
  readonly quarantined: boolean;
  readonly connected: boolean;
  readonly trustScore: number | undefined;
  readonly reasons: readonly TrustReason[];
  readonly destinations: readonly DestinationRow[];
  readonly categories: readonly CategoryGroup[];
  /** Violations for the timeline (most recent first). */
  readonly violations: readonly PrivacyEvent[];
  readonly opaque: readonly OpaquePayload[];
  readonly lastSeen: number | undefined;
  /** Learn-then-lock: the allowlist the gateway proposes from what the device did while learning. */
  readonly lockdownProposal?: LockdownProposalView | undefined;
  /** DNS names, MQTT topics and "uses its own DNS" signs (src/card/network.ts). */
  readonly network?: DeviceNetworkView | undefined;
  /** Rules that follow the home: what applies only while a Home Assistant condition holds. */
  readonly conditions?: readonly ConditionedRuleView[] | undefined;
}

/** A field rule, destination or mode that applies only while a Home Assistant condition holds. */
export interface ConditionedRuleView {
  readonly guards: 'rule' | 'destination' | 'mode';
  /** `$.coords.lat → redact`, `telemetry.tv.example → block`, `lockdown`. */
  readonly subject: string;
  /** `input_boolean.guest_mode is on`. */
  readonly test: string;
  readonly applies: boolean;
  /** The state was never seen (or is unavailable): `applies` is the gateway's stricter reading. */
  readonly assumed: boolean;
  readonly state: string | undefined;
  readonly since: number | undefined;
  /**
   * Why the state may not be what the gateway enforces right now: `gateway-away` (Home Assistant's state,
   * the gateway is disconnected and keeps the last one it received), `ha-away` (the gateway's last known
   * state, Home Assistant is away). Undefined when both are connected.
   */
  readonly stale?: 'gateway-away' | 'ha-away' | undefined;
}

/** One destination of a lockdown proposal as the owner reviews it (see src/lockdown/propose.ts). */
export interface ProposedDestinationView {
  readonly host: string;
  readonly vendor: string | undefined;
  readonly party: string;
  /** Countries of the addresses used (ISO 3166 alpha-2); absent or empty when unknown. */
  readonly countries?: readonly string[] | undefined;
  readonly requests: number;
  readonly categories: readonly DataCategory[];
  readonly access: Access;
  readonly review: boolean;
  readonly reason: string;
}

export interface LockdownProposalView {
  readonly observedDays: number;
  readonly learningComplete: boolean;
  readonly destinations: readonly ProposedDestinationView[];
}

/** A change the owner asks for; the HA source turns it into a `privacy_gateway/policy/edit` frame. */
export type PrivacyAction =
  | { readonly kind: 'field_action'; readonly deviceId: string; readonly fieldPath: string; readonly action: FieldAction }
  | { readonly kind: 'category_action'; readonly deviceId: string; readonly category: DataCategory; readonly action: FieldAction }
  | { readonly kind: 'destination'; readonly deviceId: string; readonly host: string; readonly access: Access; readonly vendor: string | undefined }
  | { readonly kind: 'quarantine'; readonly deviceId: string; readonly quarantine: boolean }
  /** Apply the reviewed proposal: exactly these destinations become the allowlist, the device goes to lockdown. */
  | {
    readonly kind: 'lockdown';
    readonly deviceId: string;
    readonly destinations: readonly { readonly host: string; readonly vendor: string | undefined; readonly access: Access }[];
  };

/** A stable key for an action's subject, so the component can show which control is pending. */
export function actionSubject(action: PrivacyAction): string {
  switch (action.kind) {
    case 'field_action':
      return `field:${action.fieldPath}`;
    case 'category_action':
      return `category:${action.category}`;
    case 'destination':
      return `destination:${action.host}`;
    case 'quarantine':
      return 'quarantine';
    case 'lockdown':
      return 'lockdown';
  }
}

/** The HA trust score formula (custom_components/privacy_gateway/stats.py), with its reasons. */
export function trustScore(violations: number, newDestinations: number, opaquePayloads: number): {
  score: number;
  reasons: TrustReason[];
} {
  const reasons: TrustReason[] = [
    { key: 'violations' as const, count: violations, points: 10 * violations },
    { key: 'new_destinations' as const, count: newDestinations, points: 5 * newDestinations },
    { key: 'opaque_payloads' as const, count: opaquePayloads, points: 10 * opaquePayloads },
  ].filter((reason) => reason.count > 0);
  const lost = reasons.reduce((sum, reason) => sum + reason.points, 0);
  return { score: Math.max(0, 100 - lost), reasons };
}

/** Most exposed first: lowest trust score, then most violations, then most data uploaded. */
export function byExposure(a: DeviceOverview, b: DeviceOverview): number {
  return (
    a.trustScore - b.trustScore ||
    b.violationsToday - a.violationsToday ||
    b.bytesUploaded - a.bytesUploaded ||
    a.name.localeCompare(b.name)
  );
}
