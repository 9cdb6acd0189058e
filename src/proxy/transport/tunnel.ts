import net from 'node:net';
import type { Duplex } from 'node:stream';
import { GatewayError } from '../../errors.js';

const LINGER_MS = 5000;

export interface TunnelResult {
  readonly bytesUp: number;
  readonly bytesDown: number;
  readonly error: GatewayError | undefined;
  /** true when the gateway closed the tunnel because no byte went either way for the idle time. */
  readonly idle: boolean;
}

export interface OpenTunnel {
  readonly upstream: net.Socket;
  /** Pipes both ways; resolves once both sides are closed, with the bytes each way. */
  run(client: Duplex): Promise<TunnelResult>;
}

/**
 * Connects to an address the guard already checked (never a name, so nothing is resolved twice), first,
 * so a CONNECT can still be answered 502 if that fails. `label` names the destination in errors.
 */
export function openTunnel(
  address: { readonly host: string; readonly port: number },
  label: string,
  timeouts: { readonly connectMs: number; readonly idleMs: number },
  track: (socket: net.Socket) => void,
): Promise<OpenTunnel> {
  return new Promise((done, fail) => {
    const upstream = net.connect({ host: address.host, port: address.port });
    track(upstream);
    const timer = setTimeout(() => upstream.destroy(new Error(`no answer within ${timeouts.connectMs} ms`)), timeouts.connectMs);
    upstream.once('connect', () => {
      clearTimeout(timer);
      upstream.removeAllListeners('error');
      done({ upstream, run: (client) => pipeBothWays(client, upstream, timeouts.idleMs) });
    });
    upstream.once('error', (error) => {
      clearTimeout(timer);
      const code = 'code' in error && typeof error.code === 'string' ? error.code : error.message;
      fail(new GatewayError('UPSTREAM_UNREACHABLE', `Cannot reach ${label}: ${code}`, [], { cause: error }));
    });
  });
}

function pipeBothWays(client: Duplex, upstream: net.Socket, idleMs: number): Promise<TunnelResult> {
  return new Promise((done) => {
    let bytesUp = 0;
    let bytesDown = 0;
    let error: GatewayError | undefined;
    let idle = false;
    let open = 2;
    const closed = (): void => {
      open -= 1;
      if (open === 0) done({ bytesUp, bytesDown, error, idle });
    };
    client.on('data', (chunk: Buffer) => {
      bytesUp += chunk.length;
    });
    upstream.on('data', (chunk: Buffer) => {
      bytesDown += chunk.length;
    });
    // Every client byte is written to upstream and every answer byte read from it, so the upstream
    // socket's inactivity timer sees both directions.
    upstream.setTimeout(idleMs, () => {
      idle = true;
      upstream.destroy();
      client.destroy();
    });
    // An error on either side ends both: a half-dead tunnel only holds resources.
    client.on('error', () => upstream.destroy());
    upstream.on('error', (failure) => {
      error = new GatewayError('UPSTREAM_UNREACHABLE', `tunnel to the destination failed: ${failure.message}`);
      client.destroy();
    });
    client.once('close', () => {
      endGently(upstream);
      closed();
    });
    upstream.once('close', () => {
      endGently(client);
      closed();
    });
    client.pipe(upstream);
    upstream.pipe(client);
  });
}

/** Lets written bytes drain after the other side closed, then makes sure the socket goes away. */
function endGently(socket: Duplex): void {
  if (socket.destroyed) return;
  socket.end();
  // Unpiping paused it; keep reading so the peer's FIN arrives and the socket can close.
  socket.resume();
  setTimeout(() => socket.destroy(), LINGER_MS).unref();
}
