import * as packet from 'dns-packet';
import type { UpstreamAnswer } from './upstream.js';

export const RCODE = { noError: 0, formErr: 1, servFail: 2, nxDomain: 3, notImp: 4, refused: 5 } as const;
/** dns-packet has no codec for HTTPS/SVCB records; it carries them as opaque data under this name. */
export const HTTPS_TYPE = 'UNKNOWN_65';
/** Answers the gateway makes up (steered, sinkholed) live briefly, so a policy change shows within a minute. */
export const SYNTHETIC_TTL_SECONDS = 60;
/** The UDP payload we advertise and accept (the DNS flag day 2020 recommendation). */
export const EDNS_UDP_SIZE = 1232;
const CLASSIC_UDP_SIZE = 512;

export type SinkholeStyle = 'nxdomain' | 'null';

export interface Reply {
  readonly rcode: number;
  readonly answers: readonly packet.Answer[];
  readonly authorities?: readonly packet.Answer[];
}

export function sinkholeReply(style: SinkholeStyle, name: string, type: string): Reply {
  if (style === 'nxdomain') return { rcode: RCODE.nxDomain, answers: [] };
  if (type === 'A') return { rcode: RCODE.noError, answers: [address('A', name, '0.0.0.0')] };
  if (type === 'AAAA') return { rcode: RCODE.noError, answers: [address('AAAA', name, '::')] };
  return { rcode: RCODE.noError, answers: [] };
}

export function addressReply(type: 'A' | 'AAAA', name: string, addresses: readonly string[]): Reply {
  return { rcode: RCODE.noError, answers: addresses.map((value) => address(type, name, value)) };
}

export function upstreamReply(answer: UpstreamAnswer): Reply {
  return { rcode: answer.rcode, answers: answer.answers, authorities: answer.authorities };
}

function address(type: 'A' | 'AAAA', name: string, data: string): packet.Answer {
  return { type, name, ttl: SYNTHETIC_TTL_SECONDS, class: 'IN', data };
}

/** The A/AAAA addresses in a reply (what the device will connect to), and the CNAME targets it names. */
export function replyAddresses(reply: Reply): string[] {
  return reply.answers.flatMap((record) => ((record.type === 'A' || record.type === 'AAAA') && typeof record.data === 'string' ? [record.data] : []));
}

export function cnameTargets(reply: Reply): string[] {
  return reply.answers.flatMap((record) => (record.type === 'CNAME' && typeof record.data === 'string' ? [record.data] : []));
}

/** The client's EDNS record, if it sent one (RFC 6891); its size bounds our UDP answer. */
export function clientEdns(query: packet.DecodedPacket): packet.OptAnswer | undefined {
  const opt = (query.additionals ?? []).find((record) => record.type === 'OPT');
  return opt?.type === 'OPT' ? opt : undefined;
}

/**
 * The response to `query`: same id and question, RD echoed, RA set, EDNS echoed when the client used
 * it. Over UDP an answer larger than the client accepts is sent empty with TC set, so it retries over TCP.
 */
export function encodeResponse(query: packet.DecodedPacket, reply: Reply, transport: 'udp' | 'tcp'): Buffer {
  const edns = clientEdns(query);
  const flags = ((query.flags ?? 0) & packet.RECURSION_DESIRED) | packet.RECURSION_AVAILABLE | (reply.rcode & 0xf);
  const base: packet.Packet = {
    type: 'response',
    id: query.id ?? 0,
    flags,
    questions: (query.questions ?? []).slice(0, 1),
    ...(edns && { additionals: [{ type: 'OPT', name: '.', udpPayloadSize: EDNS_UDP_SIZE, extendedRcode: 0, ednsVersion: 0, flags: 0, flag_do: false, options: [] }] }),
  };
  const full = packet.encode({ ...base, answers: [...reply.answers], authorities: [...(reply.authorities ?? [])] });
  if (transport === 'tcp') return full;
  const limit = edns ? Math.max(CLASSIC_UDP_SIZE, Math.min(edns.udpPayloadSize, EDNS_UDP_SIZE)) : CLASSIC_UDP_SIZE;
  if (full.length <= limit) return full;
  return packet.encode({ ...base, flags: flags | packet.TRUNCATED_RESPONSE });
}
