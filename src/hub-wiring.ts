import { hostname } from 'node:os';
import { join } from 'node:path';
import type { GatewayConfig } from './config.js';
import type { DataDirLayout } from './data-dir.js';
import type { DnsQueryRecorder } from './dns/index.js';
import type { Hub } from './hub/index.js';
import type { FlowRecord, FlowRecorder, Ledger } from './ledger/index.js';
import type { Logger } from './logger.js';
import { lockdownProposalOf } from './page-ports.js';
import { compilePolicy, withHomeStates, type CompiledPolicy, type HomeStates, type Policy } from './policy/index.js';
import { VERSION } from './version.js';

/*
 * The gateway's wiring to Home Assistant, kept out of main.ts: the hub and the policy it puts in force, the
 * tees that feed it every record and DNS query beside the ledger, and its address as an endpoint never relayed to.
 */

export interface RunningHub {
  readonly hub: Hub;
  compiled(): CompiledPolicy | undefined;
  stop(): Promise<void>;
}

/**
 * The hub with the policy it put in force; a policy that does not compile keeps the previous one. The hub's
 * modules (home-assistant-js-websocket and ~20 of ours) load only when a hub is configured: a gateway without
 * Home Assistant does not keep their code (~0.3 MB of V8 heap, BENCHMARKS.md, Memory).
 */
export async function startHub(
  settings: NonNullable<GatewayConfig['hub']>,
  layout: DataDirLayout,
  ledger: Ledger,
  logger: Logger,
): Promise<RunningHub> {
  const { Hub } = await import('./hub/index.js');
  let compiled: CompiledPolicy | undefined;
  let received: Policy | undefined;
  const hub = new Hub({
    url: settings.url,
    token: settings.token,
    databaseFile: layout.ledgerFile,
    policyCacheFile: join(layout.root, 'hub-policy.json'),
    statesCacheFile: join(layout.root, 'hub-states.json'),
    applyPolicy: (policy, _etag, hubSettings) => {
      compiled = compilePolicy(policy);
      received = policy;
      // Home Assistant's options flow owns the retention window once a hub is configured.
      if (hubSettings?.retention_days !== undefined) ledger.setRetentionDays(hubSettings.retention_days);
    },
    lockdownProposals: {
      devices: () => received?.devices.map((device) => device.id) ?? [],
      propose: (deviceId) => (received === undefined ? undefined : lockdownProposalOf(ledger, received, deviceId)),
    },
    sidecarId: hostname().slice(0, 100) || 'privacy-gateway',
    version: VERSION,
    log: (level, message) => {
      if (level !== 'debug') logger[level](message);
    },
  });
  hub.start();
  // The policy in force with the states of the moment, rebuilt only when either changes.
  let inForce: { base: CompiledPolicy; states: HomeStates; withStates: CompiledPolicy } | undefined;
  const current = (): CompiledPolicy | undefined => {
    if (compiled === undefined) return undefined;
    const states = hub.states.snapshot();
    if (inForce?.base !== compiled || inForce.states !== states) {
      inForce = { base: compiled, states, withStates: withHomeStates(compiled, states) };
    }
    return inForce.withStates;
  };
  return { hub, compiled: current, stop: () => hub.stop() };
}

/**
 * Every record to the ledger and the hub; one failing never keeps the other from it. A durable record
 * waits for the ledger's commit only: the hub's outbox is a copy for Home Assistant, the ledger is the record.
 * So the hub gets each record after the ledger: with the record journal the ledger releases the device's
 * answer as soon as its line is written, and the hub's report (names, events, per-field counts) is work the
 * device need not wait for.
 */
export function teeRecorder(ledger: Pick<Ledger, 'record' | 'recordDurably'>, hub: Pick<Hub, 'record'>): FlowRecorder {
  const toHub = (record: FlowRecord): void => {
    try {
      hub.record(record);
    } catch {
      // The hub logs its own failures; the device's request must go on.
    }
  };
  return {
    record: (record) => {
      try {
        ledger.record(record);
      } finally {
        toHub(record);
      }
    },
    recordDurably: (record, stored) => {
      try {
        ledger.recordDurably(record, stored);
      } finally {
        toHub(record);
      }
    },
  };
}

/** The DNS log and the hub both get each query; the hub catches its own failures (Hub.recordQuery). */
export function teeQueries(log: DnsQueryRecorder, hub: DnsQueryRecorder): DnsQueryRecorder {
  return {
    recordQuery: (event) => {
      log.recordQuery(event);
      hub.recordQuery(event);
    },
  };
}


/** The Home Assistant the gateway reports to, as an endpoint it never relays to. */
export function hubEndpoint(url: string): { host: string; port: number; what: 'home-assistant' } {
  const parsed = new URL(url.replace(/^ws/i, 'http'));
  const port = parsed.port === '' ? (parsed.protocol === 'https:' ? 443 : 80) : Number(parsed.port);
  return { host: parsed.hostname, port, what: 'home-assistant' };
}

