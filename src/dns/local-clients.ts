import net from 'node:net';

/**
 * Addresses a home's devices have: RFC 1918, carrier-grade NAT (RFC 6598), loopback, link-local, IPv6
 * unique-local and link-local. The resolver answers other clients only when the policy names them, so a
 * gateway whose port 53 is reachable from the internet is not an open resolver for amplification attacks.
 */
export function isLocalClient(address: string): boolean {
  if (net.isIPv4(address)) {
    const [a = -1, b = -1] = address.split('.').map(Number);
    return (
      a === 10 ||
      a === 127 ||
      (a === 172 && b >= 16 && b <= 31) ||
      (a === 192 && b === 168) ||
      (a === 100 && b >= 64 && b <= 127) ||
      (a === 169 && b === 254)
    );
  }
  if (net.isIPv6(address)) {
    const lower = address.toLowerCase();
    return lower === '::1' || /^f[cd]/.test(lower) || /^fe[89ab]/.test(lower);
  }
  return false;
}
