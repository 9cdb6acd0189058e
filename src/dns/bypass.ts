import net from 'node:net';
import { isEncryptedDnsEndpoint } from './encrypted-dns.js';

/**
 * The signs that a device resolves names around the gateway ("uses its own DNS"), shared by the
 * report (src/ledger/dns-queries.ts, from the ledger) and the live findings Home Assistant gets
 * (src/hub/dns-bypass.ts, as flows and queries happen), so both name the same things the same way.
 *
 * resolved-encrypted-dns   it asked this resolver for a public DNS-over-HTTPS/TLS service's name;
 * connected-encrypted-dns  it connected through the gateway to one (by name or address);
 * connected-dns-port       it connected to a DNS port (53, or 853 for DNS over TLS/QUIC) elsewhere;
 * unresolved-address       it connected to an IP address it never got from this resolver, while it
 *                          does use this resolver (otherwise every address would count).
 */
export type DnsBypassKind = 'resolved-encrypted-dns' | 'connected-encrypted-dns' | 'connected-dns-port' | 'unresolved-address';

export const DNS_BYPASS_KINDS: readonly DnsBypassKind[] = ['resolved-encrypted-dns', 'connected-encrypted-dns', 'connected-dns-port', 'unresolved-address'];

/** DNS (53) and DNS over TLS / QUIC (853). 5353 is mDNS, local, so not here. */
const DNS_PORTS = new Set([53, 853]);

/** What the gateway knows of the device's use of its resolver when it sees a connection. */
export interface ResolverUse {
  /** The device has asked this resolver anything. */
  readonly usesResolver: boolean;
  /** This resolver gave the device `host` as a true answer. */
  readonly resolvedHere: boolean;
}

/** The bypass a connection to host:port shows, if any; the first matching kind wins. */
export function connectionBypass(host: string, port: number, use: ResolverUse): DnsBypassKind | undefined {
  if (isEncryptedDnsEndpoint(host)) return 'connected-encrypted-dns';
  if (DNS_PORTS.has(port)) return 'connected-dns-port';
  if (use.usesResolver && net.isIP(host) !== 0 && !use.resolvedHere) return 'unresolved-address';
  return undefined;
}

/** A sentence for the owner: what the device did and why it matters. Hosts and ports only, no values. */
export function explainBypass(kind: DnsBypassKind, host: string, port: number | null): string {
  const where = port === null ? host : `${host}:${port}`;
  switch (kind) {
    case 'resolved-encrypted-dns':
      return `looked up ${host}, a public DNS-over-HTTPS/TLS service: it may resolve names without this gateway`;
    case 'connected-encrypted-dns':
      return `connected to ${where}, a public encrypted-DNS service`;
    case 'connected-dns-port':
      return `connected to ${where}, a DNS port outside this gateway`;
    case 'unresolved-address':
      return `connected to ${where}, an address it never resolved here`;
  }
}
