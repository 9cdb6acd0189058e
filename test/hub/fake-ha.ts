/**
 * A real `ws` server on 127.0.0.1 that speaks Home Assistant's auth exchange and the integration's
 * sidecar commands (docs/HUB_PROTOCOL.md), with knobs to misbehave: refuse tokens, refuse register,
 * ignore pings, drop connections, lose answers, send malformed frames. The real Home Assistant is in
 * test/e2e/ha.
 */
import type { AddressInfo } from 'node:net';
import { WebSocket, WebSocketServer } from 'ws';

type Frame = { id?: number; type?: string; [key: string]: unknown };

export interface Envelope {
  etag: string;
  policy: unknown;
  settings?: { retention_days: number };
}

export function envelope(etag: string, devices: unknown[] = [], mode = 'enforce'): Envelope {
  return { etag, policy: { version: 1, mode, destinations: [], rules: [], devices }, settings: { retention_days: 30 } };
}

export const DEVICE_ID = '0123456789abcdef0123456789abcdef';

export function tvDevice(rules: unknown[] = []): unknown {
  return { id: DEVICE_ID, name: 'Living room TV', addresses: ['192.168.1.20'], quarantine: false, destinations: [], rules };
}

export class FakeHomeAssistant {
  token = 'good-token';
  answerPings = true;
  maxReportItems = 500;
  /** Error answers for the next register commands, one each. */
  registerErrors: { code: string; message: string }[] = [];
  /** Apply the next report batch, then drop the connection without answering. */
  loseNextReportAnswer = false;
  policy: Envelope = envelope('etag-1');
  /** The subscribe_home frame; undefined answers unknown_command, like an integration older than the command. */
  home: unknown = undefined;
  /** The subscribe_states frame; undefined answers unknown_command (an integration older than the command). */
  states: unknown = undefined;
  readonly applied = new Map<string, unknown>();
  readonly appliedOrder: string[] = [];
  readonly batches: number[] = [];
  /** Every command type received, per connection, in order. */
  readonly commands: string[][] = [];
  duplicates = 0;
  private server: WebSocketServer | undefined;
  private readonly subscribers = new Map<WebSocket, number>();
  private readonly homeSubscribers = new Map<WebSocket, number>();
  private readonly statesSubscribers = new Map<WebSocket, number>();
  private readonly registered = new Set<WebSocket>();
  port = 0;

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(port = 0): Promise<void> {
    const server = new WebSocketServer({ host: '127.0.0.1', port, path: '/api/websocket' });
    await new Promise<void>((resolve, reject) => {
      server.once('listening', resolve);
      server.once('error', reject);
    });
    this.port = (server.address() as AddressInfo).port;
    server.on('connection', (socket) => this.accept(socket));
    this.server = server;
  }

  /** Closes the server and every connection (like Home Assistant shutting down). */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    for (const client of server.clients) client.terminate();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  dropConnections(): void {
    for (const client of this.server?.clients ?? []) client.terminate();
  }

  pushPolicy(next: Envelope): void {
    this.policy = next;
    for (const [socket, id] of this.subscribers) socket.send(JSON.stringify({ id, type: 'event', event: next }));
  }

  pushHome(frame: unknown): void {
    this.home = frame;
    for (const [socket, id] of this.homeSubscribers) socket.send(JSON.stringify({ id, type: 'event', event: frame }));
  }

  pushStates(frame: unknown): void {
    this.states = frame;
    for (const [socket, id] of this.statesSubscribers) socket.send(JSON.stringify({ id, type: 'event', event: frame }));
  }

  /** Sends anything to every subscriber: text that is not JSON, or an event that is not an envelope. */
  sendRaw(text: string | ((subscriptionId: number) => string)): void {
    for (const [socket, id] of this.subscribers) socket.send(typeof text === 'string' ? text : text(id));
  }

  get connectionCount(): number {
    return this.server?.clients.size ?? 0;
  }

  private accept(socket: WebSocket): void {
    let authed = false;
    const log: string[] = [];
    this.commands.push(log);
    socket.send(JSON.stringify({ type: 'auth_required', ha_version: '2026.10.4' }));
    socket.on('close', () => {
      this.subscribers.delete(socket);
      this.homeSubscribers.delete(socket);
      this.statesSubscribers.delete(socket);
      this.registered.delete(socket);
    });
    socket.on('message', (data) => {
      const frame = JSON.parse(String(data)) as Frame;
      if (!authed) {
        if (frame.type === 'auth' && frame.access_token === this.token) {
          authed = true;
          socket.send(JSON.stringify({ type: 'auth_ok', ha_version: '2026.10.4' }));
        } else {
          socket.send(JSON.stringify({ type: 'auth_invalid', message: 'Invalid access token or password' }));
          socket.close();
        }
        return;
      }
      log.push(frame.type ?? '');
      this.command(socket, frame);
    });
  }

  private command(socket: WebSocket, frame: Frame): void {
    const id = frame.id ?? 0;
    const result = (value: unknown): void => socket.send(JSON.stringify({ id, type: 'result', success: true, result: value }));
    const error = (code: string, message: string): void =>
      socket.send(JSON.stringify({ id, type: 'result', success: false, error: { code, message } }));
    switch (frame.type) {
      case 'ping':
        if (this.answerPings) socket.send(JSON.stringify({ id, type: 'pong' }));
        return;
      case 'privacy_gateway/sidecar/register': {
        const refusal = this.registerErrors.shift();
        if (refusal) return error(refusal.code, refusal.message);
        this.registered.add(socket);
        return result({ entry_id: 'entry-1', etag: this.policy.etag, ha_version: '2026.10.4', max_report_items: this.maxReportItems });
      }
      case 'privacy_gateway/sidecar/subscribe_policy':
        this.subscribers.set(socket, id);
        result(null);
        socket.send(JSON.stringify({ id, type: 'event', event: this.policy }));
        return;
      case 'privacy_gateway/sidecar/subscribe_home':
        if (this.home === undefined) return error('unknown_command', 'Unknown command.');
        this.homeSubscribers.set(socket, id);
        result(null);
        socket.send(JSON.stringify({ id, type: 'event', event: this.home }));
        return;
      case 'privacy_gateway/sidecar/subscribe_states':
        if (this.states === undefined) return error('unknown_command', 'Unknown command.');
        this.statesSubscribers.set(socket, id);
        result(null);
        socket.send(JSON.stringify({ id, type: 'event', event: this.states }));
        return;
      case 'privacy_gateway/sidecar/report':
        return this.report(socket, frame, result, error);
      default:
        return error('unknown_command', 'Unknown command.');
    }
  }

  private report(socket: WebSocket, frame: Frame, result: (value: unknown) => void, error: (code: string, message: string) => void): void {
    if (!this.registered.has(socket)) return error('not_registered', 'Send privacy_gateway/sidecar/register first');
    const items = Array.isArray(frame.items) ? (frame.items as { id: string }[]) : [];
    if (items.length === 0 || items.length > 500) return error('invalid_format', 'expected 1-500 items');
    this.batches.push(items.length);
    const ack: string[] = [];
    const duplicates: string[] = [];
    for (const item of items) {
      if (this.applied.has(item.id)) {
        duplicates.push(item.id);
        this.duplicates++;
      } else {
        this.applied.set(item.id, item);
        this.appliedOrder.push(item.id);
      }
      ack.push(item.id);
    }
    if (this.loseNextReportAnswer) {
      this.loseNextReportAnswer = false;
      socket.terminate();
      return;
    }
    result({ ack, duplicates, rejected: [] });
  }
}
