import { getDomain, parse } from 'tldts';

/**
 * The registrable domain of a host by the Public Suffix List: `a.b.co.uk` -> `b.co.uk`, and with the
 * list's private section `anna.github.io` stays `anna.github.io` (each user's site is its own owner).
 * A host that is itself a private suffix (an EC2 name under `compute-1.amazonaws.com`) falls back to
 * the ICANN registrable domain; IP literals and single labels are their own name.
 */
export function registrableDomain(host: string): string {
  const name = host.toLowerCase().replace(/\.$/, '');
  if (parse(name).isIp === true) return name.replace(/^\[|\]$/g, '');
  return getDomain(name, { allowPrivateDomains: true }) ?? getDomain(name) ?? name;
}
