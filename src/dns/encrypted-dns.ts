import { normalizeHost } from '../policy/index.js';

/**
 * Public encrypted-DNS services (DNS over HTTPS / TLS). A device that resolves or connects to one of
 * these can bypass the gateway's resolver, so the gateway reports it as "uses its own DNS". Not
 * exhaustive: a small list of the resolvers devices and browsers ship with.
 */
export const ENCRYPTED_DNS_NAMES: readonly string[] = [
  'dns.google',
  'dns.google.com',
  'cloudflare-dns.com',
  'mozilla.cloudflare-dns.com',
  'one.one.one.one',
  '1dot1dot1dot1.cloudflare-dns.com',
  'dns.quad9.net',
  'dns9.quad9.net',
  'dns.adguard.com',
  'dns.adguard-dns.com',
  'doh.opendns.com',
  'dns.nextdns.io',
  'doh.cleanbrowsing.org',
];

export const ENCRYPTED_DNS_ADDRESSES: readonly string[] = [
  '8.8.8.8',
  '8.8.4.4',
  '1.1.1.1',
  '1.0.0.1',
  '9.9.9.9',
  '149.112.112.112',
  '208.67.222.222',
  '208.67.220.220',
  '94.140.14.14',
  '2001:4860:4860::8888',
  '2001:4860:4860::8844',
  '2606:4700:4700::1111',
  '2606:4700:4700::1001',
  '2620:fe::fe',
];

const names = new Set(ENCRYPTED_DNS_NAMES);
const addresses = new Set(ENCRYPTED_DNS_ADDRESSES);

/** True for a known DoH/DoT name (or a name under one) or address. */
export function isEncryptedDnsEndpoint(host: string): boolean {
  const bare = normalizeHost(host);
  if (addresses.has(bare) || names.has(bare)) return true;
  for (const name of names) if (bare.endsWith(`.${name}`)) return true;
  return false;
}
