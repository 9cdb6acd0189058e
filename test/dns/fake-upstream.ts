import dgram from 'node:dgram';
import net from 'node:net';
import * as packet from 'dns-packet';

/** Records per name for the fake upstream: what a real recursive resolver would answer. */
export type Zone = Readonly<Record<string, readonly packet.Answer[]>>;

export interface FakeUpstream {
  readonly host: string;
  readonly port: number;
  /** Questions received, as `TYPE name` over `udp`/`tcp`. */
  readonly asked: { readonly question: string; readonly transport: 'udp' | 'tcp' }[];
  close(): Promise<void>;
}

/**
 * A real DNS server on loopback (UDP and TCP) built with dns-packet: answers from `zone`, NXDOMAIN with
 * an SOA for unknown names, and (like real servers) sets TC when a UDP answer exceeds 512 bytes / EDNS size.
 */
export async function startFakeUpstream(zone: Zone, host = '127.0.0.1'): Promise<FakeUpstream> {
  const asked: FakeUpstream['asked'] = [];
  const respond = (message: Buffer, transport: 'udp' | 'tcp'): Buffer => {
    const query = packet.decode(message);
    const question = query.questions?.[0];
    const name = question?.name.toLowerCase() ?? '';
    asked.push({ question: `${question?.type ?? '?'} ${name}`, transport });
    const records = zone[name];
    const answers = (records ?? []).filter((record) => record.type === question?.type || record.type === 'CNAME');
    const opt = (query.additionals ?? []).find((record) => record.type === 'OPT');
    const limit = opt?.type === 'OPT' ? opt.udpPayloadSize : 512;
    const base = { type: 'response' as const, id: query.id ?? 0, flags: packet.RECURSION_AVAILABLE | (records ? 0 : 3), questions: query.questions ?? [] };
    const authorities: packet.Answer[] = records
      ? []
      : [{ type: 'SOA', name: 'test', ttl: 300, data: { mname: 'ns.test', rname: 'admin.test', minimum: 30 } }];
    const full = packet.encode({ ...base, answers, authorities });
    if (transport === 'udp' && full.length > limit) return packet.encode({ ...base, flags: base.flags | packet.TRUNCATED_RESPONSE });
    return full;
  };
  const udp = dgram.createSocket('udp4');
  udp.on('message', (message, remote) => udp.send(respond(message, 'udp'), remote.port, remote.address));
  await new Promise<void>((resolve) => udp.bind(0, host, () => resolve()));
  const port = udp.address().port;
  const tcp = net.createServer((socket) => {
    let buffered = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk]);
      while (buffered.length >= 2 && buffered.length >= 2 + buffered.readUInt16BE(0)) {
        const length = buffered.readUInt16BE(0);
        const answer = respond(buffered.subarray(2, 2 + length), 'tcp');
        buffered = buffered.subarray(2 + length);
        const prefix = Buffer.alloc(2);
        prefix.writeUInt16BE(answer.length);
        socket.write(Buffer.concat([prefix, answer]));
      }
    });
    socket.on('error', () => socket.destroy());
  });
  await new Promise<void>((resolve) => tcp.listen(port, host, () => resolve()));
  return {
    host,
    port,
    asked,
    close: async () => {
      await new Promise<void>((resolve) => udp.close(() => resolve()));
      await new Promise<void>((resolve) => tcp.close(() => resolve()));
    },
  };
}

/** Asks a DNS server one question, as a device would (from `from` when given), over UDP or TCP. */
export async function ask(
  server: { readonly host: string; readonly port: number },
  name: string,
  type: string,
  options: { readonly transport?: 'udp' | 'tcp'; readonly from?: string; readonly edns?: number } = {},
): Promise<packet.DecodedPacket> {
  const query = packet.encode({
    type: 'query',
    id: Math.floor(Math.random() * 65_536),
    flags: packet.RECURSION_DESIRED,
    questions: [{ type: type as packet.RecordType, name }],
    ...(options.edns === undefined
      ? {}
      : { additionals: [{ type: 'OPT', name: '.', udpPayloadSize: options.edns, extendedRcode: 0, ednsVersion: 0, flags: 0, flag_do: false, options: [] }] }),
  });
  if (options.transport === 'tcp') {
    return new Promise((resolve, reject) => {
      const socket = net.connect({ host: server.host, port: server.port, ...(options.from ? { localAddress: options.from } : {}) });
      let buffered = Buffer.alloc(0);
      socket.on('error', reject);
      socket.on('connect', () => {
        const prefix = Buffer.alloc(2);
        prefix.writeUInt16BE(query.length);
        socket.write(Buffer.concat([prefix, query]));
      });
      socket.on('data', (chunk: Buffer) => {
        buffered = Buffer.concat([buffered, chunk]);
        if (buffered.length >= 2 && buffered.length >= 2 + buffered.readUInt16BE(0)) {
          socket.destroy();
          resolve(packet.decode(buffered.subarray(2, 2 + buffered.readUInt16BE(0))));
        }
      });
    });
  }
  return new Promise((resolve, reject) => {
    const socket = dgram.createSocket('udp4');
    const timer = setTimeout(() => {
      socket.close();
      reject(new Error(`no answer for ${name}`));
    }, 5_000);
    socket.on('message', (message) => {
      clearTimeout(timer);
      socket.close();
      resolve(packet.decode(message));
    });
    socket.bind(0, options.from ?? '127.0.0.1', () => socket.send(query, server.port, server.host));
  });
}
