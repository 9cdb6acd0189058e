import { isIPv6 } from 'node:net';
import type { ScalarValue } from '../../payload/index.js';
import { finding, type Detector, type Finding } from './detector.js';

/**
 * `lan-address`: addresses of the home network that the plain IP validator does not see because they are
 * written another way — a range in CIDR notation or a list of them (`10.1.0.2/32`,
 * `192.168.1.0/24,10.1.0.0/24`: a VPN's peers, a router's LAN), a URL whose host is on the home network
 * (`http://192.168.1.100:5000/webapi/…`, `rtsp://user:pw@10.0.0.5:554/…`), and a host name under the
 * names reserved for a home network (`homeassistant.lan`, `desktop.local`, `nas.home.arpa`). Which
 * addresses are the home's comes from the standards that reserve them: RFC 1918 (10/8, 172.16/12,
 * 192.168/16), RFC 3927 (169.254/16 link-local), RFC 6598 (100.64/10, a carrier's shared space), RFC 4193
 * (fc00::/7 unique local IPv6), RFC 6762 (`.local`, multicast DNS), RFC 8375 (`home.arpa`) and the
 * `.lan`/`.home` suffixes routers hand out. A cloud's own internal names (`.internal`) are the vendor's.
 * A plain address in those ranges is one too. The home's addresses and names are certain: no vendor's
 * server lives on the home network, so a key saying `server` or `broker` does not veto them.
 * Two or more addresses in one comma-separated text are addresses too (`192.168.178.1,192.168.178.2`).
 * A public address with a port (`198.51.100.22:51820`, a VPN peer's endpoint) is an IP address as a bare one is:
 * network, strong (a `server` key vetoes it as it vetoes a bare address).
 * A value detector: each string is looked at with a few character tests before any parsing.
 */
export const LAN_ADDRESS = 'lan-address';

const RANGE = finding(LAN_ADDRESS, 'strong', ['network'], { of: 'value', validator: 'address range (CIDR)' });
// Certain: no vendor's server lives on the home network, so a key's `server` or `broker` does not veto these.
const URL = finding(LAN_ADDRESS, 'certain', ['network'], { of: 'value', validator: 'URL on the home network' });
const HOST = finding(LAN_ADDRESS, 'certain', ['network'], { of: 'value', validator: 'host name on the home network' });
const ADDRESS = finding(LAN_ADDRESS, 'certain', ['network'], { of: 'value', validator: 'address on the home network' });

/** A loopback or unspecified address and a port (`127.0.0.1:8384`): a service of the machine itself, and no place. */
const SOCKET_ADDRESS = finding(LAN_ADDRESS, 'veto', ['location'], { of: 'value', validator: 'address and port of a service' });
const PUBLIC_SOCKET = finding(LAN_ADDRESS, 'strong', ['network'], { of: 'value', validator: 'public address and port' });
const ADDRESSES = finding(LAN_ADDRESS, 'strong', ['network'], { of: 'value', validator: 'list of IP addresses' });
const SOCKET = /^((?:\d{1,3}\.){3}\d{1,3}):(\d{1,5})$/;
const CIDR = /^(?:\d{1,3}\.){3}\d{1,3}(?:\/\d{1,2})?$/;
const HOME_SUFFIXES = ['.local', '.lan', '.home.arpa', '.home'];
const HOST_NAME = /^[a-z0-9](?:[a-z0-9-]{0,62}\.)+[a-z]{2,}$/i;

export const lanAddressDetector: Detector<{ readonly value: ScalarValue }, unknown> = {
  name: LAN_ADDRESS,
  detect({ value }): Finding | undefined {
    if (typeof value !== 'string' || value.length < 7 || value.length > 2048) return undefined;
    const first = value.charCodeAt(0);
    if (first >= 48 && first <= 57) {
      if (ranges(value)) return RANGE;
      if (addressList(value)) return ADDRESSES;
      if (value.length <= 15 && value.indexOf(':') < 0) return homeHost(value) ? ADDRESS : undefined;
      // `192.168.0.20:22000`: an address and a port (RFC 3986 authority) is where a service listens, never a street.
      const socket = SOCKET.exec(value);
      if (socket === null || Number(socket[2]) > 65_535) return undefined;
      const host = socket[1] ?? '';
      if (homeHost(host)) return ADDRESS;
      // A public address with its port is an IP address as much as a bare one is (the identifier validator's
      // network, strong: a `server` key still vetoes it); loopback and unspecified addresses are nobody's.
      return publicHost(host) ? PUBLIC_SOCKET : SOCKET_ADDRESS;
    }
    const scheme = schemeEnd(value);
    if (scheme > 0) return homeHost(hostOf(value, scheme + 3)) ? URL : undefined;
    return value.length <= 253 && homeName(value) && HOST_NAME.test(value) ? HOST : undefined;
  },
  explain: (f) => f.signal === 'veto' ? `value is an ${f.facts.validator ?? 'address and port'}, not a place` : `value is ${f.facts.validator === 'address range (CIDR)' ? 'an address range of the home network' : `${f.facts.validator === 'address on the home network' ? 'an' : 'a'} ${f.facts.validator ?? 'home address'}`} → network`,
};

/** `10.1.0.2/32` or a comma-separated list of addresses and ranges, at least one with a prefix length. */
function ranges(value: string): boolean {
  if (value.indexOf('/') < 0) return false;
  const parts = value.split(',');
  if (parts.length > 64) return false;
  return parts.every((part) => {
    const text = part.trim();
    if (!CIDR.test(text)) return false;
    const [address = '', prefix] = text.split('/');
    return address.split('.').every((octet) => Number(octet) <= 255) && (prefix === undefined || Number(prefix) <= 32);
  });
}

/**
 * Two or more IP addresses in one text, comma-separated (a DNS proxy's `192.168.178.1,192.168.178.2`
 * upstreams, a host mapped to its IPv4 and IPv6 `192.168.178.3,2001:db8::7344`): addresses as a bare one is.
 */
function addressList(value: string): boolean {
  if (value.indexOf(',') < 0 || value.length > 1024) return false;
  const parts = value.split(',');
  return parts.length >= 2 && parts.every((part) => {
    const text = part.trim();
    if (CIDR.test(text) && !text.includes('/')) return text.split('.').every((octet) => Number(octet) <= 255);
    return text.includes(':') && isIPv6(text);
  });
}

/** The host of a URL's authority, without user info, port or IPv6 brackets. */
function hostOf(value: string, start: number): string {
  let end = value.length;
  for (const stop of ['/', '?', '#']) {
    const at = value.indexOf(stop, start);
    if (at >= 0 && at < end) end = at;
  }
  let authority = value.slice(start, end);
  const at = authority.lastIndexOf('@');
  if (at >= 0) authority = authority.slice(at + 1);
  if (authority.startsWith('[')) return authority.slice(1, Math.max(1, authority.indexOf(']')));
  const colon = authority.indexOf(':');
  return (colon >= 0 ? authority.slice(0, colon) : authority).toLowerCase();
}

function homeHost(host: string): boolean {
  if (host === '') return false;
  if (host.includes(':')) return /^f[cd][0-9a-f]{2}:/i.test(host) || /^fe80:/i.test(host);
  const octets = host.split('.');
  if (octets.length === 4 && octets.every((o) => /^\d{1,3}$/.test(o))) {
    const [a = 0, b = 0] = octets.map(Number);
    return a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 169 && b === 254) || (a === 100 && b >= 64 && b <= 127);
  }
  return homeName(host);
}

/** A public IPv4 address: every octet a byte, not loopback (127/8), unspecified (0/8) or broadcast. */
function publicHost(host: string): boolean {
  const octets = host.split('.').map(Number);
  const first = octets[0] ?? 0;
  return octets.every((o) => o <= 255) && first !== 0 && first !== 127 && first < 224;
}

/** Where `://` starts when a scheme of at most 10 letters leads the value (`http`, `rtsp`, `mqtts`), else -1. */
function schemeEnd(value: string): number {
  const limit = Math.min(value.length - 3, 11);
  for (let i = 1; i <= limit; i++) {
    const c = value.charCodeAt(i);
    if (c === 58 /* : */) return value.charCodeAt(i + 1) === 47 && value.charCodeAt(i + 2) === 47 ? i : -1;
    if (!((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 43 || c === 45 || c === 46)) return -1;
  }
  return -1;
}

/** A name under a home suffix; only the tail after the last dot but one is lower-cased (most values have none). */
function homeName(host: string): boolean {
  const last = host.charCodeAt(host.length - 1) | 0x20;
  // Every suffix ends in `l`, `n`, `a` or `e` (.local, .lan, .home.arpa, .home): most values stop here.
  if (last !== 108 && last !== 110 && last !== 97 && last !== 101) return false;
  const dot = host.lastIndexOf('.');
  if (dot <= 0) return false;
  const from = host.lastIndexOf('.', dot - 1);
  const tail = host.slice(from < 0 ? 0 : from).toLowerCase();
  return HOME_SUFFIXES.some((suffix) => tail.endsWith(suffix) && host.length > suffix.length);
}
