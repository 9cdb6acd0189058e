import { lookup as dnsLookup } from 'node:dns/promises';
import net from 'node:net';
import { networkInterfaces } from 'node:os';
import { GatewayError } from '../../errors.js';
import { BoundedMemo } from '../../memo.js';
import {
  addressScope,
  canonicalHost,
  GUARD_RULES,
  isIpHost,
  parseClientIp,
  type AddressScope,
  type CompiledPolicy,
  type ConnectionDecision,
} from '../../policy/index.js';
import type { ResolveUpstream } from './types.js';

/**
 * Named refusals of the transport's guard, on top of the policy's own (host-invalid, local-destination).
 * They hold in every mode: they protect the gateway and the home, not a privacy preference.
 */
export const REFUSALS = {
  ...GUARD_RULES,
  unknownClient: 'gateway:unknown-client',
  self: 'gateway:self',
  homeAssistant: 'gateway:home-assistant',
  resolvedLocal: 'gateway:resolved-local',
  hostMismatch: 'gateway:host-mismatch',
  sniMismatch: 'gateway:sni-mismatch',
  clientHelloInvalid: 'gateway:client-hello-invalid',
} as const;

/** An address the gateway never relays to, whatever the policy says. */
export interface ProtectedEndpoint {
  /** An IP literal, a wildcard (`0.0.0.0`, `::`) for "any address of this machine", or a name. */
  readonly host: string;
  readonly port: number;
  readonly what: 'gateway' | 'home-assistant';
}

export interface GuardSettings {
  /** true when the gateway listens beyond loopback: clients that match no device are refused then. */
  readonly refuseUnknownClients?: boolean;
  /** Where names really go (tests map `vendor.test` to a loopback upstream); see ResolveUpstream. */
  readonly resolveUpstream?: ResolveUpstream;
  /** DNS; tests may replace it. Returns every address of the name. */
  readonly lookup?: (name: string) => Promise<readonly string[]>;
}

const INTERFACES_TTL_MS = 30_000;
const NAMES_TTL_MS = 60_000;
/** Destinations' answers are kept briefly, so a request does not wait on DNS each time; bounded. */
const DESTINATION_TTL_MS = 30_000;
const DESTINATION_CACHE_SIZE = 1024;

/** How to tell an unknown client what to do, in the refusal body the device (and its owner) sees. */
export const ADD_DEVICE_HINT =
  'Add it as a device: in Home Assistant, Privacy Gateway → Add mediated device; without Home Assistant, a device ' +
  'with this address in policy.json (the local page shows the file). To serve every unknown client instead, set ' +
  'defaultProfile.acceptUnknownClients to true.';

/**
 * The no-relay rules the policy cannot know about: unknown clients while listening beyond loopback, the
 * gateway's own listeners, the linked Home Assistant, and the address a name really resolves to (DNS
 * rebinding). `judge` runs when a connection is decided; `endpoint` right before connecting, and returns
 * the checked address to connect to, so the address judged is the address used.
 */
export class DestinationGuard {
  private readonly endpoints: ProtectedEndpoint[] = [];
  private readonly resolve: ResolveUpstream;
  private readonly lookup: (name: string) => Promise<readonly string[]>;
  private interfaces: { at: number; addresses: Set<string> } | undefined;
  private readonly names = new Map<string, { at: number; addresses: readonly string[] }>();
  private readonly destinations = new Map<string, { at: number; addresses: readonly string[] }>();

  constructor(private readonly settings: GuardSettings = {}) {
    this.resolve = settings.resolveUpstream ?? ((host, port) => ({ host, port }));
    this.lookup = settings.lookup ?? lookupAll;
  }

  /** Adds an endpoint the gateway must never relay to (its listeners, the page, Home Assistant). */
  protect(endpoint: ProtectedEndpoint): void {
    const host = endpoint.host.startsWith('[') ? endpoint.host.slice(1, -1) : endpoint.host;
    this.endpoints.push({ ...endpoint, host: canonicalHost(host) ?? host.toLowerCase() });
  }

  get protectedEndpoints(): readonly ProtectedEndpoint[] {
    return this.endpoints;
  }

  /** The decision, or a refusal of it when the client or the destination is off limits. */
  judge(decision: ConnectionDecision, policy: CompiledPolicy): ConnectionDecision {
    if (decision.device.isDefault && this.settings.refuseUnknownClients === true && policy.policy.defaultProfile.acceptUnknownClients !== true) {
      const reason =
        `this client (${decision.client.address}) matches no device, and the gateway listens beyond this machine, ` +
        `so it serves known devices only. ${ADD_DEVICE_HINT}`;
      return refused(decision, REFUSALS.unknownClient, reason);
    }
    const { host, port } = decision.destination;
    const hit = this.endpoints.find((e) => e.port === port && (e.host === host || (isIpHost(host) && this.sameMachine(e, host))));
    return hit === undefined ? decision : refused(decision, ruleFor(hit), protectedReason(hit, host, port));
  }

  /**
   * Where to connect for a decided destination: its first address that passes the rules. Throws
   * GatewayError DESTINATION_REFUSED (details[0] names the refusal) or UPSTREAM_UNREACHABLE (no address).
   */
  async endpoint(decision: ConnectionDecision, host: string, port: number): Promise<{ host: string; port: number }> {
    const mapped = this.resolve(host, port);
    const addresses = net.isIP(mapped.host) !== 0 ? [mapped.host] : await this.addressesOf(mapped.host, host, port);
    for (const endpoint of this.endpoints) if (endpoint.port === mapped.port && !isIpHost(endpoint.host)) await this.namesOf(endpoint.host);
    return this.firstAllowed(decision, addresses, host, port, mapped.port);
  }

  /**
   * `endpoint` without waiting, when nothing needs DNS (an IP destination or a cached answer, protected names
   * already resolved): the same checks and the same refusals, thrown at once. Undefined: call `endpoint`.
   * Every forwarded request asks, so the usual case costs no promise and no turn of the event loop.
   */
  endpointNow(decision: ConnectionDecision, host: string, port: number): { host: string; port: number } | undefined {
    const mapped = this.resolve(host, port);
    let addresses: readonly string[];
    if (net.isIP(mapped.host) !== 0) addresses = [mapped.host];
    else {
      const cached = this.cachedDestination(mapped.host);
      if (cached === undefined) return undefined;
      addresses = cached;
    }
    for (const endpoint of this.endpoints) {
      if (endpoint.port === mapped.port && !isIpHost(endpoint.host) && this.cachedNames(endpoint.host) === undefined) return undefined;
    }
    return this.firstAllowed(decision, addresses, host, port, mapped.port);
  }

  /** The first address no rule refuses; protected names must be resolved (cachedNames) before. */
  private firstAllowed(
    decision: ConnectionDecision,
    addresses: readonly string[],
    host: string,
    port: number,
    mappedPort: number,
  ): { host: string; port: number } {
    let local: string | undefined;
    for (const raw of addresses) {
      const { address, scope } = ADDRESS_SCOPES.get(raw, scopeOf);
      const hit = this.protectedHit(address, mappedPort);
      if (hit !== undefined) throw refusal(ruleFor(hit), protectedReason(hit, host, port));
      if (scope !== 'public' && decision.localAddressAllowed !== true) {
        local ??= `${address} (${scope})`;
        continue;
      }
      return { host: address, port: mappedPort };
    }
    const reason =
      `${host} resolves to ${local ?? 'no address'}, inside this machine or the home network; the gateway relays ` +
      'there only when a destination in the policy names the host';
    throw refusal(REFUSALS.resolvedLocal, reason);
  }

  /** The name's addresses; a cached answer is safe, since the connection goes to the address checked. */
  private async addressesOf(name: string, host: string, port: number): Promise<readonly string[]> {
    const cached = this.cachedDestination(name);
    if (cached !== undefined) return cached;
    try {
      const addresses = await this.lookup(name);
      this.destinations.delete(name);
      this.destinations.set(name, { at: Date.now(), addresses });
      const oldest = this.destinations.keys().next();
      if (this.destinations.size > DESTINATION_CACHE_SIZE && oldest.done !== true) this.destinations.delete(oldest.value);
      return addresses;
    } catch (error) {
      const code = error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : String(error);
      throw new GatewayError('UPSTREAM_UNREACHABLE', `Cannot reach ${host}:${port}: ${code}`, [], { cause: error });
    }
  }

  /** A protected endpoint `address:port` reaches; a protected name counts by its addresses as last resolved. */
  private protectedHit(address: string, port: number): ProtectedEndpoint | undefined {
    for (const endpoint of this.endpoints) {
      if (endpoint.port !== port) continue;
      if (isIpHost(endpoint.host) ? this.sameMachine(endpoint, address) : (this.names.get(endpoint.host)?.addresses ?? []).includes(address)) {
        return endpoint;
      }
    }
    return undefined;
  }

  /** Whether `address` reaches the endpoint's listener: the address itself, or this machine for a local one. */
  private sameMachine(endpoint: ProtectedEndpoint, address: string): boolean {
    if (endpoint.host === address) return true;
    const local = (a: string): boolean => {
      const ip = parseClientIp(a);
      const scope = ip === undefined ? 'reserved' : addressScope(ip);
      return scope === 'loopback' || scope === 'unspecified' || this.interfaceAddresses().has(a);
    };
    return local(endpoint.host) && local(address);
  }

  private interfaceAddresses(): Set<string> {
    const now = Date.now();
    if (this.interfaces === undefined || now - this.interfaces.at > INTERFACES_TTL_MS) {
      const addresses = Object.values(networkInterfaces())
        .flat()
        .flatMap((info) => (info === undefined ? [] : [canonicalHost(info.address) ?? info.address]));
      this.interfaces = { at: now, addresses: new Set(addresses) };
    }
    return this.interfaces.addresses;
  }

  private cachedDestination(name: string): readonly string[] | undefined {
    const cached = this.destinations.get(name);
    return cached !== undefined && Date.now() - cached.at < DESTINATION_TTL_MS ? cached.addresses : undefined;
  }

  /** A protected name's addresses while their lookup is fresh, else undefined. */
  private cachedNames(name: string): readonly string[] | undefined {
    const cached = this.names.get(name);
    return cached !== undefined && Date.now() - cached.at < NAMES_TTL_MS ? cached.addresses : undefined;
  }

  private async namesOf(name: string): Promise<readonly string[]> {
    const cached = this.cachedNames(name);
    if (cached !== undefined) return cached;
    const addresses = await this.lookup(name).then(
      (found) => found.map((a) => canonicalHost(a) ?? a),
      () => [],
    );
    this.names.set(name, { at: Date.now(), addresses });
    return addresses;
  }
}

/**
 * An address in canonical form and its scope: pure, and asked for on every forwarded request (the same few
 * vendor addresses), so remembered: at most 4,096 addresses.
 */
const ADDRESS_SCOPES = new BoundedMemo<{ readonly address: string; readonly scope: AddressScope | 'reserved' }>(4096, 64);

function scopeOf(raw: string): { readonly address: string; readonly scope: AddressScope | 'reserved' } {
  const address = canonicalHost(raw) ?? raw;
  const ip = parseClientIp(address);
  return { address, scope: ip === undefined ? 'reserved' : addressScope(ip) };
}

async function lookupAll(name: string): Promise<readonly string[]> {
  const found = await dnsLookup(name, { all: true, verbatim: true });
  return found.map((entry) => entry.address);
}

function ruleFor(endpoint: ProtectedEndpoint): string {
  return endpoint.what === 'gateway' ? REFUSALS.self : REFUSALS.homeAssistant;
}

function protectedReason(endpoint: ProtectedEndpoint, host: string, port: number): string {
  return endpoint.what === 'gateway'
    ? `${host}:${port} is the gateway itself: it never relays to its own proxy or page`
    : `${host}:${port} is the Home Assistant this gateway reports to: devices reach it directly, never through the proxy`;
}

/** A refusal as the ledger and the client see it: verdict block, the refusal's name as the rule. */
export function refused(decision: ConnectionDecision, ruleId: string, reason: string): ConnectionDecision {
  return { ...decision, verdict: 'block', wouldBlock: false, explanation: { ruleId, reason, blockedBy: 'gateway' } };
}

export function refusal(ruleId: string, reason: string): GatewayError {
  return new GatewayError('DESTINATION_REFUSED', `Privacy Gateway refused this destination: ${reason}`, [ruleId]);
}

/** The refusal's name when `error` is a guard refusal. */
export function refusalRule(error: unknown): string | undefined {
  return error instanceof GatewayError && error.code === 'DESTINATION_REFUSED' ? error.details[0] : undefined;
}
