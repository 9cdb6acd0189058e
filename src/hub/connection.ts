import { ERR_CANNOT_CONNECT, ERR_INVALID_AUTH, type HaWebSocket } from 'home-assistant-js-websocket';
import WebSocket from 'ws';
import { GatewayError, messageOf } from '../errors.js';
import { FrameCheck } from './frame-check.js';

/**
 * Opens Home Assistant's websocket with `ws` and performs the auth exchange, for
 * home-assistant-js-websocket's `createSocket` option (the library's own needs a browser WebSocket).
 *
 * The socket handed to the library is guarded: a frame that is not a JSON object (or an array of them)
 * is logged and dropped instead of reaching the library's parser, where it would throw inside an event
 * listener and could take the process down; so is one that answers nothing the sidecar asked (FrameCheck).
 */
export interface SocketOptions {
  /** `ws://host:8123/api/websocket` */
  readonly wsUrl: string;
  readonly token: string;
  readonly connectTimeoutMs: number;
  readonly onMalformedFrame: (reason: string) => void;
  /** Why the last attempt failed, in words a person can act on (the library only passes a number on). */
  readonly onFailure: (error: GatewayError) => void;
}

/** http(s)://host:port[/] (or ws(s)://…) to the websocket API's URL. */
export function websocketUrl(haUrl: string): string {
  let url: URL;
  try {
    url = new URL(haUrl);
  } catch {
    throw new GatewayError('CONFIG_INVALID', `The Home Assistant URL "${haUrl}" is not a URL (like http://homeassistant.local:8123)`);
  }
  const schemes: Record<string, string> = { 'http:': 'ws:', 'https:': 'wss:', 'ws:': 'ws:', 'wss:': 'wss:' };
  const scheme = schemes[url.protocol];
  if (scheme === undefined) {
    throw new GatewayError('CONFIG_INVALID', `The Home Assistant URL "${haUrl}" must start with http:// or https://`);
  }
  const base = url.pathname.replace(/\/+$/, '').replace(/\/api\/websocket$/, '');
  return `${scheme}//${url.host}${base}/api/websocket`;
}

type Listener = (event: { data: unknown }) => void;

/** The subset of a browser WebSocket the library uses, over a `ws` socket. */
export class GuardedSocket {
  haVersion = '';
  readonly OPEN = WebSocket.OPEN;
  private readonly wrapped = new Map<Listener, (event: WebSocket.MessageEvent) => void>();
  private readonly check = new FrameCheck();

  constructor(
    readonly raw: WebSocket,
    private readonly onMalformedFrame: (reason: string) => void,
  ) {}

  get readyState(): number {
    return this.raw.readyState;
  }

  send(data: string): void {
    this.check.sent(data);
    this.raw.send(data);
  }

  close(): void {
    this.raw.close();
  }

  /** Drops a dead connection at once (close() would wait for a closing handshake that never comes). */
  terminate(): void {
    this.raw.terminate();
  }

  addEventListener(type: string, listener: Listener): void {
    if (type !== 'message') {
      this.raw.addEventListener(type as 'close', listener as () => void);
      return;
    }
    const guarded = (event: WebSocket.MessageEvent): void => {
      const text = typeof event.data === 'string' ? event.data : Buffer.from(event.data as Buffer).toString('utf8');
      const parsed = parseFrame(text);
      if (typeof parsed === 'string') {
        this.onMalformedFrame(parsed);
        return;
      }
      // Messages that answer nothing asked are dropped one by one; the rest of a coalesced frame goes on.
      const wanted = parsed.filter((message) => {
        const problem = this.check.problem(message);
        if (problem !== undefined) this.onMalformedFrame(`${problem}; it was ignored`);
        return problem === undefined;
      });
      if (wanted.length === 0) return;
      try {
        listener({ data: wanted.length === parsed.length ? text : JSON.stringify(wanted) });
      } catch (error) {
        this.onMalformedFrame(`a frame could not be handled: ${messageOf(error)}`);
      }
    };
    this.wrapped.set(listener, guarded);
    this.raw.addEventListener('message', guarded);
  }

  removeEventListener(type: string, listener: Listener): void {
    if (type !== 'message') {
      this.raw.removeEventListener(type as 'close', listener as () => void);
      return;
    }
    const guarded = this.wrapped.get(listener);
    if (guarded) this.raw.removeEventListener('message', guarded);
    this.wrapped.delete(listener);
  }
}

/** The frame's messages, or why it is no frame: not JSON, or not an object or array of objects. */
function parseFrame(text: string): Record<string, unknown>[] | string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return `a frame that is not JSON (${text.length} bytes) was ignored`;
  }
  const messages: unknown[] = Array.isArray(parsed) ? parsed : [parsed];
  const objects = messages.filter(
    (message): message is Record<string, unknown> => typeof message === 'object' && message !== null && !Array.isArray(message),
  );
  return objects.length === messages.length && objects.length > 0 ? objects : 'a frame that is not a JSON object was ignored';
}

const AuthMessage = (text: string): { type?: unknown; message?: unknown; ha_version?: unknown } | undefined => {
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === 'object' && parsed !== null ? parsed : undefined;
  } catch {
    return undefined;
  }
};

/**
 * Resolves with an authenticated socket. Rejects with the library's ERR_INVALID_AUTH (it then stops
 * reconnecting, and the hub takes over with its own backoff) or ERR_CANNOT_CONNECT (the library retries).
 */
export function openAuthenticatedSocket(options: SocketOptions): Promise<GuardedSocket> {
  return new Promise((resolve, reject) => {
    const raw = new WebSocket(options.wsUrl, {
      handshakeTimeout: options.connectTimeoutMs,
      perMessageDeflate: false,
      maxPayload: MAX_FRAME_BYTES,
    });
    const socket = new GuardedSocket(raw, options.onMalformedFrame);
    let settled = false;
    const fail = (code: typeof ERR_INVALID_AUTH | typeof ERR_CANNOT_CONNECT, error: GatewayError): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      raw.removeAllListeners();
      raw.on('error', () => undefined);
      raw.terminate();
      options.onFailure(error);
      reject(code);
    };
    const timer = setTimeout(() => {
      fail(ERR_CANNOT_CONNECT, new GatewayError('HUB_UNAVAILABLE', `Home Assistant at ${options.wsUrl} did not answer within ${options.connectTimeoutMs} ms`));
    }, options.connectTimeoutMs);
    raw.on('message', (data: WebSocket.RawData) => {
      const message = AuthMessage(String(data));
      if (message?.type === 'auth_required') {
        raw.send(JSON.stringify({ type: 'auth', access_token: options.token }));
      } else if (message?.type === 'auth_invalid') {
        const reason = typeof message.message === 'string' ? message.message : 'invalid token';
        fail(
          ERR_INVALID_AUTH,
          new GatewayError(
            'HUB_AUTH_FAILED',
            `Home Assistant rejected the sidecar's token (${reason}). Issue a new one with the Privacy Gateway ` +
              "integration's Reconfigure and set it as the hub token.",
          ),
        );
      } else if (message?.type === 'auth_ok' && !settled) {
        settled = true;
        clearTimeout(timer);
        raw.removeAllListeners('message');
        socket.haVersion = typeof message.ha_version === 'string' ? message.ha_version : '';
        resolve(socket);
      }
    });
    raw.on('error', (error) => {
      if (settled && isFrameTooLarge(error)) {
        // ws closes the connection; the library reconnects. Say why, or the owner sees only a reconnect.
        options.onMalformedFrame(`a frame larger than ${MAX_FRAME_BYTES / MIB} MiB; the connection was closed and is reopened`);
        return;
      }
      fail(ERR_CANNOT_CONNECT, new GatewayError('HUB_UNAVAILABLE', `Cannot reach Home Assistant at ${options.wsUrl}: ${error.message}`));
    });
    raw.on('close', (code) => {
      fail(ERR_CANNOT_CONNECT, new GatewayError('HUB_UNAVAILABLE', `Home Assistant at ${options.wsUrl} closed the connection (code ${code}) before auth`));
    });
  });
}

const MIB = 1024 * 1024;
/** Far above any real policy (200 devices with their rules are some 100 KB), far below what hurts memory. */
export const MAX_FRAME_BYTES = 32 * MIB;

function isFrameTooLarge(error: Error): boolean {
  return 'code' in error && error.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH';
}

/** The library's socket type is a browser WebSocket; GuardedSocket implements the part it uses. */
export function asHaWebSocket(socket: GuardedSocket): HaWebSocket {
  return socket as unknown as HaWebSocket;
}
