import {
  createConnection,
  ERR_CONNECTION_LOST,
  ERR_INVALID_AUTH,
  type Connection,
} from 'home-assistant-js-websocket';
import type { DnsQueryEvent, DnsQueryRecorder } from '../dns/index.js';
import { GatewayError, messageOf } from '../errors.js';
import { Outbox, type FlowRecord, type FlowRecorder } from '../ledger/index.js';
import { HomeKnowledgeStore } from './home-knowledge.js';
import type { HubOptions, HubState, HubStatus } from './hub-types.js';
import { subscribeHome } from './home-subscription.js';
import { HomeStateCache } from './home-states.js';
import { subscribeStates } from './states-subscription.js';
import { asHaWebSocket, openAuthenticatedSocket, websocketUrl, type GuardedSocket } from './connection.js';
import { DEFAULT_KEEPALIVE, Keepalive } from './keepalive.js';
import type { HubLog } from './log.js';
import { OutboxSender } from './outbox.js';
import { PolicyIntake } from './policy-intake.js';
import {
  COMMANDS,
  describeHaError,
  haErrorCode,
  RegisterResultSchema,
  ReportResultSchema,
  type ReportResult,
} from './protocol.js';
import { ProposalPublisher } from './proposals.js';
import { Reporter } from './reporter.js';
import { RetryTimers } from './retry-timers.js';

/**
 * The sidecar's Home Assistant connection: token auth, reconnects, its own keepalive, registration and
 * the policy subscription (re-established on every `ready` only after register answered), the durable
 * outbox of reports, and the last good policy cached on disk. Home Assistant being away never stops
 * the gateway: the cached policy stays in force and reports wait in the outbox.
 */
export class Hub implements FlowRecorder, DnsQueryRecorder {
  /** What Home Assistant knows about the home, for the classifier; memory only. */
  readonly home = new HomeKnowledgeStore();
  /** The states of the entities the policy's conditions name; conditions are read from here. */
  readonly states: HomeStateCache;
  private readonly outbox: Outbox;
  private readonly sender: OutboxSender;
  private readonly reporter: Reporter;
  private readonly proposals: ProposalPublisher | undefined;
  private readonly keepalive: Keepalive;
  private readonly policy: PolicyIntake;
  private readonly timers: RetryTimers;
  private readonly wsUrl: string;
  private connection: Connection | undefined;
  private socket: GuardedSocket | undefined;
  private session = 0;
  private registered = false;
  private stopped = true;
  private state: HubState = 'stopped';
  private lastError: GatewayError | undefined;
  private haVersion: string | undefined;
  private malformed = 0;

  constructor(private readonly options: HubOptions) {
    this.wsUrl = websocketUrl(options.url);
    if (options.token.trim() === '') {
      throw new GatewayError('CONFIG_INVALID', 'The Home Assistant token is empty: paste the token the integration showed');
    }
    this.outbox = new Outbox({ file: options.databaseFile });
    this.sender = new OutboxSender({
      outbox: this.outbox,
      send: (items) => this.sendReport(items),
      ready: () => this.registered && this.connection?.connected === true,
      log: this.log,
      ...(options.outboxRetryMs === undefined ? {} : { retryMs: options.outboxRetryMs }),
    });
    this.reporter = new Reporter({
      enqueue: (items) => this.sender.enqueue(items),
      ...(options.trafficWindowMs === undefined ? {} : { trafficWindowMs: options.trafficWindowMs }),
    });
    this.proposals =
      options.lockdownProposals === undefined
        ? undefined
        : new ProposalPublisher({
          ...options.lockdownProposals,
          enqueue: (items) => this.sender.enqueue(items),
          log: (message) => this.log('warn', message),
        });
    this.keepalive = new Keepalive(options.keepalive ?? DEFAULT_KEEPALIVE);
    this.policy = new PolicyIntake(options.policyCacheFile, options.applyPolicy, this.log, () => this.malformed++);
    this.timers = new RetryTimers(options.retry);
    this.states = new HomeStateCache(options.statesCacheFile);
  }

  /** Opens the outbox, puts the cached policy in force and starts connecting (without waiting for it). */
  start(): void {
    if (!this.stopped) return;
    this.outbox.open();
    this.stopped = false;
    this.reporter.seed(this.outbox.knownDestinations());
    const use = this.outbox.resolverUse();
    this.reporter.dnsBypass.seed(use.devices, use.addresses);
    this.reporter.start();
    this.policy.loadCached();
    this.proposals?.start();
    this.loadCachedStates();
    void this.connect();
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.reporter.stop();
    this.proposals?.stop();
    await this.lastDelivery(1000);
    this.stopped = true;
    this.state = 'stopped';
    this.session++;
    this.registered = false;
    this.keepalive.stop();
    this.sender.stop();
    this.timers.clear();
    this.connection?.close();
    this.connection = undefined;
    this.outbox.close();
    this.home.clear();
    this.states.setLive(false);
  }

  record(record: FlowRecord): void {
    try {
      this.reporter.record(record);
      if (!record.connection.device.isDefault) this.proposals?.touch(record.connection.device.id);
    } catch (error) {
      this.log('error', `a flow could not be turned into a report: ${messageOf(error)}`);
    }
  }

  /** A query the gateway's resolver answered (the DNS service's recorder tees here): bypass signals only. */
  recordQuery(event: DnsQueryEvent): void {
    try {
      this.reporter.recordQuery(event);
    } catch (error) {
      this.log('error', `a DNS query could not be turned into a report: ${messageOf(error)}`);
    }
  }

  status(): HubStatus {
    return {
      state: this.state,
      lastError: this.lastError === undefined ? undefined : { code: this.lastError.code, message: this.lastError.message },
      policyEtag: this.policy.etag,
      haVersion: this.haVersion,
      outbox: this.stopped ? 0 : this.outbox.size(),
      delivered: this.sender.delivered,
      malformedFrames: this.malformed,
      home: this.home.summary(),
      states: { entities: this.states.snapshot().entities.size, live: this.states.snapshot().live },
    };
  }

  readonly log: HubLog = (level, message) => this.options.log?.(level, `hub: ${message}`);

  private onPolicyFrame(event: unknown): void {
    if (this.policy.onFrame(event)) this.proposals?.touchAll();
  }

  private loadCachedStates(): void {
    const loaded = this.states.load();
    if ('problem' in loaded) this.log('warn', `ignoring the cached Home Assistant states: ${loaded.problem}`);
    else if (loaded.loaded > 0) this.log('info', `conditions read ${loaded.loaded} last known Home Assistant state(s) until Home Assistant answers`);
  }

  private async connect(): Promise<void> {
    for (let attempt = 0; !this.stopped; attempt++) {
      this.state = 'connecting';
      try {
        const connection = await createConnection({ createSocket: async () => asHaWebSocket(await this.openSocket()), setupRetry: 0 });
        if (this.stopped) {
          connection.close();
          return;
        }
        this.attach(connection);
        return;
      } catch (code) {
        this.connectFailed(code, attempt);
      }
      await this.timers.sleep(this.timers.backoff(attempt));
    }
  }

  private connectFailed(code: unknown, attempt: number): void {
    const error = this.lastError ?? new GatewayError('HUB_UNAVAILABLE', `Cannot reach Home Assistant at ${this.wsUrl}`);
    this.state = code === ERR_INVALID_AUTH ? 'auth_failed' : 'unavailable';
    const delay = Math.round(this.timers.backoff(attempt) / 1000);
    // A stale token needs the owner: say so loudly. An absent Home Assistant is routine: say it once.
    const level = code === ERR_INVALID_AUTH || attempt === 0 ? 'error' : 'debug';
    this.log(level, `${error.message} [${error.code}]; retrying in ${delay} s. Reports wait in the outbox.`);
  }

  private async openSocket(): Promise<GuardedSocket> {
    const socket = await openAuthenticatedSocket({
      wsUrl: this.wsUrl,
      token: this.options.token,
      connectTimeoutMs: this.options.connectTimeoutMs ?? 10_000,
      onMalformedFrame: (reason) => {
        this.malformed++;
        this.log('warn', `Home Assistant sent ${reason}`);
      },
      onFailure: (error) => {
        this.lastError = error;
      },
    });
    this.socket = socket;
    this.lastError = undefined;
    this.haVersion = socket.haVersion;
    return socket;
  }

  private attach(connection: Connection): void {
    this.connection = connection;
    connection.addEventListener('ready', () => this.onReady(connection));
    connection.addEventListener('disconnected', () => this.onDisconnected());
    connection.addEventListener('reconnect-error', () => {
      // The token stopped working while reconnecting: the library gives up; we keep trying with backoff.
      connection.close();
      if (this.connection === connection) this.connection = undefined;
      this.connectFailed(ERR_INVALID_AUTH, 1);
      void this.timers.sleep(this.timers.backoff(1)).then(() => this.connect());
    });
    // The library fired the first `ready` inside createConnection, before anyone listened.
    this.onReady(connection);
  }

  private onReady(connection: Connection): void {
    if (this.stopped) return;
    const session = ++this.session;
    this.registered = false;
    this.state = 'connected';
    this.keepalive.start(
      () => connection.ping(),
      (reason) => {
        this.log('warn', `Home Assistant stopped answering (${reason}); reconnecting`);
        this.socket?.terminate();
      },
    );
    void this.register(connection, session, 0);
  }

  private onDisconnected(): void {
    this.session++;
    this.registered = false;
    this.states.setLive(false);
    this.keepalive.stop();
    if (this.stopped) return;
    this.state = 'connecting';
    this.log('warn', `lost the connection to Home Assistant; reconnecting (${this.outbox.size()} report item(s) kept)`);
  }

  /** register, then subscribe_policy, then deliver the outbox; a refusal is retried with backoff. */
  private async register(connection: Connection, session: number, attempt: number): Promise<void> {
    try {
      const answer: unknown = await connection.sendMessagePromise({
        type: COMMANDS.register,
        sidecar_id: this.options.sidecarId ?? 'privacy-gateway',
        version: this.options.version ?? '0.0.0',
      });
      const result = RegisterResultSchema.safeParse(answer);
      if (!result.success) throw new GatewayError('HUB_PROTOCOL', `register answered an unexpected result: ${result.error.message}`);
      if (session !== this.session) return;
      this.sender.setMaxItems(result.data.max_report_items);
      this.haVersion = result.data.ha_version;
      await connection.subscribeMessage((event: unknown) => this.onPolicyFrame(event), { type: COMMANDS.subscribePolicy }, { resubscribe: false });
      if (session !== this.session) return;
      const current = (): boolean => session === this.session && !this.stopped;
      void subscribeHome(connection, this.home, this.log, { onMalformed: () => this.malformed++, current });
      void subscribeStates(connection, this.states, this.log, { onMalformed: () => this.malformed++, current });
      this.registered = true;
      this.state = 'registered';
      this.lastError = undefined;
      this.log('info', `registered with Home Assistant ${result.data.ha_version}; ${this.outbox.size()} report item(s) to deliver`);
      this.proposals?.resendAll();
      this.sender.kick();
    } catch (error) {
      if (session !== this.session || this.stopped || error === ERR_CONNECTION_LOST) return;
      const code = haErrorCode(error);
      const reason = describeHaError(error).replace(/\.+$/, '');
      this.lastError = new GatewayError('HUB_PROTOCOL', `Home Assistant refused the sidecar: ${reason}${registerHint(code)}`);
      const delay = this.timers.backoff(attempt);
      // While Home Assistant starts or reloads the entry, a refusal is routine; one that lasts is not.
      const starting = code === 'not_loaded' || code === 'unknown_command';
      const level = attempt === (starting ? 5 : 0) ? 'error' : attempt === 0 ? 'warn' : 'debug';
      this.log(level, `${this.lastError.message}; retrying in ${Math.round(delay / 1000)} s`);
      this.timers.later(delay, () => {
        if (!this.stopped && session === this.session) void this.register(connection, session, attempt + 1);
      });
    }
  }

  private async sendReport(items: unknown[]): Promise<ReportResult> {
    const connection = this.connection;
    if (!connection) throw new GatewayError('HUB_UNAVAILABLE', 'not connected');
    const answer: unknown = await connection.sendMessagePromise({ type: COMMANDS.report, items });
    const result = ReportResultSchema.safeParse(answer);
    if (!result.success) {
      this.malformed++;
      throw new GatewayError('HUB_PROTOCOL', `report answered an unexpected result: ${result.error.message}`);
    }
    return result.data;
  }

  /** On stop: give the outbox a moment to reach Home Assistant; what is left waits on disk. */
  private async lastDelivery(timeoutMs: number): Promise<void> {
    if (!this.registered) return;
    this.sender.kick();
    const until = Date.now() + timeoutMs;
    while (Date.now() < until && this.registered && this.outbox.size() > 0) {
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }
}

function registerHint(code: string | undefined): string {
  switch (code) {
    case 'unknown_command':
      return '. Is the Privacy Gateway integration installed and added in Home Assistant?';
    case 'not_loaded':
      return '. The Privacy Gateway entry is not loaded (being set up or reloaded)';
    case 'unauthorized':
      return ". The token belongs to neither the gateway's sidecar user nor an admin";
    default:
      return '';
  }
}
