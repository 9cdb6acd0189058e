import net from 'node:net';
import { networkInterfaces } from 'node:os';
import type { CompiledPolicy } from '../policy/index.js';
import type { SinkholeStyle } from './answer.js';
import { DnsCache } from './cache.js';
import { DnsResolver, upstreamAsker, type DnsQueryRecorder } from './resolver.js';
import { DnsServer, type DnsListenAddress, type DnsServerLog } from './server.js';
import type { SteeredNames } from './steered-names.js';
import { parseUpstream, systemUpstream, type UpstreamAddress } from './upstream.js';
import { GatewayError } from '../errors.js';

export interface DnsServiceSettings {
  readonly host: string;
  readonly port: number;
  /** `IP[:port]`; absent: the system's resolver. */
  readonly upstream?: string | undefined;
  readonly answerAddresses: readonly string[];
  readonly sinkhole: SinkholeStyle;
  readonly cacheEntries: number;
}

export interface RunningDns {
  readonly address: DnsListenAddress;
  readonly upstream: UpstreamAddress;
  /** One line for the banner: whether names are steered and where. */
  readonly steering: string;
  close(): Promise<void>;
}

/**
 * Starts the resolver: upstream from the settings or /etc/resolv.conf, a cache of `cacheEntries` answers.
 * Lookups from the gateway's own addresses are never steered or sinkholed (`isSelf`), so that a gateway
 * whose own host uses this resolver still reaches the real vendor and does not connect to itself.
 */
export async function startDnsService(
  settings: DnsServiceSettings,
  deps: { readonly policy: () => CompiledPolicy; readonly recorder: DnsQueryRecorder; readonly log: DnsServerLog; readonly isSelf?: (address: string) => boolean; readonly steered?: SteeredNames },
): Promise<RunningDns> {
  const upstream = settings.upstream === undefined ? systemUpstream() : parseUpstream(settings.upstream);
  const isSelf = deps.isSelf ?? ownAddresses();
  const resolver = new DnsResolver({
    policy: deps.policy,
    ask: upstreamAsker(upstream),
    steering: { answerAddresses: settings.answerAddresses },
    sinkhole: settings.sinkhole,
    recorder: deps.recorder,
    cache: new DnsCache(settings.cacheEntries),
    isSelf,
    ...(deps.steered === undefined ? {} : { steered: deps.steered }),
  });
  const asksItself = (port: number, host: string): boolean => upstream.port === port && (isSelf(upstream.host) || upstream.host === host);
  const selfLoop = (): GatewayError =>
    new GatewayError(
      'CONFIG_INVALID',
      `The DNS upstream ${upstream.host}:${upstream.port} is this gateway's own DNS listener: it would ask itself. ` +
        'Pass --dns-upstream with your router\'s or ISP\'s resolver.',
    );
  // A fixed port is checked before binding (a bind failure would hide the real mistake); port 0 after.
  if (settings.port !== 0 && asksItself(settings.port, settings.host)) throw selfLoop();
  const server = new DnsServer(resolver, deps.log);
  const address = await server.listen(settings.host, settings.port);
  if (asksItself(address.port, address.host)) {
    await server.close();
    throw selfLoop();
  }
  const steering =
    settings.answerAddresses.length === 0
      ? 'steering off: names are logged, blocked ones sinkholed'
      : `names to inspect resolve to ${settings.answerAddresses.join(', ')}`;
  return { address, upstream, steering, close: () => server.close() };
}

/** This machine's addresses as they are now (loopback included). */
function ownAddresses(): (address: string) => boolean {
  const own = new Set(['::1']);
  for (const info of Object.values(networkInterfaces()).flat()) if (info) own.add(info.address);
  return (address) => own.has(address) || (net.isIPv4(address) && address.startsWith('127.'));
}
