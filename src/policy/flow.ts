import type { PayloadField, PayloadFormat } from '../payload/types.js';
import type { DataCategory } from './categories.js';

export type Mode = 'monitor' | 'enforce' | 'lockdown';
export type FieldAction = 'allow' | 'redact' | 'hash' | 'drop' | 'block';
export type Scheme = 'http' | 'https';

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

/** Why something happened: the rule (if any) and a sentence a person can read. */
export interface Explanation {
  readonly ruleId: string | undefined;
  readonly reason: string;
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
  readonly explanation: Explanation;
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
}

export interface Decision {
  readonly connection: ConnectionDecision;
  readonly verdict: 'forward' | 'block';
  /** A violation: something the policy does not allow happened (blocked, or would be in monitor mode). */
  readonly violation: boolean;
  readonly fields: readonly FieldDecision[];
  /** Set when verdict is 'block' (or would be, in monitor mode). */
  readonly block: Explanation | undefined;
  readonly explanation: Explanation;
}
