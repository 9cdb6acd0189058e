import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';
import { GatewayError } from '../errors.js';

/** The cookie a browser gets from the login link; its value is the page token. */
export const SESSION_COOKIE = 'pg_page';
export const LOGIN_PATH = '/login';
const SESSION_MAX_AGE_S = 365 * 24 * 3600;

/**
 * Who may read the local page's API (issue 8).
 * - `token` undefined: no authentication. Only for a page on loopback, where every client is on this
 *   machine (see README "Who may use the page").
 * - Otherwise a request needs the token, as `Authorization: Bearer <token>` (scripts) or the cookie
 *   set by a login link (browsers). Login links are one-time codes printed at start; `/login?token=`
 *   with the token itself works too, for a second browser.
 * - `trustedAddresses`: peers whose requests are already authenticated upstream, such as Home Assistant's
 *   ingress proxy (the Supervisor at 172.30.32.2). Empty unless the owner configures it.
 */
export interface PageAuthOptions {
  readonly token: string | undefined;
  readonly trustedAddresses?: readonly string[];
  /**
   * Reads need no login (a page on loopback), but policy edits still need the token: another user of
   * this machine may read what the page shows, never change what the gateway lets through.
   */
  readonly openReads?: boolean;
}

export type LoginResult = { readonly ok: true; readonly cookie: string } | { readonly ok: false; readonly error: GatewayError };

export class PageAuth {
  private readonly tokenDigest: Buffer | undefined;
  private readonly trusted: ReadonlySet<string>;
  /** Digests of unused one-time login codes. */
  private readonly codes = new Set<string>();

  constructor(private readonly options: PageAuthOptions) {
    this.tokenDigest = options.token === undefined ? undefined : digest(options.token);
    this.trusted = new Set((options.trustedAddresses ?? []).map(normaliseAddress));
  }

  /** Whether reading the API needs a login. */
  get required(): boolean {
    return this.tokenDigest !== undefined && this.options.openReads !== true;
  }

  /** Whether a login exists at all (the start banner prints a link whenever it does). */
  get hasToken(): boolean {
    return this.tokenDigest !== undefined;
  }

  /** A new one-time login code (the start banner prints a link with it). */
  issueLoginCode(): string {
    const code = randomBytes(18).toString('base64url');
    this.codes.add(digest(code).toString('hex'));
    return code;
  }

  /** Throws PAGE_UNAUTHORIZED unless the request may read the API. */
  authorize(req: IncomingMessage): void {
    if (!this.required) return;
    this.authenticate(req);
  }

  /** Throws PAGE_UNAUTHORIZED unless the request may change the policy: always the token (or a trusted peer). */
  authorizeEdit(req: IncomingMessage): void {
    if (this.tokenDigest === undefined) {
      throw new GatewayError('PAGE_UNAUTHORIZED', 'This page was started without a page token, so it cannot change the policy; edit the policy file instead.');
    }
    this.authenticate(req);
  }

  /** Whether `authorizeEdit` would accept the request (the page shows its controls only then). */
  mayEdit(req: IncomingMessage): boolean {
    try {
      this.authorizeEdit(req);
      return true;
    } catch {
      return false;
    }
  }

  private authenticate(req: IncomingMessage): void {
    if (this.trusted.has(normaliseAddress(req.socket.remoteAddress ?? ''))) return;
    const presented = bearer(req.headers.authorization) ?? cookie(req.headers.cookie, SESSION_COOKIE);
    if (presented === undefined) {
      throw new GatewayError(
        'PAGE_UNAUTHORIZED',
        'The local page needs a login: open the one-time link the gateway printed when it started, or send ' +
          'the token from page-token in its data directory as "Authorization: Bearer <token>".',
      );
    }
    if (!this.matchesToken(presented)) {
      throw new GatewayError(
        'PAGE_UNAUTHORIZED',
        'The page token is wrong (it changes only if page-token in the data directory was deleted). ' +
          'Open the one-time link printed at the latest start.',
      );
    }
  }

  /** `/login?code=` (one use) or `/login?token=`: the cookie to set, or why not. */
  login(url: URL): LoginResult {
    if (this.tokenDigest === undefined) return { ok: true, cookie: '' };
    const code = url.searchParams.get('code');
    const token = url.searchParams.get('token');
    const accepted = (code !== null && this.codes.delete(digest(code).toString('hex'))) || (token !== null && this.matchesToken(token));
    if (!accepted || this.options.token === undefined) {
      return {
        ok: false,
        error: new GatewayError(
          'PAGE_UNAUTHORIZED',
          'This login link is not valid: each link works once and only until the gateway restarts. Use the ' +
            'link printed at the latest start, or /login?token=<the token in page-token>.',
        ),
      };
    }
    const cookieValue = `${SESSION_COOKIE}=${this.options.token}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${SESSION_MAX_AGE_S}`;
    return { ok: true, cookie: cookieValue };
  }

  private matchesToken(presented: string): boolean {
    // Compared as digests: equal length for timingSafeEqual, and no early exit on the first differing byte.
    return this.tokenDigest !== undefined && timingSafeEqual(digest(presented), this.tokenDigest);
  }
}

/** A new random page token (the data directory keeps it in page-token, 0600). */
export function newPageToken(): string {
  return randomBytes(32).toString('base64url');
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}

function bearer(header: string | undefined): string | undefined {
  const match = /^Bearer +(\S+) *$/i.exec(header ?? '');
  return match?.[1];
}

function cookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/** IPv4-mapped IPv6 (`::ffff:172.30.32.2`, how a dual-stack socket shows an IPv4 peer) as plain IPv4. */
function normaliseAddress(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  const plain = mapped?.[1] ?? address;
  return isIP(plain) === 0 ? plain : plain.toLowerCase();
}
