import type { AddressInfo } from 'node:net';
import type { FlowRecorder } from '../../ledger/index.js';
import type { CompiledPolicy } from '../../policy/index.js';
import type { CertificateAuthority } from '../ca/authority.js';
import type { MqttHandler, ProxyLimits, RequestHandler, UpgradeHandler } from '../contracts.js';
import type { DestinationGuard } from './guard.js';

/** The proxy's log port; `fields` never carry personal values (hosts and client addresses only). */
export interface ProxyLog {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

/**
 * Where to actually connect for a destination. Production leaves it out (DNS decides); tests map
 * names such as `vendor.test` to a local upstream while the client still sees and sends that name.
 */
export type ResolveUpstream = (host: string, port: number) => { readonly host: string; readonly port: number };

export interface UpstreamDeps {
  /** Extra trusted roots (PEM), in addition to the system store (`tls.rootCertificates`). */
  readonly upstreamCa?: readonly string[];
  readonly limits: ProxyLimits;
  readonly log: ProxyLog;
  readonly resolveUpstream?: ResolveUpstream;
  /** Upper bound of open connections per upstream host:port (keep-alive pools). */
  readonly maxSocketsPerHost?: number;
  /** The no-relay rules; give the proxy the same one. Without it a guard with no protected endpoints is used. */
  readonly guard?: DestinationGuard;
}

/** How long a connection may sit without a byte either way before the gateway closes it. */
export interface IdleTimeouts {
  /** Tunnels (CONNECT or transparent TLS passed through uninspected). */
  readonly tunnelMs: number;
  /** Client connections the gateway serves HTTP on (explicit, transparent, decrypted TLS). */
  readonly clientMs: number;
}

export const DEFAULT_IDLE_TIMEOUTS: IdleTimeouts = { tunnelMs: 5 * 60_000, clientMs: 2 * 60_000 };

/**
 * The listeners' needs. Requests are forwarded by the handler (the pipeline, with its own Upstream from
 * createUpstream, which is where trusted upstream CAs go); the proxy itself only opens raw tunnels.
 */
/**
 * The names the gateway's own DNS answered with the gateway's address for a client, newest first (see
 * src/dns/steered-names.ts): where a plain MQTT connection, which names no destination, was going.
 */
export interface SteeredNameSource {
  lastFor(clientAddress: string, now: number): readonly { readonly name: string; readonly at: number }[];
}

export interface ProxyDeps {
  readonly ca: CertificateAuthority;
  readonly policy: () => CompiledPolicy;
  readonly recorder: FlowRecorder;
  readonly handler: RequestHandler;
  /** The MQTT pipeline; the MQTT listeners are opened only when it is given. */
  readonly mqtt?: MqttHandler | undefined;
  /** The DNS's steered names; with it plain MQTT goes where the device was steered from (see mqtt-broker.ts). */
  readonly steeredNames?: SteeredNameSource | undefined;
  /** The WebSocket pipeline; without it Upgrade requests are refused with 501. */
  readonly upgrade?: UpgradeHandler | undefined;
  /** upstreamTimeoutMs bounds opening a tunnel. */
  readonly limits: ProxyLimits;
  readonly log: ProxyLog;
  /** Tests only: where tunnels really connect (see ResolveUpstream). Give createUpstream the same one. */
  readonly resolveUpstream?: ResolveUpstream;
  /** How long a client may take to send its ClientHello (or first bytes) and finish the handshake. */
  readonly handshakeTimeoutMs?: number;
  readonly idleTimeouts?: IdleTimeouts;
  /** The no-relay rules, shared with createUpstream; the proxy adds its own listeners to it. */
  readonly guard?: DestinationGuard;
  /** Where the clients found to pin their certificates are remembered across restarts (0600 JSON). */
  readonly uninspectableFile?: string;
}

export interface ListenOptions {
  readonly host: string;
  /** The explicit forward proxy (absolute-form requests and CONNECT). */
  readonly port: number;
  /** Transparent plain HTTP: origin-form requests, the target taken from the Host header. */
  readonly transparentHttpPort?: number;
  /** Transparent TLS: the target taken from the ClientHello's SNI. */
  readonly transparentTlsPort?: number;
  /** Plain MQTT: to the broker name the gateway's DNS steered to this client, else mqttUpstream (see mqtt-broker.ts). */
  readonly mqttPort?: number;
  /** MQTT over TLS, intercepted: the broker from the SNI (port 8883), else mqttUpstream. */
  readonly mqttsPort?: number;
  /** The broker the MQTT listeners bridge to when neither the connection nor a steered name says (explicit mode). */
  readonly mqttUpstream?: { readonly host: string; readonly port: number } | undefined;
}

export interface ProxyAddresses {
  readonly proxy: AddressInfo;
  readonly transparentHttp: AddressInfo | undefined;
  readonly transparentTls: AddressInfo | undefined;
  readonly mqtt?: AddressInfo | undefined;
  readonly mqtts?: AddressInfo | undefined;
}

/** A (client address, host) pair whose client refused the gateway's certificate (certificate pinning). */
export interface UninspectableHost {
  readonly clientAddress: string;
  /** The device the client was when it was marked ('default' for a client that matched none). */
  readonly deviceId: string;
  readonly host: string;
  readonly since: number;
  /** What the client did: the TLS alert it sent, or the silent closes that added up. */
  readonly evidence: string;
}

export interface GatewayProxy {
  listen(options: ListenOptions): Promise<ProxyAddresses>;
  close(): Promise<void>;
  /** Pairs marked uninspectable (remembered across restarts when uninspectableFile is set), oldest first. */
  uninspectable(): UninspectableHost[];
}
