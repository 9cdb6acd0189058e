/**
 * The owner's side of Home Assistant in the end-to-end suite: onboarding (owner + token) over REST,
 * config flows over REST, and websocket commands and bus subscriptions with home-assistant-js-websocket.
 */
import {
  createConnection,
  createLongLivedTokenAuth,
  type Connection,
  type HassEvent,
} from 'home-assistant-js-websocket';
import { WebSocket } from 'ws';

// The library builds its sockets with the global WebSocket; in Node that is `ws`.
(globalThis as { WebSocket?: unknown }).WebSocket = WebSocket;

export interface RestAnswer {
  readonly status: number;
  readonly json: unknown;
}

export type FlowResult = { type: string; flow_id?: string; step_id?: string; [key: string]: unknown };

export class HaClient {
  token = '';
  private connection: Connection | undefined;

  constructor(readonly url: string) {}

  /** Creates the owner through onboarding and trades the auth code for an access token. */
  async onboard(): Promise<void> {
    const clientId = `${this.url}/`;
    const created = await this.rest('POST', '/api/onboarding/users', {
      client_id: clientId,
      name: 'Owner',
      username: 'owner',
      password: 'e2e-owner-password',
      language: 'en',
    });
    const code = (created.json as { auth_code?: string }).auth_code;
    if (created.status !== 200 || code === undefined) throw new Error(`onboarding failed: ${JSON.stringify(created)}`);
    const response = await fetch(`${this.url}/auth/token`, {
      method: 'POST',
      body: new URLSearchParams({ grant_type: 'authorization_code', code, client_id: clientId }),
    });
    const tokens = (await response.json()) as { access_token?: string };
    if (!tokens.access_token) throw new Error(`token exchange failed: ${JSON.stringify(tokens)}`);
    this.token = tokens.access_token;
  }

  async rest(method: string, path: string, body?: unknown, token = this.token): Promise<RestAnswer> {
    const response = await fetch(`${this.url}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    let json: unknown = text;
    try {
      json = JSON.parse(text);
    } catch {
      // Not JSON (an error page): keep the text.
    }
    return { status: response.status, json };
  }

  /** Runs a config flow (or a subentry flow, with `base`) through its steps; returns the last result. */
  async flow(base: string, start: unknown, steps: readonly Record<string, unknown>[]): Promise<FlowResult> {
    let answer = await this.rest('POST', base, start);
    let result = answer.json as FlowResult;
    for (const step of steps) {
      if (result.type !== 'form' || result.flow_id === undefined) throw new Error(`flow ended early: ${JSON.stringify(result)}`);
      answer = await this.rest('POST', `${base}/${result.flow_id}`, step);
      result = answer.json as FlowResult;
    }
    return result;
  }

  async state(entityId: string): Promise<string | undefined> {
    const answer = await this.rest('GET', `/api/states/${entityId}`);
    return answer.status === 200 ? (answer.json as { state: string }).state : undefined;
  }

  async ws(): Promise<Connection> {
    this.connection ??= await createConnection({ auth: createLongLivedTokenAuth(this.url, this.token), setupRetry: 30 });
    return this.connection;
  }

  async command<T>(message: { type: string; [key: string]: unknown }): Promise<T> {
    return (await this.ws()).sendMessagePromise<T>(message);
  }

  /** Collects bus events of one type until the returned stop() is called. */
  async collect(eventType: string): Promise<{ events: HassEvent[]; stop: () => Promise<void> }> {
    const events: HassEvent[] = [];
    const unsubscribe = await (await this.ws()).subscribeEvents<HassEvent>((event) => events.push(event), eventType);
    return { events, stop: unsubscribe };
  }

  close(): void {
    this.connection?.close();
    this.connection = undefined;
  }
}
