import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { GatewayConfig } from './config.js';
import { loadOrCreateHashKey, loadOrCreatePageToken, prepareDataDir, securePermissions, type DataDirLayout } from './data-dir.js';
import { asGatewayError, GatewayError, messageOf } from './errors.js';
import { startDnsService, SteeredNames, type DnsQueryRecorder, type RunningDns } from './dns/index.js';
import type { Hub } from './hub/index.js';
import { DnsLog, Ledger, LedgerTrafficKnowledge, type FlowRecorder, type LogLevel } from './ledger/index.js';
import { consoleLogger, type Logger } from './logger.js';
import { PageAuth, PageServer, newPageToken, type StatusView } from './page/index.js';
import { deviceQueries, editPort } from './page-ports.js';
import type { ClassifierKnowledge, CompiledPolicy } from './policy/index.js';
import { PolicyEditor } from './policy-editor.js';
import { PolicyStore } from './policy-store.js';
import {
  CertificateAuthority,
  DestinationGuard,
  createProxy,
  createRequestHandler,
  createUpstream,
  upgradeOnDemand,
  type ProxyLog,
  type ResolveUpstream,
} from './proxy/index.js';
import { VERSION } from './version.js';
import { formatAddress, gatewayAddresses, isLoopbackHost, type GatewayAddresses } from './gateway-addresses.js';
import { hubEndpoint, startHub, teeQueries, teeRecorder } from './hub-wiring.js';

export { formatAddress, isLoopbackHost, type GatewayAddresses, type ListenAddress } from './gateway-addresses.js';

export interface GatewayOptions {
  readonly logger?: Logger;
  /** Tests only: where upstream connections really go (see the proxy's ResolveUpstream). */
  readonly resolveUpstream?: ResolveUpstream;
}

interface Running {
  readonly addresses: GatewayAddresses;
  readonly policy: PolicyStore;
  readonly hub: { readonly url: string; readonly hub: Hub } | undefined;
  readonly startedAt: number;
}

/**
 * The whole gateway: data dir + CA + policy store + ledger + pipeline + upstream + proxy + local page.
 * Wiring only; each part owns its behaviour. `stop()` undoes `start()` in reverse order, and a start
 * that fails half-way stops what it had started before rethrowing.
 */
export class Gateway {
  private readonly config: GatewayConfig;
  private readonly options: GatewayOptions;
  private stoppers: (() => Promise<void> | void)[] = [];
  private running: Running | undefined;
  /** The resolver's query log (it batches its own writes): the page flushes it before reading a device. */
  private dnsLog: DnsLog | undefined;

  constructor(config: GatewayConfig, options: GatewayOptions = {}) {
    this.config = config;
    this.options = options;
  }

  async start(): Promise<GatewayAddresses> {
    try {
      return await this.startParts();
    } catch (error) {
      await this.stop();
      throw error;
    }
  }

  async stop(): Promise<void> {
    const stoppers = this.stoppers.reverse();
    this.stoppers = [];
    this.running = undefined;
    for (const stop of stoppers) {
      try {
        await stop();
      } catch (error) {
        this.logger.error(`Stopping a part of the gateway failed: ${messageOf(error)}`);
      }
    }
  }

  private async startParts(): Promise<GatewayAddresses> {
    const { config, logger } = this;
    const startedAt = Date.now();
    const layout = await prepareDataDir(config.dataDir);
    const hashKey = await loadOrCreateHashKey(layout.hashKeyFile);
    const ca = await CertificateAuthority.loadOrCreate(layout.caDir);

    const policy = new PolicyStore({ file: layout.policyFile, debounceMs: config.policyReloadDebounceMs, logger });
    await policy.start();
    this.stoppers.push(() => policy.stop());

    const ledger = new Ledger({
      file: layout.ledgerFile,
      retentionDays: config.retentionDays,
      log: this.ledgerLog,
      bounds: config.ledgerBounds,
      // Answers are released once their record is in the journal, not after a commit (issue 12).
      journal: { file: layout.ledgerJournalFile },
    });
    ledger.start();
    this.stoppers.push(() => ledger.stop());

    // With Home Assistant configured, its policy (or the cached copy) is in force and records go to both.
    const hub = config.hub === undefined ? undefined : await startHub(config.hub, layout, ledger, logger);
    if (hub) this.stoppers.push(() => hub.stop());
    const current = (): CompiledPolicy => hub?.compiled() ?? policy.current();
    const recorder: FlowRecorder = hub ? teeRecorder(ledger, hub.hub) : ledger;

    // What the classifier knows beyond the payload: Home Assistant's home (in memory, from the hub) and
    // the identifiers the ledger's fingerprints reveal (recomputed every minute, never per request).
    const traffic = new LedgerTrafficKnowledge({ file: layout.ledgerFile, log: this.ledgerLog });
    traffic.start();
    this.stoppers.push(() => traffic.stop());
    const knowledge: ClassifierKnowledge = { home: hub?.hub.home, traffic };

    const log = proxyLog(logger);
    const { limits } = config;
    const upstreamCa = config.upstreamCaFile === undefined ? [] : [await readUpstreamCa(config.upstreamCaFile)];
    const resolveUpstream = this.options.resolveUpstream;
    // No relay to the gateway itself, its Home Assistant or the LAN; unknown clients refused beyond loopback.
    const guard = new DestinationGuard({
      refuseUnknownClients: !isLoopbackHost(config.proxy.host),
      ...(resolveUpstream ? { resolveUpstream } : {}),
    });
    if (config.hub !== undefined) guard.protect(hubEndpoint(config.hub.url));
    const upstream = createUpstream({ upstreamCa, limits, log, guard, ...(resolveUpstream ? { resolveUpstream } : {}) });
    this.stoppers.push(() => upstream.close());

    const handler = createRequestHandler({ policy: current, recorder, upstream, hashKey, limits, knowledge });
    const { mqtt: mqttConfig } = config;
    const mqttOn = mqttConfig.port !== undefined || mqttConfig.tlsPort !== undefined;
    // The MQTT pipeline's modules load only with an MQTT listener configured (~0.8 MB of V8 heap otherwise kept).
    const mqtt = mqttOn
      ? (await import('./proxy/mqtt/index.js')).createMqttHandler({ policy: current, recorder, hashKey, limits, log, upstreamCa, guard })
      : undefined;
    const upgrade = upgradeOnDemand({ policy: current, recorder, hashKey, limits, log, upstreamCa, guard });
    // Written by the DNS resolver, read by the plain MQTT listener: where a steered device was going.
    const steeredNames = new SteeredNames();
    const proxy = createProxy({
      ca,
      steeredNames,
      policy: current,
      recorder,
      handler,
      mqtt,
      upgrade,
      limits,
      log,
      guard,
      idleTimeouts: { tunnelMs: limits.tunnelIdleMs, clientMs: limits.clientIdleMs },
      uninspectableFile: join(layout.root, 'uninspectable.json'),
      ...(resolveUpstream ? { resolveUpstream } : {}),
    });
    const listening = await proxy.listen({
      host: config.proxy.host,
      port: config.proxy.port,
      ...(config.transparent.httpPort === undefined ? {} : { transparentHttpPort: config.transparent.httpPort }),
      ...(config.transparent.tlsPort === undefined ? {} : { transparentTlsPort: config.transparent.tlsPort }),
      ...(mqttConfig.port === undefined ? {} : { mqttPort: mqttConfig.port }),
      ...(mqttConfig.tlsPort === undefined ? {} : { mqttsPort: mqttConfig.tlsPort }),
      mqttUpstream: mqttConfig.upstream,
    });
    this.stoppers.push(() => proxy.close());

    const auth = await pageAuth(config.page, layout);
    const dns = await this.startDns(layout.ledgerFile, current, hub?.hub, steeredNames);

    const page = new PageServer({
      status: () => this.status(),
      ca: { pem: ca.caPem, der: ca.caDer() },
      devices: deviceQueries(ledger, () => policy.policy(), current, () => this.dnsLog?.flush()),
      allowedHosts: config.page.allowedHosts,
      logger,
      auth,
      // With Home Assistant configured its policy is in force, so the page's edits are refused with a pointer there.
      edits: editPort(new PolicyEditor({ store: policy, file: layout.policyFile, managedBy: () => config.hub?.url, logger })),
    });
    const pageAddress = await page.start(config.page.host, config.page.port);
    this.stoppers.push(() => page.stop());
    guard.protect({ host: pageAddress.address, port: pageAddress.port, what: 'gateway' });
    // Every part has made its files by now (ledger -wal/-shm, CA, policy, caches): all owner-only.
    await securePermissions(layout.root);

    const addresses = gatewayAddresses(listening, pageAddress, dns, {
      dataDir: layout.root,
      caCertFile: join(layout.caDir, 'ca.pem'),
      caFingerprintSha256: ca.fingerprint256,
      policyFile: layout.policyFile,
      pageLogin: auth.hasToken
        ? { path: `/login?code=${auth.issueLoginCode()}`, tokenFile: layout.pageTokenFile, readsOpen: !auth.required }
        : undefined,
    });
    this.running = { addresses, policy, hub: hub && config.hub ? { url: config.hub.url, hub: hub.hub } : undefined, startedAt };
    return addresses;
  }

  /** The resolver the home points at, when a DNS port is configured; its query log shares the ledger file. */
  private async startDns(
    ledgerFile: string,
    policy: () => CompiledPolicy,
    hub: DnsQueryRecorder | undefined,
    steered: SteeredNames,
  ): Promise<RunningDns | undefined> {
    const { dns: settings, proxy, retentionDays } = this.config;
    if (settings.port === undefined) return undefined;
    const dnsLog = new DnsLog({ file: ledgerFile, retentionDays, log: this.ledgerLog });
    dnsLog.start();
    this.dnsLog = dnsLog;
    this.stoppers.push(() => {
      this.dnsLog = undefined;
      dnsLog.stop();
    });
    const logger = this.logger;
    const running = await startDnsService(
      { ...settings, host: proxy.host, port: settings.port },
      {
        policy,
        steered,
        // With Home Assistant, queries also feed its live "uses its own DNS" findings.
        recorder: hub ? teeQueries(dnsLog, hub) : dnsLog,
        log: { warn: (message, fields) => logger.warn(`${message} ${JSON.stringify(fields ?? {})}`) },
      },
    );
    this.stoppers.push(() => running.close());
    return running;
  }

  /** What the local page shows under /api/status. */
  status(): StatusView {
    const running = this.running;
    if (!running) throw new GatewayError('CONFIG_INVALID', 'The gateway is not running');
    const { addresses, policy, startedAt } = running;
    const policyStatus = policy.status();
    const hubStatus = running.hub?.hub.status();
    return {
      version: VERSION,
      startedAt,
      uptimeSeconds: Math.floor((Date.now() - startedAt) / 1000),
      proxy: {
        http: formatAddress(addresses.proxy),
        transparentHttp: addresses.transparentHttp ? formatAddress(addresses.transparentHttp) : null,
        transparentTls: addresses.transparentTls ? formatAddress(addresses.transparentTls) : null,
      },
      policy: { ...policyStatus, lastError: policyStatus.lastError ?? null },
      ca: { fingerprintSha256: addresses.caFingerprintSha256, pemPath: '/ca.pem', derPath: '/ca.der' },
      hub:
        running.hub && hubStatus
          ? {
              url: running.hub.url,
              state: hubStatus.state,
              outbox: hubStatus.outbox,
              lastError: hubStatus.lastError?.message ?? null,
            }
          : null,
    };
  }

  private get logger(): Logger {
    return this.options.logger ?? consoleLogger;
  }

  private readonly ledgerLog = (level: LogLevel, message: string): void => {
    if (level !== 'debug') this.logger[level](message);
  };
}

/** The proxy's structured log onto the shell's logger. Fields hold hosts and client addresses only. */
function proxyLog(logger: Logger): ProxyLog {
  const line = (message: string, fields?: Record<string, unknown>): string =>
    fields === undefined ? message : `${message} ${JSON.stringify(fields)}`;
  return {
    debug: () => undefined,
    info: (message, fields) => logger.info(line(message, fields)),
    warn: (message, fields) => logger.warn(line(message, fields)),
    error: (message, fields) => logger.error(line(message, fields)),
  };
}

async function readUpstreamCa(file: string): Promise<string> {
  const pem = await readFile(file, 'utf8').catch((error: unknown) => {
    throw asGatewayError(error, 'CONFIG_INVALID', `Cannot read the upstream CA file ${file}`);
  });
  if (!pem.includes('-----BEGIN CERTIFICATE-----')) {
    throw new GatewayError('CONFIG_INVALID', `The upstream CA file ${file} holds no PEM certificate`);
  }
  return pem;
}

/**
 * The page's login. Reading needs none on loopback (only this machine reaches it, and whoever runs
 * programs here as the gateway's user can read its data directory anyway); beyond loopback, or always
 * with auth: token, it needs the token. Changing the policy always needs the token.
 */
async function pageAuth(settings: GatewayConfig['page'], layout: DataDirLayout): Promise<PageAuth> {
  const token = await loadOrCreatePageToken(layout.pageTokenFile, newPageToken);
  const openReads = settings.auth === 'auto' && isLoopbackHost(settings.host);
  return new PageAuth({ token, trustedAddresses: settings.trustedAddresses, openReads });
}

