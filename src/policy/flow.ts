import type { PayloadField, PayloadFormat } from '../payload/types.js';
import type { DataCategory } from './categories.js';
import type { ConditionRecord } from './condition-check.js';
import type { Finding } from './classifier/detector.js';

export type Mode = 'monitor' | 'enforce' | 'lockdown';
export type FieldAction = 'allow' | 'redact' | 'hash' | 'drop' | 'block';
/** mqtt and mqtts: MQTT through the gateway's MQTT listeners (src/proxy/mqtt). */
export type Scheme = 'http' | 'https' | 'mqtt' | 'mqtts';

/** What the gateway knows about a connection before any body is read. */
export interface FlowTarget {
  readonly clientAddress: string;
  readonly clientMac?: string | undefined;
  readonly scheme: Scheme;
  readonly host: string;
  readonly port: number;
}

export interface OpaqueFinding {
  /** 'base64' | 'hex' blob in a string, 'binary' body, 'nested-json'-free: only what is unreadable. */
  readonly kind: 'base64' | 'hex' | 'binary' | 'compressed' | 'encrypted';
  readonly reason: string;
  readonly length: number;
  readonly entropy: number;
}

export interface ClassifiedField {
  readonly field: PayloadField;
  readonly categories: readonly DataCategory[];
  readonly opaque: OpaqueFinding | undefined;
  /**
   * The classifier's findings that put the categories on the field (which detector, what it saw —
   * never the value). Set by classifyPayload; optional so hand-built fields (tests, rules) need none.
   */
  readonly findings?: readonly Finding[] | undefined;
  /** The findings as one sentence (`key "weightKg": word "weight" + unit "kg" → health`); '' when none. */
  readonly explanation?: string | undefined;
}

/** One request as the policy sees it. */
export interface Flow {
  readonly target: FlowTarget;
  readonly method: string;
  readonly path: string;
  /** undefined when the flow is not inspected (tunnelled, pinned client). */
  readonly payload:
    | {
        readonly format: PayloadFormat;
        readonly fields: readonly ClassifiedField[];
        /** Whole-body opacity (unknown binary type, compressed blob). */
        readonly opaque: OpaqueFinding | undefined;
      }
    | undefined;
}

export interface DeviceRef {
  readonly id: string;
  readonly name: string;
  /** true when the client matched no device and fell under the default profile. */
  readonly isDefault: boolean;
  /** The device's maker (policy `manufacturer`), which names its first-party destinations. */
  readonly manufacturer?: string | undefined;
}

export interface DestinationRef {
  readonly id: string | undefined;
  readonly vendor: string | undefined;
  /** The party the owner gave the matched policy destination, if any. */
  readonly party?: 'first' | 'support' | 'third' | undefined;
  readonly host: string;
  readonly port: number;
  readonly scheme: Scheme;
}

/**
 * What refused a request or connection (or would have, in monitor mode): the device is quarantined, its
 * destination is blocked, lockdown and the destination is not listed, the body or a value is opaque, a
 * field rule says block, or the client cannot be inspected and may not pass uninspected.
 */
/** `gateway`: the gateway's own protections (an invalid host, a relay to itself, Home Assistant or the LAN). */
export const BLOCK_KINDS = ['quarantine', 'destination', 'lockdown-unlisted', 'opaque', 'field', 'uninspectable', 'gateway'] as const;
export type BlockKind = (typeof BLOCK_KINDS)[number];

/** Why something happened: the rule (if any) and a sentence a person can read. */
export interface Explanation {
  readonly ruleId: string | undefined;
  readonly reason: string;
  /** Set on the explanation of a block (or a monitor-mode would-block): what kind of refusal it is. */
  readonly blockedBy?: BlockKind | undefined;
  /** For a field (or opaque value) that blocks: the field's path template, never its value. */
  readonly field?: string | undefined;
}

export interface ConnectionDecision {
  readonly device: DeviceRef;
  /** The client as seen on the socket: how an unassigned device is recognised later. */
  readonly client: { readonly address: string; readonly mac: string | undefined };
  readonly mode: Mode;
  readonly destination: DestinationRef;
  readonly verdict: 'inspect' | 'tunnel' | 'block';
  /** false only when the owner opted out for this destination (explicit, logged). */
  readonly verifyUpstream: boolean;
  /** What to do when the client rejects our CA (pinning): 'allow' tunnels blindly next time, 'block' refuses. */
  readonly onUninspectable: 'allow' | 'block';
  /** In monitor mode a block is recorded but not enforced: `wouldBlock` says so. */
  readonly wouldBlock: boolean;
  /**
   * true when the destination the policy matched names this host (any pattern but `*`) and allows it:
   * only then may the host be, or resolve to, a loopback, link-local or private address. Absent = false.
   */
  readonly localAddressAllowed?: boolean;
  readonly explanation: Explanation;
  /** Home Assistant conditions read for the mode and the destination (which held, with which state). */
  readonly conditions?: readonly ConditionRecord[] | undefined;
}

export interface FieldDecision {
  readonly path: string;
  /**
   * The path with array indices as `[*]` (`$.ap_list[*].ssid`) when the parser gave one: what the ledger
   * aggregates by, so a list of thirty networks is one row, not thirty.
   */
  readonly template?: string | undefined;
  readonly source: PayloadField['source'];
  readonly categories: readonly DataCategory[];
  readonly opaque: boolean;
  /** The action the policy chose, whether or not the mode applies it. */
  readonly action: FieldAction;
  /** true when the action changes the payload now (enforce/lockdown, action != allow). */
  readonly applied: boolean;
  readonly explanation: Explanation;
  /**
   * Which detectors decided the field's categories, in words (the classifier's explanation, never a value);
   * undefined when the field has no category. The ledger keeps the latest per field row; the card shows it.
   */
  readonly decidedBy?: string | undefined;
  /**
   * Set when the winning rule matched an enclosing object or array (`$.map.robotPos` for
   * `$.map.robotPos.x`) rather than the field itself: that container's path and depth (its number of
   * segments). A drop then removes the whole container member, not leaf by leaf.
   */
  readonly container?: { readonly path: string; readonly depth: number } | undefined;
}

export interface Decision {
  readonly connection: ConnectionDecision;
  readonly verdict: 'forward' | 'block';
  /** A violation: something the policy does not allow happened (blocked, or would be in monitor mode). */
  readonly violation: boolean;
  readonly fields: readonly FieldDecision[];
  /** Set when verdict is 'block' (or would be, in monitor mode); its `blockedBy` names the kind. */
  readonly block: Explanation | undefined;
  readonly explanation: Explanation;
  /**
   * Whose key pseudonymises hashed values: 'per-vendor' (the default) derives one per device and vendor,
   * so two vendors cannot link their pseudonyms; 'household' uses one key for every device and vendor.
   * Absent means 'per-vendor'.
   */
  readonly pseudonyms?: PseudonymScope | undefined;
  /** Every Home Assistant condition read for this request (mode, destination, field rules), once each. */
  readonly conditions?: readonly ConditionRecord[] | undefined;
}

export type PseudonymScope = 'per-vendor' | 'household';
