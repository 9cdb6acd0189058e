import { parseIp } from './ip.js';

/**
 * Host globs: `api.ring.com` (exactly that host), `*.ring.com` (any subdomain at any depth, but not
 * `ring.com` itself) and `*` (any host). Compiled once into a cheap test and a specificity score.
 */
export interface HostMatcher {
  readonly kind: 'exact' | 'suffix' | 'any';
  /** The normalised glob, as explanations show it. */
  readonly glob: string;
  /** exact > longer suffix > shorter suffix > `*`; compared as plain numbers. */
  readonly specificity: number;
  matches(host: string): boolean;
}

const LABEL = /^[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?$/;

function isHostname(text: string): boolean {
  if (text.length === 0 || text.length > 253) return false;
  return text.split('.').every((label) => LABEL.test(label));
}

/** Why the text is not a host glob, or undefined when it is one. */
export function hostGlobProblem(text: string): string | undefined {
  const glob = text.toLowerCase();
  if (glob === '*') return undefined;
  const name = glob.startsWith('*.') ? glob.slice(2) : glob;
  if (isHostname(name) || (name === glob && parseIp(name) !== undefined)) return undefined;
  return 'not a host pattern (use api.example.com, *.example.com or *)';
}

/** Lower case, no trailing dot, no IPv6 brackets: the form host globs are compared with. */
export function normalizeHost(host: string): string {
  let bare = host.toLowerCase();
  if (bare.endsWith('.')) bare = bare.slice(0, -1);
  if (bare.startsWith('[') && bare.endsWith(']')) bare = bare.slice(1, -1);
  return bare;
}

/** Compiles a glob that passed `hostGlobProblem`. Hosts given to `matches` must be normalised. */
export function compileHostGlob(text: string): HostMatcher {
  const glob = text.toLowerCase();
  if (glob === '*') return { kind: 'any', glob, specificity: 0, matches: () => true };
  if (glob.startsWith('*.')) {
    const suffix = glob.slice(1);
    return {
      kind: 'suffix',
      glob,
      specificity: 1000 + suffix.length,
      matches: (host) => host.length > suffix.length && host.endsWith(suffix),
    };
  }
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
