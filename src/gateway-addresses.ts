import type { AddressInfo } from 'node:net';
import type { RunningDns } from './dns/index.js';
import type { ProxyAddresses } from './proxy/index.js';

/** Where the gateway listens, as `start` prints it and the tests read it. */

export interface ListenAddress {
  readonly host: string;
  readonly port: number;
}

/** Where the gateway ended up listening (ports are real even when 0 was asked for) and its key files. */
export interface GatewayAddresses {
  readonly proxy: ListenAddress;
  readonly transparentHttp: ListenAddress | undefined;
  readonly transparentTls: ListenAddress | undefined;
  /** The DNS listener (UDP and TCP on one port), its upstream and what it steers; undefined when off. */
  readonly dns: (ListenAddress & { readonly upstream: string; readonly steering: string }) | undefined;
  readonly mqtt?: ListenAddress | undefined;
  readonly mqtts?: ListenAddress | undefined;
  readonly page: ListenAddress;
  readonly dataDir: string;
  readonly caCertFile: string;
  readonly caFingerprintSha256: string;
  readonly policyFile: string;
  /** Set when the page needs a login: the one-time login path (with its code) and the token's file. */
  readonly pageLogin: { readonly path: string; readonly tokenFile: string; readonly readsOpen: boolean } | undefined;
}

export function gatewayAddresses(
  listening: ProxyAddresses,
  page: AddressInfo,
  dns: RunningDns | undefined,
  files: Pick<GatewayAddresses, 'dataDir' | 'caCertFile' | 'caFingerprintSha256' | 'policyFile' | 'pageLogin'>,
): GatewayAddresses {
  const address = (info: AddressInfo | undefined): ListenAddress | undefined =>
    info === undefined ? undefined : { host: info.address, port: info.port };
  return {
    proxy: { host: listening.proxy.address, port: listening.proxy.port },
    transparentHttp: address(listening.transparentHttp),
    transparentTls: address(listening.transparentTls),
    dns: dns && {
      ...dns.address,
      upstream: formatAddress(dns.upstream),
      steering: dns.steering,
    },
    mqtt: address(listening.mqtt),
    mqtts: address(listening.mqtts),
    page: { host: page.address, port: page.port },
    ...files,
  };
}

/** Loopback listeners serve this machine only; anything else (0.0.0.0, a LAN address) reaches the network. */
export function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '::1' || host === '[::1]' || /^127\./.test(host);
}

/** `host:port`, with IPv6 hosts in brackets. */
export function formatAddress(address: ListenAddress): string {
  return address.host.includes(':') ? `[${address.host}]:${address.port}` : `${address.host}:${address.port}`;
}
