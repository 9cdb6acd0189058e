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
