import { isIP } from 'node:net';
import { z } from 'zod';
import { GatewayError } from './errors.js';

/**
 * The gateway's own settings (not the privacy policy, which lives in policy.json in the data dir).
 * Everything binds to loopback by default: exposing the proxy to the LAN is a choice the owner makes
 * with `--host 0.0.0.0`, because anyone who reaches it can send traffic through it.
 */
export const DEFAULT_PROXY_PORT = 8080;
export const DEFAULT_PAGE_PORT = 8099;
export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_DATA_DIR = './data';

/** Port 0 asks the OS for a free port (tests); the actual port is reported after start. */
const Port = z.number().int().min(0).max(65_535);

const Listener = (defaultPort: number) =>
  z.object({
    host: z.string().min(1).default(DEFAULT_HOST),
    port: Port.default(defaultPort),
  });

/** `host:port` or `[v6]:port` of the broker the MQTT listeners bridge to. */
const BrokerAddress = z
  .string()
  .regex(/^(?:\[[0-9a-fA-F:.]+\]|[^\s:[\]/@]+):\d{1,5}$/, { error: 'must be host:port, like broker.example.com:1883' })
  .transform((value) => {
    const cut = value.lastIndexOf(':');
    return { host: value.slice(0, cut).replace(/^\[|\]$/g, '').toLowerCase(), port: Number(value.slice(cut + 1)) };
  })
  .refine((broker) => broker.port >= 1 && broker.port <= 65_535, { error: 'port must be 1-65535' });

/**
 * MQTT listeners (off unless a port is set). Plain MQTT carries no destination name: the plain listener
 * finds the broker from the names the gateway's DNS steered to the client, else `upstream` (explicit
 * bridge mode), so it needs one of the two (checked with the DNS settings below). The TLS listener takes
 * the broker from the SNI.
 */
const Mqtt = z.object({
  port: Port.optional(),
  tlsPort: Port.optional(),
  upstream: BrokerAddress.optional(),
});

const Limits = z.object({
  maxBodyBytes: z.number().int().positive().default(10 * 1024 * 1024),
  maxDecodedBytes: z.number().int().positive().default(32 * 1024 * 1024),
  maxJsonDepth: z.number().int().min(1).max(1_000).default(64),
  upstreamTimeoutMs: z.number().int().positive().default(30_000),
  /** A tunnel (uninspected CONNECT or TLS) with no byte either way for this long is closed. */
  tunnelIdleMs: z.number().int().min(100).max(24 * 3_600_000).default(5 * 60_000),
  /** A client connection the gateway serves HTTP on, idle this long (between or inside requests), is closed. */
  clientIdleMs: z.number().int().min(100).max(24 * 3_600_000).default(2 * 60_000),
});

export const GatewayConfigSchema = z
  .object({
    dataDir: z.string().min(1).default(DEFAULT_DATA_DIR),
    proxy: Listener(DEFAULT_PROXY_PORT).prefault({}),
    page: Listener(DEFAULT_PAGE_PORT)
      .extend({
        /** Host names (besides IP literals and localhost) the page answers to; guards against DNS rebinding. */
        allowedHosts: z.array(z.string().min(1)).default([]),
        /**
         * Who may read the page's API. `auto`: a token (see src/page/auth.ts) whenever the page listens beyond
         * loopback, none on loopback; `token`: always a token. There is no "off" beyond loopback.
         */
        auth: z.enum(['auto', 'token']).default('auto'),
        /** Peers already authenticated in front of the page (Home Assistant ingress: 172.30.32.2). */
        trustedAddresses: z.array(z.ipv4().or(z.ipv6())).default([]),
      })
      .prefault({}),
    /** Listeners for traffic redirected by the router (no proxy settings on the device). Off unless set. */
    transparent: z
      .object({
        httpPort: Port.optional(),
        tlsPort: Port.optional(),
      })
      .prefault({}),
    /**
     * The resolver the home points at (issue 9). Off unless a port is set; it listens on the proxy's host.
     * upstream: `IP[:port]`, default the first nameserver of /etc/resolv.conf. answerAddresses: the
     * gateway's addresses devices reach, given for steered names (none: steering off, names only logged).
     */
    dns: z
      .object({
        port: Port.optional(),
        upstream: z.string().min(1).optional(),
        answerAddresses: z.array(z.string().refine((value) => isIP(value) !== 0, { error: 'must be an IPv4 or IPv6 address' })).default([]),
        sinkhole: z.enum(['nxdomain', 'null']).default('nxdomain'),
        cacheEntries: z.number().int().min(0).max(1_000_000).default(10_000),
      })
      .prefault({}),
    mqtt: Mqtt.prefault({}),
    /** An extra PEM root trusted when verifying vendors' certificates (a local test upstream, a private CA). */
    upstreamCaFile: z.string().min(1).optional(),
    retentionDays: z.number().int().min(1).max(3_650).default(30),
    policyReloadDebounceMs: z.number().int().min(0).max(10_000).default(250),
    limits: Limits.prefault({}),
    /** Ledger rows per device per day (see src/ledger/bounds.ts); past them only a count is kept. */
    ledgerBounds: z
      .object({
        maxDestinationsPerDeviceDay: z.number().int().min(1).max(1_000_000).default(500),
        maxFieldsPerDeviceDay: z.number().int().min(1).max(10_000_000).default(2_000),
      })
      .prefault({}),
    /** Home Assistant (issue 3): when set, its policy is enforced and reports go to it. */
    hub: z
      .object({
        url: z.string().regex(/^(https?|wss?):\/\/[^\s/]+/, { error: 'must be a URL like http://homeassistant.local:8123' }),
        token: z.string().trim().min(1, { error: 'must not be empty' }),
      })
      .optional(),
  })
  .superRefine((config, ctx) => {
    const steering = config.dns.port !== undefined && config.dns.answerAddresses.length > 0;
    if (config.mqtt.port !== undefined && config.mqtt.upstream === undefined && !steering) {
      ctx.addIssue({
        code: 'custom',
        path: ['mqtt', 'upstream'],
        message: 'plain MQTT names no broker: give --mqtt-upstream host:port with --mqtt-port, or turn DNS steering on (--dns-port and --dns-answer-address)',
      });
    }
  });

export type GatewayConfig = z.infer<typeof GatewayConfigSchema>;
export type GatewayConfigInput = z.input<typeof GatewayConfigSchema>;

/** Validates settings once at the edge; problems come back as `path: problem` lines. */
export function parseConfig(input: unknown): GatewayConfig {
  const result = GatewayConfigSchema.safeParse(input);
  if (result.success) return result.data;
  const details = result.error.issues.map((issue) => `${formatPath(issue.path)}: ${issue.message}`);
  throw new GatewayError('CONFIG_INVALID', `Invalid gateway settings: ${details.join('; ')}`, details);
}

/** Settings from PG_* environment variables; flags given on the command line override these. */
export function configFromEnv(env: NodeJS.ProcessEnv): GatewayConfigInput {
  const input: GatewayConfigInput = {};
  if (env.PG_DATA_DIR) input.dataDir = env.PG_DATA_DIR;
  const host = env.PG_HOST;
  const proxyPort = envInteger(env, 'PG_PORT');
  const pagePort = envInteger(env, 'PG_PAGE_PORT');
  if (host !== undefined || proxyPort !== undefined) input.proxy = { host, port: proxyPort };
  if (host !== undefined || pagePort !== undefined) input.page = { host, port: pagePort };
  const pageAuth = env.PG_PAGE_AUTH;
  if (pageAuth) input.page = { ...input.page, auth: parsePageAuth(pageAuth, 'PG_PAGE_AUTH') };
  const trusted = env.PG_PAGE_TRUSTED_ADDRESSES;
  if (trusted) input.page = { ...input.page, trustedAddresses: trusted.split(',').map((a) => a.trim()).filter(Boolean) };
  if (env.PG_UPSTREAM_CA) input.upstreamCaFile = env.PG_UPSTREAM_CA;
  const maxDestinations = envInteger(env, 'PG_MAX_DESTINATIONS_PER_DEVICE_DAY');
  const maxFields = envInteger(env, 'PG_MAX_FIELDS_PER_DEVICE_DAY');
  if (maxDestinations !== undefined || maxFields !== undefined) {
    input.ledgerBounds = { maxDestinationsPerDeviceDay: maxDestinations, maxFieldsPerDeviceDay: maxFields };
  }
  const dnsPort = envInteger(env, 'PG_DNS_PORT');
  if (dnsPort !== undefined) input.dns = { port: dnsPort };
  const mqttPort = envInteger(env, 'PG_MQTT_PORT');
  const mqttsPort = envInteger(env, 'PG_MQTTS_PORT');
  if (mqttPort !== undefined || mqttsPort !== undefined || env.PG_MQTT_UPSTREAM) {
    input.mqtt = { port: mqttPort, tlsPort: mqttsPort, upstream: env.PG_MQTT_UPSTREAM || undefined };
  }
  const retention = env.PG_RETENTION_DAYS;
  if (retention) input.retentionDays = parseInteger(retention, 'PG_RETENTION_DAYS');
  if (env.PG_HA_URL || env.PG_HA_TOKEN) input.hub = { url: env.PG_HA_URL ?? '', token: env.PG_HA_TOKEN ?? '' };
  return input;
}

export function parsePageAuth(raw: string, source: string): 'auto' | 'token' {
  if (raw === 'auto' || raw === 'token') return raw;
  throw new GatewayError('CONFIG_INVALID', `${source} must be auto or token, got "${raw}"`, [`${source}: expected auto or token`]);
}

function envInteger(env: NodeJS.ProcessEnv, name: string): number | undefined {
  const raw = env[name];
  return raw ? parseInteger(raw, name) : undefined;
}

/** Parses a decimal integer from a flag or variable; anything else is a CONFIG_INVALID naming the source. */
export function parseInteger(raw: string, source: string): number {
  if (!/^\d+$/.test(raw)) {
    throw new GatewayError('CONFIG_INVALID', `${source} must be a whole number, got "${raw}"`, [
      `${source}: expected a whole number`,
    ]);
  }
  return Number(raw);
}

function formatPath(path: readonly PropertyKey[]): string {
  return path.length === 0 ? '(settings)' : path.map(String).join('.');
}
