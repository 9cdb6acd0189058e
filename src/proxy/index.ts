export { CertificateAuthority, normaliseHostname } from './ca/authority.js';
export type { CertificateAuthorityOptions } from './ca/authority.js';
export { createProxy } from './transport/server.js';
export { DestinationGuard, REFUSALS, ADD_DEVICE_HINT } from './transport/guard.js';
export type { GuardSettings, ProtectedEndpoint } from './transport/guard.js';
export { createUpstream, upstreamError } from './transport/upstream.js';
export type { ClosableUpstream } from './transport/upstream.js';
export { parseClientHello, MAX_CLIENT_HELLO_BYTES } from './transport/sni.js';
export type { ClientHelloResult } from './transport/sni.js';
export { withoutHopByHop, withVia, VIA_TOKEN } from './transport/hop-by-hop.js';
export { NO_SNI_HOST } from './transport/transparent.js';
export { steeredMqttBroker, MQTT_PORT, MQTTS_PORT, type SteeredBroker } from './transport/mqtt-broker.js';
export type {
  ListenOptions,
  GatewayProxy,
  IdleTimeouts,
  ProxyAddresses,
  ProxyDeps,
  ProxyLog,
  ResolveUpstream,
  SteeredNameSource,
  UninspectableHost,
  UpstreamDeps,
} from './transport/types.js';
export type {
  MqttContext,
  MqttHandler,
  PipelineDeps,
  ProxyLimits,
  RequestContext,
  RequestHandler,
  Upstream,
  UpgradeHandler,
  UpstreamRequest,
} from './contracts.js';
export { createRequestHandler } from './pipeline/index.js';
// The MQTT pipeline (mqtt-packet, readable-stream, bl: ~60 module files) is imported from './mqtt/index.js' by
// main.ts only when an MQTT listener is configured.
export type { MqttPipelineOptions } from './mqtt/index.js';
// Likewise the WebSocket pipeline (ws and the relay) is imported from './websocket/index.js' on the first
// upgrade (upgrade-on-demand.ts); tests that build the handler directly import it from there.
export { upgradeOnDemand } from './upgrade-on-demand.js';
export type { WebSocketPipelineOptions } from './websocket/index.js';
