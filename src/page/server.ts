import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { isIP, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GatewayError, asGatewayError } from '../errors.js';
import { silentLogger, type Logger } from '../logger.js';
import { POLICY_EDITS_PATH } from './api-types.js';
import { LOGIN_PATH, PageAuth } from './auth.js';
import { editAccess, postEdit, type PolicyEditPort } from './edit-route.js';
import { httpStatus, needsLogin, route, safeFileName, type PageDeps, type PageResponse } from './routes.js';

/** www/ at the project root: two levels up from both src/page/ and dist/page/. */
export const DEFAULT_WWW_DIR = fileURLToPath(new URL('../../www/', import.meta.url));

export interface PageServerOptions extends PageDeps {
  readonly wwwDir?: string;
  /** Host names besides IP literals and localhost that the page answers to (DNS-rebinding guard). */
  readonly allowedHosts?: readonly string[];
  readonly logger?: Logger;
  /** Who may read the API; without it, nobody needs to log in (a page on loopback), and nobody may edit. */
  readonly auth?: PageAuth;
  /** Where the page's policy edits go; without it the page is read-only. */
  readonly edits?: PolicyEditPort;
}

/** The page only loads its own script and style; nothing it renders can pull in or run anything else. */
const SECURITY_HEADERS = {
  'content-security-policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
    "base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cache-control': 'no-store',
} as const;

/** Longest request target the page reads; its longest real URL is a device report (~200 bytes). */
const MAX_TARGET_LENGTH = 2048;

/**
 * The local page's HTTP server: GET and HEAD (and GET /login, which sets a cookie), and one POST, the
 * owner's policy edits (src/page/edit-route.ts).
 */
export class PageServer {
  private readonly options: PageServerOptions;
  private readonly auth: PageAuth;
  private server: Server | undefined;

  constructor(options: PageServerOptions) {
    this.options = options;
    this.auth = options.auth ?? new PageAuth({ token: undefined });
  }

  async start(host: string, port: number): Promise<AddressInfo> {
    const server = createServer((req, res) => void this.handle(req, res));
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        resolve();
      });
    }).catch((error: unknown) => {
      throw asGatewayError(error, 'CONFIG_INVALID', `Cannot start the local page on ${host}:${port}`);
    });
    const address = server.address();
    if (address === null || typeof address === 'string') throw new GatewayError('CONFIG_INVALID', 'The page has no TCP address');
    return address;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      if (!this.hostAllowed(req.headers.host)) {
        sendError(res, 403, new GatewayError('REQUEST_INVALID', 'Open the page by the gateway\'s IP address or localhost'));
        return;
      }
      const target = req.url ?? '/';
      const editPath = target.split('?')[0] === POLICY_EDITS_PATH;
      const edit = req.method === 'POST' && editPath;
      if (req.method !== 'GET' && req.method !== 'HEAD' && !edit) {
        res.setHeader('allow', editPath ? 'GET, HEAD, POST' : 'GET, HEAD');
        const why = editPath ? 'send edits with POST' : `the only changes the page makes go to POST ${POLICY_EDITS_PATH}`;
        sendError(res, 405, new GatewayError('REQUEST_INVALID', `Method ${req.method ?? ''} is not allowed here; ${why}`));
        return;
      }
      // Concatenated, not resolved: `//host/x` must stay a path here, not become another authority.
      if (!target.startsWith('/')) throw new GatewayError('REQUEST_INVALID', 'The page only answers origin-form requests');
      if (target.length > MAX_TARGET_LENGTH) {
        throw new GatewayError('REQUEST_INVALID', `The request target is longer than ${MAX_TARGET_LENGTH} characters`);
      }
      const url = new URL(`http://page.invalid${target}`);
      if (edit) {
        // An edit's body may go unread on a refusal: the connection closes instead of carrying it over.
        res.setHeader('connection', 'close');
        await this.send(res, { kind: 'json', status: 200, body: await postEdit(req, this.auth, this.options.edits) }, false);
        return;
      }
      if (url.pathname === LOGIN_PATH) {
        this.login(req, res, url);
        return;
      }
      if (needsLogin(url.pathname)) this.auth.authorize(req);
      if (editPath) {
        await this.send(res, { kind: 'json', status: 200, body: editAccess(req, this.auth, this.options.edits) }, req.method === 'HEAD');
        return;
      }
      await this.send(res, route(url, this.options), req.method === 'HEAD');
    } catch (error) {
      const failure = asGatewayError(error, 'REQUEST_INVALID', 'The page could not answer');
      if (!(error instanceof GatewayError)) this.logger.error(failure.message);
      if (!res.headersSent) sendError(res, httpStatus(failure.code), failure);
      else res.destroy();
    }
  }

  /** A login link: sets the session cookie and sends the browser to the page, never caching either. */
  private login(req: IncomingMessage, res: ServerResponse, url: URL): void {
    if (req.method !== 'GET') {
      // A HEAD (a link preview) must not use up a one-time code.
      res.setHeader('allow', 'GET');
      sendError(res, 405, new GatewayError('REQUEST_INVALID', 'Open the login link with GET, in a browser'));
      return;
    }
    const result = this.auth.login(url);
    if (!result.ok) {
      sendError(res, 401, result.error);
      return;
    }
    const headers: Record<string, string> = { ...SECURITY_HEADERS, location: '/', 'content-length': '0' };
    if (result.cookie !== '') headers['set-cookie'] = result.cookie;
    res.writeHead(303, headers);
    res.end();
  }

  private async send(res: ServerResponse, answer: PageResponse, headOnly: boolean): Promise<void> {
    switch (answer.kind) {
      case 'json':
        return sendBody(res, answer.status, 'application/json; charset=utf-8', JSON.stringify(answer.body), headOnly);
      case 'bytes':
        if (answer.downloadName !== undefined) {
          res.setHeader('content-disposition', `attachment; filename="${safeFileName(answer.downloadName)}"`);
        }
        return sendBody(res, 200, answer.contentType, answer.body, headOnly);
      case 'static': {
        const body = await readFile(join(this.options.wwwDir ?? DEFAULT_WWW_DIR, answer.file)).catch(() => {
          throw new GatewayError('NOT_FOUND', `${answer.file} is missing from www/; run \`npm run build\``);
        });
        return sendBody(res, 200, answer.contentType, body, headOnly);
      }
    }
  }

  private hostAllowed(hostHeader: string | undefined): boolean {
    if (hostHeader === undefined) return true;
    const host = hostHeader.replace(/:\d+$/, '').replace(/^\[(.*)\]$/, '$1').toLowerCase();
    if (isIP(host) !== 0 || host === 'localhost') return true;
    return (this.options.allowedHosts ?? []).some((allowed) => allowed.toLowerCase() === host);
  }

  private get logger(): Logger {
    return this.options.logger ?? silentLogger;
  }
}

function sendBody(res: ServerResponse, status: number, contentType: string, body: Buffer | string, headOnly: boolean): void {
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  res.writeHead(status, { ...SECURITY_HEADERS, 'content-type': contentType, 'content-length': bytes.length });
  res.end(headOnly ? undefined : bytes);
}

function sendError(res: ServerResponse, status: number, error: GatewayError): void {
  if (status === 401) res.setHeader('www-authenticate', 'Bearer realm="privacy-gateway"');
  sendBody(res, status, 'application/json; charset=utf-8', JSON.stringify({ error: error.toJSON() }), false);
}
