import dgram from 'node:dgram';
import net from 'node:net';
import type * as packet from 'dns-packet';
import { GatewayError } from '../errors.js';
import { encodeResponse, RCODE } from './answer.js';
import type { DnsResolver } from './resolver.js';
import { safeDecode, withLengthPrefix } from './upstream.js';

export interface DnsListenAddress {
  readonly host: string;
  readonly port: number;
}

export interface DnsServerLog {
  warn(message: string, fields?: Record<string, unknown>): void;
}

/** A TCP client that sends nothing for this long is dropped (RFC 7766 suggests seconds, not minutes). */
const TCP_IDLE_MS = 10_000;
/** The largest DNS message over TCP is 65,535 bytes; more buffered than that is a broken client. */
const MAX_TCP_BUFFER = 65_537;

/**
 * The resolver the home points at: one UDP socket and one TCP server on the same address and port.
 * Malformed datagrams are dropped (answering them would make us a reflector for junk); a question we
 * do not serve (not QUERY, or no question) gets NOTIMP / FORMERR.
 */
export class DnsServer {
  private udp: dgram.Socket | undefined;
  private tcp: net.Server | undefined;
  private readonly sockets = new Set<net.Socket>();

  constructor(
    private readonly resolver: DnsResolver,
    private readonly log: DnsServerLog,
  ) {}

  /** Binds UDP then TCP on the same port; with port 0 a port free for UDP but taken for TCP is retried. */
  async listen(host: string, port: number): Promise<DnsListenAddress> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.listenOnce(host, port);
      } catch (error) {
        await this.close();
        const inUse = error instanceof GatewayError && error.message.includes('EADDRINUSE');
        if (port !== 0 || !inUse || attempt >= 5) throw error;
      }
    }
  }

  private async listenOnce(host: string, port: number): Promise<DnsListenAddress> {
    const udp = dgram.createSocket({ type: net.isIPv6(host) ? 'udp6' : 'udp4', reuseAddr: false });
    this.udp = udp;
    udp.on('message', (message, remote) => {
      void this.answer(message, remote.address, 'udp').then((response) => {
        if (response) udp.send(response, remote.port, remote.address);
      });
    });
    await new Promise<void>((resolve, reject) => {
      udp.once('error', (error) => reject(listenError(host, port, error)));
      udp.bind(port, host, () => resolve());
    });
    udp.on('error', (error) => this.log.warn('DNS UDP socket error', { reason: error.message }));
    const bound = udp.address();
    const tcp = net.createServer((socket) => this.serveTcp(socket));
    this.tcp = tcp;
    await new Promise<void>((resolve, reject) => {
      tcp.once('error', (error) => reject(listenError(host, bound.port, error)));
      tcp.listen(bound.port, host, () => resolve());
    });
    return { host: bound.address, port: bound.port };
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    const udp = this.udp;
    const tcp = this.tcp;
    this.udp = undefined;
    this.tcp = undefined;
    if (udp) await new Promise<void>((resolve) => udp.close(() => resolve()));
    if (tcp) await new Promise<void>((resolve) => tcp.close(() => resolve()));
  }

  private serveTcp(socket: net.Socket): void {
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    socket.setTimeout(TCP_IDLE_MS, () => socket.destroy());
    let buffered = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk]);
      if (buffered.length > MAX_TCP_BUFFER + 2) return void socket.destroy();
      while (buffered.length >= 2 && buffered.length >= 2 + buffered.readUInt16BE(0)) {
        const message = buffered.subarray(2, 2 + buffered.readUInt16BE(0));
        buffered = buffered.subarray(2 + message.length);
        void this.answer(message, clientAddress(socket.remoteAddress), 'tcp').then((response) => {
          if (response && !socket.destroyed) socket.write(withLengthPrefix(response));
          else if (!response) socket.destroy();
        });
      }
    });
  }

  /** undefined: drop the message (not DNS, or a response someone sent us). */
  private async answer(message: Buffer, remote: string, transport: 'udp' | 'tcp'): Promise<Buffer | undefined> {
    const query = safeDecode(message);
    if (query === undefined || query.type !== 'query') return undefined;
    const opcode = ((query.flags ?? 0) >> 11) & 0xf;
    const question: packet.Question | undefined = query.questions?.[0];
    if (opcode !== 0) return encodeResponse(query, { rcode: RCODE.notImp, answers: [] }, transport);
    if (question === undefined || (query.questions?.length ?? 0) !== 1) {
      return encodeResponse(query, { rcode: RCODE.formErr, answers: [] }, transport);
    }
    const reply = await this.resolver.resolve(clientAddress(remote), question);
    return encodeResponse(query, reply, transport);
  }
}

function clientAddress(address: string | undefined): string {
  const value = address ?? '';
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(value);
  return mapped?.[1] ?? value;
}

function listenError(host: string, port: number, error: Error): GatewayError {
  const code = 'code' in error ? String(error.code) : '';
  const hint = code === 'EACCES' ? ' Port 53 needs root or CAP_NET_BIND_SERVICE; or pick a port above 1023 and forward 53 to it.' : '';
  return new GatewayError('CONFIG_INVALID', `The DNS listener cannot bind ${host}:${port} (${code || error.message}).${hint}`, [], { cause: error });
}
