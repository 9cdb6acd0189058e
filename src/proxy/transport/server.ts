import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import { GatewayError } from '../../errors.js';
import { evaluateConnection, type CompiledPolicy, type FlowTarget } from '../../policy/index.js';
import { handleConnect } from './connect.js';
import type { TransportEnv } from './env.js';
import { answerClientError, handleInnerRequest, handleProxyRequest, handleUpgrade } from './http-requests.js';
import { DestinationGuard } from './guard.js';
import { recordSafely, connectionRecord } from './recording.js';
import { handleMqttTls, handlePlainMqtt } from './mqtt-listeners.js';
import { handleTransparentTls } from './transparent.js';
import { DEFAULT_IDLE_TIMEOUTS, type GatewayProxy, type ListenOptions, type ProxyAddresses, type ProxyDeps } from './types.js';
import { directResolve } from './upstream.js';
import { UninspectableHosts } from './uninspectable.js';

const DEFAULT_HANDSHAKE_TIMEOUT_MS = 10_000;

/**
 * The gateway's listeners: the explicit forward proxy (absolute-form and CONNECT) and, optionally,
 * transparent HTTP (Host header) and transparent TLS (SNI). Every inspected request goes to
 * `deps.handler`; connection-level outcomes (blocks, tunnels, pinning) are recorded here.
 */
export function createProxy(deps: ProxyDeps): GatewayProxy {
  const sockets = new Set<net.Socket>();
  const uninspectable = new UninspectableHosts(deps.uninspectableFile, deps.log);
  const resolve = deps.resolveUpstream ?? directResolve;
  const guard = deps.guard ?? new DestinationGuard({ resolveUpstream: resolve });
  const env: TransportEnv = {
    deps,
    log: deps.log,
    resolve,
    handshakeTimeoutMs: deps.handshakeTimeoutMs ?? DEFAULT_HANDSHAKE_TIMEOUT_MS,
    idle: deps.idleTimeouts ?? DEFAULT_IDLE_TIMEOUTS,
    guard,
    inner: http.createServer(),
    decided: new WeakMap(),
    uninspectable,
    inFlight: new WeakMap(),
    track(socket) {
      sockets.add(socket);
      socket.once('close', () => sockets.delete(socket));
    },
    remembered: new WeakMap(),
    policyInForce() {
      try {
        return deps.policy();
      } catch (error) {
        deps.log.error('reading the policy in force failed', { reason: String(error) });
        return undefined;
      }
    },
    decide(target: FlowTarget, policy?: CompiledPolicy) {
      try {
        const inForce = policy ?? deps.policy();
        return guard.judge(evaluateConnection(inForce, target), inForce);
      } catch (error) {
        deps.log.error('evaluating the connection policy failed', { host: target.host, reason: String(error) });
        return undefined;
      }
    },
    record(observation, answer) {
      recordSafely(deps.recorder, deps.log, connectionRecord(observation), answer);
    },
  };

  env.inner.on('request', (req, res) => handleInnerRequest(env, req, res));
  env.inner.on('clientError', (error, socket) => answerClientError(env, error, socket));

  const explicit = http.createServer((req, res) => handleProxyRequest(env, req, res, 'explicit'));
  explicit.on('connect', (req, socket, head) => void handleConnect(env, req, socket, head));
  const transparentHttp = http.createServer((req, res) => handleProxyRequest(env, req, res, 'transparent'));
  const transparentTls = net.createServer((socket) => void handleTransparentTls(env, socket));
  for (const server of [explicit, transparentHttp]) {
    server.on('clientError', (error, socket) => answerClientError(env, error, socket));
  }
  // A client connection with no byte either way for this long is closed (Node destroys it on timeout).
  for (const server of [explicit, transparentHttp, env.inner]) server.setTimeout(env.idle.clientMs);
  // Only with a WebSocket pipeline: without an 'upgrade' listener Node keeps its own handling.
  if (deps.upgrade !== undefined) {
    env.inner.on('upgrade', (req, socket, head) => handleUpgrade(env, req, socket, head, 'inner'));
    explicit.on('upgrade', (req, socket, head) => handleUpgrade(env, req, socket, head, 'explicit'));
    transparentHttp.on('upgrade', (req, socket, head) => handleUpgrade(env, req, socket, head, 'transparent'));
  }
  for (const server of [explicit, transparentHttp, transparentTls]) {
    server.on('connection', (socket: net.Socket) => env.track(socket));
  }
  const listening: net.Server[] = [];
  let mqttUpstream: ListenOptions['mqttUpstream'];
  const mqttHandler = deps.mqtt;
  const mqttServers =
    mqttHandler === undefined
      ? undefined
      : {
          plain: net.createServer((socket) => handlePlainMqtt(env, mqttHandler, socket, mqttUpstream)),
          tls: net.createServer((socket) => void handleMqttTls(env, mqttHandler, socket, mqttUpstream)),
        };
  for (const server of mqttServers === undefined ? [] : [mqttServers.plain, mqttServers.tls]) {
    server.on('connection', (socket: net.Socket) => env.track(socket));
  }

  return {
    async listen(options: ListenOptions): Promise<ProxyAddresses> {
      await uninspectable.load();
      const proxy = await listenOn(explicit, options.host, options.port);
      listening.push(explicit);
      let http: AddressInfo | undefined;
      let tls: AddressInfo | undefined;
      if (options.transparentHttpPort !== undefined) {
        http = await listenOn(transparentHttp, options.host, options.transparentHttpPort);
        listening.push(transparentHttp);
      }
      if (options.transparentTlsPort !== undefined) {
        tls = await listenOn(transparentTls, options.host, options.transparentTlsPort);
        listening.push(transparentTls);
      }
      mqttUpstream = options.mqttUpstream;
      let mqtt: AddressInfo | undefined;
      let mqtts: AddressInfo | undefined;
      if (options.mqttPort !== undefined || options.mqttsPort !== undefined) {
        if (mqttServers === undefined) throw new GatewayError('CONFIG_INVALID', 'MQTT ports were given but the gateway has no MQTT pipeline');
        if (options.mqttPort !== undefined) {
          mqtt = await listenOn(mqttServers.plain, options.host, options.mqttPort);
          listening.push(mqttServers.plain);
        }
        if (options.mqttsPort !== undefined) {
          mqtts = await listenOn(mqttServers.tls, options.host, options.mqttsPort);
          listening.push(mqttServers.tls);
        }
      }
      for (const address of [proxy, http, tls, mqtt, mqtts]) {
        if (address !== undefined) guard.protect({ host: address.address, port: address.port, what: 'gateway' });
      }
      deps.log.info('proxy listening', {
        proxy: proxy.port,
        transparentHttp: http?.port,
        transparentTls: tls?.port,
        mqtt: mqtt?.port,
        mqtts: mqtts?.port,
      });
      return { proxy, transparentHttp: http, transparentTls: tls, mqtt, mqtts };
    },
    async close(): Promise<void> {
      const closing = listening.map((server) => new Promise<void>((resolve) => server.close(() => resolve())));
      for (const server of [explicit, transparentHttp, env.inner]) server.closeAllConnections();
      for (const socket of sockets) socket.destroy();
      await Promise.all(closing);
      listening.length = 0;
      await uninspectable.flush();
    },
    uninspectable: () => uninspectable.list(),
  };
}

function listenOn(server: net.Server, host: string, port: number): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error & { code?: string }): void => {
      const reason = error.code ?? error.message;
      const message = `Cannot listen on ${host}:${port} (${reason}); choose another address or port in the configuration.`;
      reject(new GatewayError('CONFIG_INVALID', message, [], { cause: error }));
    };
    server.once('error', onError);
    server.listen(port, host, () => {
      server.removeListener('error', onError);
      const address = server.address();
      if (address === null || typeof address === 'string') reject(new Error('listener has no TCP address'));
      else resolve(address);
    });
  });
}
