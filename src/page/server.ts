import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { isIP, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GatewayError, asGatewayError } from '../errors.js';
import { silentLogger, type Logger } from '../logger.js';
import { httpStatus, route, safeFileName, type PageDeps, type PageResponse } from './routes.js';

/** www/ at the project root: two levels up from both src/page/ and dist/page/. */
export const DEFAULT_WWW_DIR = fileURLToPath(new URL('../../www/', import.meta.url));

export interface PageServerOptions extends PageDeps {
  readonly wwwDir?: string;
  /** Host names besides IP literals and localhost that the page answers to (DNS-rebinding guard). */
  readonly allowedHosts?: readonly string[];
  readonly logger?: Logger;
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

/** The local page's HTTP server: read-only, GET and HEAD only. */
export class PageServer {
  private readonly options: PageServerOptions;
  private server: Server | undefined;

  constructor(options: PageServerOptions) {
    this.options = options;
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
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.setHeader('allow', 'GET, HEAD');
        sendError(res, 405, new GatewayError('REQUEST_INVALID', `Method ${req.method ?? ''} is not allowed; the page is read-only`));
        return;
      }
      const target = req.url ?? '/';
      // Concatenated, not resolved: `//host/x` must stay a path here, not become another authority.
      if (!target.startsWith('/')) throw new GatewayError('REQUEST_INVALID', 'The page only answers origin-form requests');
      const url = new URL(`http://page.invalid${target}`);
      await this.send(res, route(url, this.options), req.method === 'HEAD');
    } catch (error) {
      const failure = asGatewayError(error, 'REQUEST_INVALID', 'The page could not answer');
      if (!(error instanceof GatewayError)) this.logger.error(failure.message);
      if (!res.headersSent) sendError(res, httpStatus(failure.code), failure);
      else res.destroy();
    }
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
  sendBody(res, status, 'application/json; charset=utf-8', JSON.stringify({ error: error.toJSON() }), false);
}
