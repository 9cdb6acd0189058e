/**
 * The local page's JSON API as the browser sees it. This file imports nothing so the browser bundle can
 * share it; the server assigns the ledger's views to these types, so a drift fails to compile.
 * Times are epoch milliseconds.
 */

export interface ApiError {
  readonly error: { readonly code: string; readonly message: string; readonly details: readonly string[] };
}

export interface PolicyStatusView {
  readonly file: string;
  readonly mode: string;
  readonly loadedAt: number;
  /** Why the file on disk is not in force (an invalid edit); the last good policy keeps running. */
  readonly lastError: {
    readonly at: number;
    readonly code: string;
    readonly message: string;
    readonly details: readonly string[];
  } | null;
}

export interface StatusView {
  readonly version: string;
  readonly startedAt: number;
  readonly uptimeSeconds: number;
  /** `host:port` of each listener; null when the listener is off. */
  readonly proxy: {
    readonly http: string;
    readonly transparentHttp: string | null;
    readonly transparentTls: string | null;
  };
  readonly policy: PolicyStatusView;
  readonly ca: { readonly fingerprintSha256: string; readonly pemPath: string; readonly derPath: string };
  /** The Home Assistant connection when one is configured (then its policy is in force), else null. */
  readonly hub: HubStatusView | null;
}

export interface HubStatusView {
  readonly url: string;
  readonly state: string;
  /** Report items waiting for Home Assistant. */
  readonly outbox: number;
  readonly lastError: string | null;
}

export interface DeviceOverviewView {
  readonly id: string;
  readonly name: string;
  readonly isDefault: boolean;
  readonly firstSeen: number;
  readonly lastSeen: number;
  readonly destinations: number;
  readonly fields: number;
  readonly categories: readonly string[];
  readonly violationsToday: number;
  readonly bytesUp: number;
  readonly bytesDown: number;
}

export interface DevicesView {
  readonly devices: readonly DeviceOverviewView[];
}

/** Who a destination belongs to (src/destinations): the owner's names first, then the built-in catalogue. */
export interface DestinationNameView {
  readonly domain: string;
  readonly vendor: string | undefined;
  readonly vendorSource: 'owner' | 'catalogue' | undefined;
  readonly party: 'first' | 'support' | 'third' | 'unknown';
  readonly partyReason: string;
  readonly countries: readonly string[];
}

export interface DestinationView {
  /** Present when the sidecar named the destination (vendor, party, country). */
  readonly name?: DestinationNameView | undefined;
  readonly vendor: string | null;
  readonly host: string;
  readonly port: number;
  readonly scheme: string;
  readonly inspectable: boolean;
  readonly forwarded: number;
  readonly blocked: number;
  readonly errors: number;
  readonly firstSeen: number;
  readonly lastSeen: number;
  /** What the policy file decides for exactly this host (the device's entry, else the household's), if it names it. */
  readonly policyAccess?: 'allow' | 'block' | undefined;
}

export interface FieldView {
  readonly host: string;
  readonly path: string;
  readonly action: string;
  readonly applied: boolean;
  readonly opaque: boolean;
  readonly count: number;
  readonly firstSeen: number;
  readonly lastSeen: number;
  /** Which detectors decided the category, in words; absent from sidecars before ledger migration 6. */
  readonly why?: string;
}

export interface CategoryView {
  readonly category: string | null;
  readonly label: string;
  readonly fields: readonly FieldView[];
}

export interface DecisionView {
  readonly at: number;
  readonly host: string;
  readonly method: string | null;
  readonly path: string | null;
  readonly mode: string;
  readonly verdict: string;
  readonly violation: boolean;
  readonly ruleId: string | null;
  readonly reason: string;
}

export interface DeviceSummaryView {
  readonly device: {
    readonly id: string;
    readonly name: string;
    readonly isDefault: boolean;
    readonly firstSeen: number;
    readonly lastSeen: number;
  };
  readonly since: number;
  readonly destinations: readonly DestinationView[];
  readonly categories: readonly CategoryView[];
  readonly decisions: readonly DecisionView[];
  /** What the answer leaves out: it lists the busiest destinations and fields, and counts the rest. */
  readonly notShown: NotShownView;
  readonly network: NetworkView;
  /** Learn-then-lock: the allowlist the gateway proposes from what the device did (src/lockdown). */
  readonly lockdownProposal?: LockdownProposalView | undefined;
  /** What the policy file says about the device now (absent for a device the file does not have). */
  readonly policy?: DevicePolicyView | undefined;
  /** Rules that follow the home: the device's conditioned rules, read with the gateway's states. */
  readonly conditions?: readonly ConditionView[] | undefined;
}

/** A conditioned rule, destination or mode as the gateway reads it now (src/policy/condition-list.ts). */
export interface ConditionView {
  readonly guards: 'rule' | 'destination' | 'mode';
  readonly subject: string;
  readonly test: string;
  readonly holds: boolean;
  /** The state was never seen (or is unavailable): `holds` is the stricter reading. */
  readonly assumed: boolean;
  readonly state: string | undefined;
  readonly since: number | undefined;
  /** false: the last known state, Home Assistant away (or none configured). */
  readonly live: boolean;
}

export interface DevicePolicyView {
  /** The device's own mode, else the household's. */
  readonly mode: string;
  readonly quarantined: boolean;
}

export interface ProposedDestinationView {
  readonly host: string;
  readonly vendor: string | undefined;
  readonly party: string;
  /** Countries of the addresses the gateway connected to (ISO 3166 alpha-2). */
  readonly countries?: readonly string[];
  readonly requests: number;
  readonly categories: readonly string[];
  readonly access: 'allow' | 'block';
  readonly review: boolean;
  readonly reason: string;
}

export interface LockdownProposalView {
  readonly observedDays: number;
  readonly learningComplete: boolean;
  readonly destinations: readonly ProposedDestinationView[];
}

/** Where the page's policy edits go: `POST` one `{operation, data}` (the integration's edit operations). */
export const POLICY_EDITS_PATH = '/api/policy/edits';
/**
 * The header every edit carries. A cross-site page cannot send it without a CORS preflight, which the
 * page never grants, so a form or script on another site cannot change the policy with the owner's cookie.
 */
export const EDIT_HEADER = 'x-privacy-gateway-edit';

/** `GET /api/policy/edits`: whether this browser may change the policy here, and if not, why. */
export interface EditAccessView {
  readonly allowed: boolean;
  /** Why not: PAGE_UNAUTHORIZED (log in with the link printed at start) or POLICY_MANAGED_BY_HUB. */
  readonly code: string | null;
  readonly message: string | null;
}

/** The answer to an accepted edit: the file was written and the gateway runs the new policy. */
export interface EditResultView {
  readonly operation: string;
  /** As the integration answers: `rule_id` for set_field_action. */
  readonly result: { readonly rule_id?: string };
  readonly policy: { readonly mode: string; readonly loadedAt: number };
}

/** Names resolved through the gateway's DNS and how each was answered. */
export interface DnsNameView {
  readonly name: string;
  readonly queries: number;
  readonly steered: number;
  readonly truthful: number;
  readonly sinkholed: number;
  readonly failed: number;
  readonly encryptedDns: boolean;
  readonly firstSeen: number;
  readonly lastSeen: number;
  readonly lastAnswer: 'steered' | 'truthful' | 'sinkholed' | 'failed';
}

/** A sign that the device resolves names around the gateway ("uses its own DNS"). */
export interface OwnDnsView {
  readonly kind: 'resolved-encrypted-dns' | 'connected-encrypted-dns' | 'connected-dns-port' | 'unresolved-address';
  readonly host: string;
  readonly port: number | null;
  readonly lastSeen: number;
  readonly explanation: string;
}

/** An MQTT topic (templated: value-like levels are placeholders) and which way its messages went. */
export interface MqttTopicView {
  readonly host: string;
  readonly topic: string;
  readonly direction: 'published' | 'received';
  readonly messages: number;
  readonly blocked: number;
  readonly firstSeen: number;
  readonly lastSeen: number;
}

export interface NetworkView {
  readonly dns: { readonly names: readonly DnsNameView[]; readonly ownDns: readonly OwnDnsView[] };
  readonly mqtt: { readonly topics: readonly MqttTopicView[] };
}

export interface NotShownView {
  readonly destinations: number;
  readonly fields: number;
  readonly requestsPastBounds: number;
  readonly bytesUpPastBounds: number;
  readonly bytesDownPastBounds: number;
  readonly fieldSightingsPastBounds: number;
}

/** The paths the page serves the CA certificate under. */
export const CA_PEM_PATH = '/ca.pem';
export const CA_DER_PATH = '/ca.der';
