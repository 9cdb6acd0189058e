import { formatIpv4, parseIp } from './ip.js';

/**
 * Host globs: `api.ring.com` (exactly that host), `*.ring.com` (any subdomain at any depth, but not
 * `ring.com` itself) and `*` (any host). Compiled once into a cheap test and a specificity score.
 * Globs and hosts are both compared in their canonical form (see canonicalHost).
 */
export interface HostMatcher {
  readonly kind: 'exact' | 'suffix' | 'any';
  /** The canonical glob, as explanations show it. */
  readonly glob: string;
  /** exact > longer suffix > shorter suffix > `*`; compared as plain numbers. */
  readonly specificity: number;
  matches(host: string): boolean;
}

const LABEL = /^[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?$/;
/** Characters that would change what a URL means around its host, or never belong to one. */
const NOT_IN_HOST = /[\s/\\?#@:[\]<>^|`{}"\u0000-\u001f\u007f]/;

/**
 * The one spelling of a host the policy judges and the connection goes to, or undefined when the text
 * is no host at all. Follows the WHATWG URL host parser (what browsers and Node's `new URL()` do):
 * - IPv4 in any notation it accepts (`127.1`, `2130706433`, `0x7f000001`, `0177.0.0.1`) becomes a dotted
 *   quad; `127.000.000.001` is octal-free decimal with leading zeros, also 127.0.0.1;
 * - IPv6 (with or without brackets) is compressed and lower-cased; IPv4-mapped IPv6 (`::ffff:127.0.0.1`)
 *   becomes its IPv4 address;
 * - names are percent-decoded, mapped by UTS #46 and turned into punycode (`bücher.de` →
 *   `xn--bcher-kva.de`), lower-cased, and lose one trailing dot.
 * Stricter than a browser on names: every label must be a DNS label (letters, digits, `-`, `_`), so a
 * host like `a!b.example` or `a..b` is refused rather than guessed at.
 */
export function canonicalHost(text: string): string | undefined {
  if (text.length === 0 || text.length > 1024) return undefined;
  const bracketed = text.startsWith('[') && text.endsWith(']');
  if (bracketed || text.includes(':')) return canonicalIpv6(bracketed ? text.slice(1, -1) : text);
  if (NOT_IN_HOST.test(text)) return undefined;
  let parsed: string;
  try {
    parsed = new URL(`http://${text}/`).hostname;
  } catch {
    return undefined;
  }
  if (parsed.startsWith('[')) return undefined;
  const name = parsed.endsWith('.') ? parsed.slice(0, -1) : parsed;
  if (parseIp(name)?.family === 4) return name;
  if (name.length === 0 || name.length > 253) return undefined;
  return name.split('.').every((label) => LABEL.test(label)) ? name : undefined;
}

function canonicalIpv6(text: string): string | undefined {
  if (text.length === 0 || !/^[0-9a-f:.]+$/i.test(text)) return undefined;
  let serialised: string;
  try {
    serialised = new URL(`http://[${text}]/`).hostname.slice(1, -1);
  } catch {
    return undefined;
  }
  const ip = parseIp(serialised);
  if (ip === undefined) return undefined;
  return ip.value >> 32n === 0xffffn ? formatIpv4(ip.value & 0xffffffffn) : serialised;
}

/** True when a canonical host is an IP literal rather than a name. */
export function isIpHost(host: string): boolean {
  return parseIp(host) !== undefined;
}

/** Why the text is not a host glob, or undefined when it is one. */
export function hostGlobProblem(text: string): string | undefined {
  if (text === '*') return undefined;
  const suffix = text.startsWith('*.');
  const name = canonicalHost(suffix ? text.slice(2) : text);
  if (name !== undefined && !(suffix && isIpHost(name))) return undefined;
  return 'not a host pattern (use api.example.com, *.example.com or *)';
}

/** The canonical host, or the lower-cased text when it is no host (it then matches no glob but `*`). */
export function normalizeHost(host: string): string {
  return canonicalHost(host) ?? host.toLowerCase();
}

/** Compiles a glob that passed `hostGlobProblem`. Hosts given to `matches` must be canonical. */
export function compileHostGlob(text: string): HostMatcher {
  if (text === '*') return { kind: 'any', glob: text, specificity: 0, matches: () => true };
  if (text.startsWith('*.')) {
    const suffix = `.${normalizeHost(text.slice(2))}`;
    return {
      kind: 'suffix',
      glob: `*${suffix}`,
      specificity: 1000 + suffix.length,
      matches: (host) => host.length > suffix.length && host.endsWith(suffix),
    };
  }
  const glob = normalizeHost(text);
  return { kind: 'exact', glob, specificity: 2000 + glob.length, matches: (host) => host === glob };
}

/** The most specific of several globs that matches the host, or undefined. */
export function bestHostMatch(matchers: readonly HostMatcher[], host: string): HostMatcher | undefined {
  let best: HostMatcher | undefined;
  for (const matcher of matchers) {
    if (matcher.matches(host) && (best === undefined || matcher.specificity > best.specificity)) best = matcher;
  }
  return best;
}
