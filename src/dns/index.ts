export { DnsServer, type DnsListenAddress, type DnsServerLog } from './server.js';
export { DnsResolver, upstreamAsker, type DnsQueryEvent, type DnsQueryRecorder, type ResolverDeps } from './resolver.js';
export { DnsCache, DEFAULT_CACHE_ENTRIES, MAX_CACHE_TTL_SECONDS } from './cache.js';
export { decideName, type DnsDecision, type DnsVerdict, type SteeringSettings } from './steering.js';
export { parseUpstream, queryUpstream, systemUpstream, type UpstreamAddress } from './upstream.js';
export { isEncryptedDnsEndpoint, ENCRYPTED_DNS_ADDRESSES, ENCRYPTED_DNS_NAMES } from './encrypted-dns.js';
export { RCODE, HTTPS_TYPE, type SinkholeStyle } from './answer.js';
export { startDnsService, type DnsServiceSettings, type RunningDns } from './service.js';
export { isLocalClient } from './local-clients.js';
