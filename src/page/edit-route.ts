import type { IncomingMessage } from 'node:http';
import { GatewayError, messageOf } from '../errors.js';
import { EDIT_HEADER, type EditAccessView, type EditResultView } from './api-types.js';
import type { PageAuth } from './auth.js';

/** The page's port onto the policy editor (main.ts wires src/policy-editor.ts), so the page holds no policy I/O. */
export interface PolicyEditPort {
  /** Why nobody may edit here (Home Assistant owns the policy), or undefined. */
  refusal(): GatewayError | undefined;
  /** Applies one `{operation, data}` edit; throws GatewayError with a stable code and changes nothing on failure. */
  apply(input: unknown): Promise<EditResultView>;
}

/** The largest edit body: a lockdown of a thousand destinations fits with room to spare. */
export const MAX_EDIT_BYTES = 256 * 1024;

/** `GET /api/policy/edits`: whether this request could edit, so the page shows controls only when they work. */
export function editAccess(req: IncomingMessage, auth: PageAuth, edits: PolicyEditPort | undefined): EditAccessView {
  try {
    auth.authorizeEdit(req);
  } catch (error) {
    if (!(error instanceof GatewayError)) throw error;
    return { allowed: false, code: error.code, message: error.message };
  }
  // Checked in the same order as postEdit, so the reason shown is the reason an edit would get.
  const refusal = edits === undefined ? readOnly() : edits.refusal();
  if (refusal) return { allowed: false, code: refusal.code, message: refusal.message };
  return { allowed: true, code: null, message: null };
}

/**
 * `POST /api/policy/edits`. In order: a login (the token, never an open loopback page), a policy that is
 * the file's to change, a same-origin request that carries the edit header, a JSON body within bounds.
 */
export async function postEdit(req: IncomingMessage, auth: PageAuth, edits: PolicyEditPort | undefined): Promise<EditResultView> {
  auth.authorizeEdit(req);
  const refusal = edits === undefined ? readOnly() : edits.refusal();
  if (refusal || edits === undefined) throw refusal ?? readOnly();
  requireSameOrigin(req);
  const contentType = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (contentType !== 'application/json') {
    throw new GatewayError('REQUEST_INVALID', 'Send the edit as JSON (content-type: application/json)', ['content-type: expected application/json']);
  }
  const text = await readBody(req);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (error) {
    const reason = messageOf(error);
    throw new GatewayError('REQUEST_INVALID', `The edit is not valid JSON: ${reason}`, ['(body): not valid JSON']);
  }
  return edits.apply(body);
}

/**
 * Cross-site requests are refused. The edit header cannot be sent cross-site without a CORS preflight
 * (which the page never grants); Origin and Sec-Fetch-Site, when the browser sends them, must say this page.
 */
function requireSameOrigin(req: IncomingMessage): void {
  if (req.headers[EDIT_HEADER] !== '1') {
    throw new GatewayError('PAGE_FORBIDDEN', `An edit must carry the header "${EDIT_HEADER}: 1" (the page sends it; other sites cannot)`);
  }
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') {
    throw new GatewayError('PAGE_FORBIDDEN', `Edits come from this page only, not from another site (Sec-Fetch-Site: ${site})`);
  }
  const origin = req.headers.origin;
  if (origin === undefined) return;
  if (hostOf(origin) === undefined || hostOf(origin) !== hostOf(`http://${req.headers.host ?? ''}`)) {
    throw new GatewayError('PAGE_FORBIDDEN', `Edits come from this page only, not from ${origin.slice(0, 100)}`);
  }
}

function hostOf(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.host : undefined;
  } catch {
    return undefined;
  }
}

function readOnly(): GatewayError {
  return new GatewayError('PAGE_FORBIDDEN', 'This page was started without a policy editor; edit the policy file instead');
}

async function readBody(req: IncomingMessage): Promise<string> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > MAX_EDIT_BYTES) throw tooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const bytes = chunk instanceof Buffer ? chunk : Buffer.from(String(chunk));
    size += bytes.length;
    if (size > MAX_EDIT_BYTES) throw tooLarge();
    chunks.push(bytes);
  }
  const text = Buffer.concat(chunks);
  const decoded = new TextDecoder('utf-8', { fatal: true });
  try {
    return decoded.decode(text);
  } catch {
    throw new GatewayError('REQUEST_INVALID', 'The edit is not UTF-8 text', ['(body): not UTF-8']);
  }
}

function tooLarge(): GatewayError {
  return new GatewayError('PAYLOAD_TOO_LARGE', `An edit is at most ${MAX_EDIT_BYTES} bytes`);
}
