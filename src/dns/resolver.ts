import type * as packet from 'dns-packet';
import { GatewayError, messageOf } from '../errors.js';
import type { CompiledPolicy, DeviceRef } from '../policy/index.js';
import { addressReply, cnameTargets, HTTPS_TYPE, RCODE, SYNTHETIC_TTL_SECONDS, replyAddresses, sinkholeReply, upstreamReply, type Reply, type SinkholeStyle } from './answer.js';
import type { DnsCache } from './cache.js';
import { isEncryptedDnsEndpoint } from './encrypted-dns.js';
import { isLocalClient } from './local-clients.js';
import { decideName, steeredAddresses, type DnsVerdict, type SteeringSettings } from './steering.js';
import type { SteeredNames } from './steered-names.js';
import { queryUpstream, type UpstreamAddress, type UpstreamAnswer } from './upstream.js';

/** One answered question, as the query log keeps it. Addresses are only the true ones the device got. */
export interface DnsQueryEvent {
  readonly at: number;
  readonly clientAddress: string;
  readonly device: DeviceRef;
  readonly name: string;
  readonly type: string;
  /** failed: the upstream did not answer (the device got SERVFAIL). */
  readonly verdict: DnsVerdict | 'failed';
  readonly rcode: number;
  readonly addresses: readonly string[];
  /** The name is a public DNS-over-HTTPS/TLS service: the device may be resolving around the gateway. */
  readonly encryptedDns: boolean;
  readonly reason: string;
}

export interface DnsQueryRecorder {
  recordQuery(event: DnsQueryEvent): void;
}

export interface ResolverDeps {
  readonly policy: () => CompiledPolicy;
  readonly steering: SteeringSettings;
  readonly sinkhole: SinkholeStyle;
  readonly recorder: DnsQueryRecorder;
  readonly cache: DnsCache;
  /** Asks the upstream resolver (see `upstreamAsker`). */
  readonly ask: (question: packet.Question) => Promise<UpstreamAnswer>;
  /** The gateway's own addresses: its lookups always get the true answer (see service.ts). */
  readonly isSelf?: (address: string) => boolean;
  /** Told each name answered with the gateway's address, so plain MQTT can find where the device was going. */
  readonly steered?: Pick<SteeredNames, 'remember'>;
}

/** The real upstream: UDP, then TCP when truncated. */
export function upstreamAsker(upstream: UpstreamAddress, timeoutMs?: number): ResolverDeps['ask'] {
  return (question) => queryUpstream(upstream, question, timeoutMs);
}

/** Steered names: the question types that must not leak the vendor's real addresses or its ECH keys. */
const SVCB_TYPE = 'UNKNOWN_64';
/** Distinct names asked upstream at once; past it a flood of random names gets SERVFAIL, not a socket each. */
const MAX_IN_FLIGHT = 512;
const STEERED_EMPTY_TYPES = new Set<string>([HTTPS_TYPE, SVCB_TYPE, 'CNAME']);

/** Decides, answers and records one question. Never throws: a failing upstream is SERVFAIL. */
export class DnsResolver {
  /** Concurrent identical upstream questions share one query (a burst of devices waking up). */
  private readonly inFlight = new Map<string, Promise<UpstreamAnswer>>();

  constructor(private readonly deps: ResolverDeps) {}

  async resolve(clientAddress: string, question: packet.Question): Promise<Reply> {
    const { deps } = this;
    const at = Date.now();
    const fromGateway = deps.isSelf?.(clientAddress) === true;
    const decision = decideName(deps.policy(), clientAddress, question.name, deps.steering, fromGateway);
    const type = question.type;
    const record = (verdict: DnsQueryEvent['verdict'], reply: Reply, reason: string, truthful: boolean): Reply => {
      deps.recorder.recordQuery({
        at,
        clientAddress,
        device: decision.device,
        name: decision.name,
        type,
        verdict,
        rcode: reply.rcode,
        addresses: truthful ? replyAddresses(reply) : [],
        encryptedDns: isEncryptedDnsEndpoint(decision.name),
        reason,
      });
      return reply;
    };
    // Not logged: scanners from the internet would fill the query log with their names.
    if (decision.device.isDefault && !fromGateway && !isLocalClient(clientAddress)) return { rcode: RCODE.refused, answers: [] };
    if (decision.verdict === 'sinkhole') return record('sinkhole', sinkholeReply(deps.sinkhole, question.name, type), decision.reason, false);
    if (decision.verdict === 'steer') {
      if (type === 'A' || type === 'AAAA') {
        const reply = addressReply(type, question.name, steeredAddresses(deps.steering, type));
        if (reply.answers.length > 0) deps.steered?.remember(clientAddress, decision.name, SYNTHETIC_TTL_SECONDS, at);
        return record('steer', reply, decision.reason, false);
      }
      if (STEERED_EMPTY_TYPES.has(type)) return record('steer', { rcode: RCODE.noError, answers: [] }, decision.reason, false);
    }
    let reply: Reply;
    try {
      reply = upstreamReply(await this.ask(question));
    } catch (error) {
      const reason = messageOf(error);
      return record('failed', { rcode: RCODE.servFail, answers: [] }, reason, false);
    }
    // A name the policy allows can be an alias of one it blocks (a tracker behind a CNAME).
    for (const target of cnameTargets(reply)) {
      const aliased = decideName(deps.policy(), clientAddress, target, deps.steering, fromGateway);
      if (aliased.verdict === 'sinkhole') {
        const reason = `${question.name} is an alias of ${aliased.name}: ${aliased.reason}`;
        return record('sinkhole', sinkholeReply(deps.sinkhole, question.name, type), reason, false);
      }
    }
    // Other question types about a steered name (TXT, MX…) carry no address the device would connect to.
    const reason = decision.verdict === 'steer' ? `${type} answered truthfully for a steered name` : decision.reason;
    return record('answer', reply, reason, true);
  }

  private ask(question: packet.Question): Promise<UpstreamAnswer> {
    const { cache } = this.deps;
    const cached = cache.get(question.name, question.type);
    if (cached) return Promise.resolve({ rcode: cached.rcode, answers: [...cached.answers], authorities: [...cached.authorities] });
    const key = `${question.type} ${question.name.toLowerCase()}`;
    const pending = this.inFlight.get(key);
    if (pending) return pending;
    if (this.inFlight.size >= MAX_IN_FLIGHT) {
      return Promise.reject(new GatewayError('UPSTREAM_UNREACHABLE', `${MAX_IN_FLIGHT} upstream DNS queries already pending`));
    }
    const asking = this.deps
      .ask(question)
      .then((answer) => {
        // SERVFAIL and REFUSED are the upstream's trouble, not facts about the name: not cached.
        if (answer.rcode === RCODE.noError || answer.rcode === RCODE.nxDomain) cache.set(question.name, question.type, answer);
        return answer;
      })
      .finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, asking);
    return asking;
  }
}
