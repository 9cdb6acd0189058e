import dgram from 'node:dgram';
import { readFileSync } from 'node:fs';
import net from 'node:net';
import * as packet from 'dns-packet';
import { GatewayError } from '../errors.js';

export interface UpstreamAddress {
  readonly host: string;
  readonly port: number;
}

export interface UpstreamAnswer {
  readonly rcode: number;
  readonly answers: packet.Answer[];
  readonly authorities: packet.Answer[];
}

/** What the gateway asks its upstream with: a question, EDNS with the size we can take back over UDP. */
const EDNS_UDP_SIZE = 1232;
const DEFAULT_TIMEOUT_MS = 2_500;

/**
 * The first `nameserver` of a resolv.conf: the resolver this machine itself uses. The gateway's own
 * listener must never be it (it would ask itself), which `parseUpstream` cannot know; main checks it.
 */
export function systemUpstream(file = '/etc/resolv.conf'): UpstreamAddress {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new GatewayError('CONFIG_INVALID', `Cannot read ${file} to find the system's DNS resolver; pass --dns-upstream`, [], {
      cause: error,
    });
  }
  for (const line of text.split('\n')) {
    const match = /^\s*nameserver\s+(\S+)/.exec(line);
    const host = match?.[1]?.replace(/%.*$/, '');
    if (host !== undefined && net.isIP(host) !== 0) return { host, port: 53 };
  }
  throw new GatewayError('CONFIG_INVALID', `${file} names no nameserver; pass --dns-upstream ADDR`);
}

/** `1.2.3.4`, `1.2.3.4:5353`, `[::1]:53` or `::1`. */
export function parseUpstream(value: string): UpstreamAddress {
  const bracketed = /^\[([0-9a-f:.]+)\](?::(\d{1,5}))?$/i.exec(value);
  const plain = /^([0-9.]+)(?::(\d{1,5}))?$/.exec(value);
  const match = bracketed ?? plain;
  const host = match?.[1] ?? (net.isIPv6(value) ? value : undefined);
  const port = match?.[2] === undefined ? 53 : Number(match[2]);
  if (host === undefined || net.isIP(host) === 0 || port < 1 || port > 65_535) {
    throw new GatewayError('CONFIG_INVALID', `--dns-upstream must be an IP address with an optional port, got "${value}"`);
  }
  return { host, port };
}

/**
 * Asks the upstream over UDP and again over TCP when the answer comes back truncated. Fails with
 * UPSTREAM_UNREACHABLE (the device then gets SERVFAIL, never a made-up answer).
 */
export async function queryUpstream(
  upstream: UpstreamAddress,
  question: packet.Question,
  timeoutMs = DEFAULT_TIMEOUT_MS,
): Promise<UpstreamAnswer> {
  const query = packet.encode({
    type: 'query',
    id: Math.floor(Math.random() * 65_536),
    flags: packet.RECURSION_DESIRED,
    questions: [question],
    additionals: [{ type: 'OPT', name: '.', udpPayloadSize: EDNS_UDP_SIZE, extendedRcode: 0, ednsVersion: 0, flags: 0, flag_do: false, options: [] }],
  });
  let response = await overUdp(upstream, query, timeoutMs);
  if (response.flag_tc) response = await overTcp(upstream, query, timeoutMs);
  return {
    rcode: (response.flags ?? 0) & 0xf,
    answers: response.answers ?? [],
    authorities: (response.authorities ?? []).filter((record) => record.type === 'SOA'),
  };
}

function unreachable(upstream: UpstreamAddress, reason: string): GatewayError {
  return new GatewayError('UPSTREAM_UNREACHABLE', `The DNS upstream ${upstream.host}:${upstream.port} ${reason}`);
}

function overUdp(upstream: UpstreamAddress, query: Buffer, timeoutMs: number): Promise<packet.DecodedPacket> {
  const id = query.readUInt16BE(0);
  return new Promise((resolve, reject) => {
    const socket = dgram.createSocket(net.isIPv6(upstream.host) ? 'udp6' : 'udp4');
    const done = (error: Error | undefined, answer?: packet.DecodedPacket): void => {
      clearTimeout(timer);
      socket.close();
      if (answer) resolve(answer);
      else reject(error ?? unreachable(upstream, 'gave no answer'));
    };
    const timer = setTimeout(() => done(unreachable(upstream, `did not answer within ${timeoutMs} ms`)), timeoutMs);
    socket.on('error', (error) => done(unreachable(upstream, `failed: ${error.message}`)));
    socket.on('message', (message) => {
      const decoded = safeDecode(message);
      // Answers with another id are stray or spoofed: keep waiting for ours.
      if (decoded !== undefined && decoded.id === id) done(undefined, decoded);
    });
    socket.send(query, upstream.port, upstream.host);
  });
}

function overTcp(upstream: UpstreamAddress, query: Buffer, timeoutMs: number): Promise<packet.DecodedPacket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: upstream.host, port: upstream.port });
    let buffered = Buffer.alloc(0);
    const fail = (reason: string): void => {
      socket.destroy();
      reject(unreachable(upstream, reason));
    };
    socket.setTimeout(timeoutMs, () => fail(`did not answer over TCP within ${timeoutMs} ms`));
    socket.on('error', (error) => fail(`failed over TCP: ${error.message}`));
    socket.on('connect', () => socket.end(withLengthPrefix(query)));
    socket.on('data', (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk]);
      if (buffered.length < 2 || buffered.length < 2 + buffered.readUInt16BE(0)) return;
      const decoded = safeDecode(buffered.subarray(2, 2 + buffered.readUInt16BE(0)));
      socket.destroy();
      if (decoded) resolve(decoded);
      else reject(unreachable(upstream, 'sent a malformed answer over TCP'));
    });
  });
}

export function withLengthPrefix(message: Buffer): Buffer {
  const prefix = Buffer.alloc(2);
  prefix.writeUInt16BE(message.length);
  return Buffer.concat([prefix, message]);
}

export function safeDecode(message: Buffer): packet.DecodedPacket | undefined {
  try {
    return packet.decode(message);
  } catch {
    return undefined;
  }
}
