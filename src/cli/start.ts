import { readFileSync } from 'node:fs';
import { networkInterfaces } from 'node:os';
import { asGatewayError } from '../errors.js';
import { configFromEnv, parseConfig, parseInteger, parsePageAuth, type GatewayConfigInput } from '../config.js';
import { Gateway, formatAddress, isLoopbackHost, type GatewayAddresses, type ListenAddress } from '../main.js';
import { consoleLogger } from '../logger.js';
import { VERSION } from '../version.js';
import type { CliIo } from './usage.js';

export type StartFlags = Readonly<Record<string, string | boolean | undefined>>;

/** Flags over PG_* variables over defaults; the result is validated once by parseConfig. */
export function startConfig(flags: StartFlags, env: NodeJS.ProcessEnv): ReturnType<typeof parseConfig> {
  const input: GatewayConfigInput = configFromEnv(env);
  const text = (name: string): string | undefined => {
    const value = flags[name];
    return typeof value === 'string' ? value : undefined;
  };
  const port = (name: string): number | undefined => {
    const value = text(name);
    return value === undefined ? undefined : parseInteger(value, `--${name}`);
  };
  const host = text('host');
  const data = text('data');
  if (data !== undefined) input.dataDir = data;
  // --host moves both listeners: devices need the page (for the CA) wherever they reach the proxy.
  const proxy = { ...input.proxy };
  const page = { ...input.page };
  if (host !== undefined) proxy.host = page.host = host;
  proxy.port = port('port') ?? proxy.port;
  page.port = port('page-port') ?? page.port;
  const pageAuth = text('page-auth');
  if (pageAuth !== undefined) page.auth = parsePageAuth(pageAuth, '--page-auth');
  input.proxy = proxy;
  input.page = page;
  input.transparent = { httpPort: port('transparent-http-port'), tlsPort: port('transparent-tls-port') };
  input.dns = dnsSettings(text, port, input.dns);
  input.mqtt = {
    port: port('mqtt-port') ?? input.mqtt?.port,
    tlsPort: port('mqtts-port') ?? input.mqtt?.tlsPort,
    upstream: text('mqtt-upstream') ?? input.mqtt?.upstream,
  };
  const upstreamCa = text('upstream-ca');
  if (upstreamCa !== undefined) input.upstreamCaFile = upstreamCa;
  input.retentionDays = port('retention-days') ?? input.retentionDays;
  const haUrl = text('ha-url');
  const tokenFile = text('ha-token-file');
  if (haUrl !== undefined || tokenFile !== undefined) {
    input.hub = {
      url: haUrl ?? input.hub?.url ?? '',
      token: tokenFile === undefined ? (input.hub?.token ?? '') : readTokenFile(tokenFile),
    };
  }
  return parseConfig(input);
}

/** --dns-* flags over PG_DNS_PORT; the addresses are a comma-separated list (one IPv4, one IPv6). */
function dnsSettings(
  text: (name: string) => string | undefined,
  port: (name: string) => number | undefined,
  fromEnv: GatewayConfigInput['dns'],
): GatewayConfigInput['dns'] {
  const dns = { ...fromEnv };
  dns.port = port('dns-port') ?? dns.port;
  dns.upstream = text('dns-upstream') ?? dns.upstream;
  const answer = text('dns-answer-address');
  if (answer !== undefined) dns.answerAddresses = answer.split(',').map((address) => address.trim()).filter(Boolean);
  const sinkhole = text('dns-sinkhole');
  // parseConfig rejects anything but the two styles with a message naming dns.sinkhole.
  if (sinkhole !== undefined) dns.sinkhole = sinkhole as 'nxdomain' | 'null';
  return dns;
}

/** The token is read from a file so that it shows in no process list or shell history. */
function readTokenFile(file: string): string {
  try {
    return readFileSync(file, 'utf8').trim();
  } catch (error) {
    throw asGatewayError(error, 'CONFIG_INVALID', `Cannot read the Home Assistant token file ${file}`);
  }
}

/**
 * Runs the gateway until SIGINT or SIGTERM, then stops it cleanly (the ledger flushes) and exits 0.
 * A second signal while stopping exits at once.
 */
export async function startCommand(flags: StartFlags, io: CliIo): Promise<number> {
  const config = startConfig(flags, process.env);
  const gateway = new Gateway(config, { logger: consoleLogger });
  const addresses = await gateway.start();
  return new Promise<number>((resolve) => {
    let stopping = false;
    const onSignal = (signal: NodeJS.Signals): void => {
      if (stopping) {
        process.exit(signal === 'SIGINT' ? 130 : 143);
      }
      stopping = true;
      io.err(`Received ${signal}; stopping…`);
      gateway.stop().then(
        () => resolve(0),
        () => resolve(1),
      );
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    // Only now: whoever starts the gateway may stop it as soon as it reads the banner.
    io.out(startBanner(addresses));
  });
}

/** What `start` prints on stdout: one `Label: value` line each, stable for scripts and tests. */
export function startBanner(addresses: GatewayAddresses): string {
  const lines = [
    `Privacy Gateway ${VERSION} is running.`,
    `Proxy: http://${formatAddress(reachable(addresses.proxy))}`,
  ];
  if (addresses.transparentHttp) lines.push(`Transparent HTTP: ${formatAddress(reachable(addresses.transparentHttp))}`);
  if (addresses.transparentTls) lines.push(`Transparent HTTPS: ${formatAddress(reachable(addresses.transparentTls))}`);
  if (addresses.dns) lines.push(`DNS: ${formatAddress(reachable(addresses.dns))} (upstream ${addresses.dns.upstream}; ${addresses.dns.steering})`);
  if (addresses.mqtt) lines.push(`MQTT: ${formatAddress(reachable(addresses.mqtt))}`);
  if (addresses.mqtts) lines.push(`MQTT over TLS: ${formatAddress(reachable(addresses.mqtts))}`);
  lines.push(
    `CA certificate: ${addresses.caCertFile}`,
    `CA fingerprint (SHA-256): ${addresses.caFingerprintSha256}`,
    `Local page: http://${formatAddress(reachable(addresses.page))}/`,
  );
  if (addresses.pageLogin) {
    // The link, not the token: the token would stay readable in every log that keeps this banner.
    lines.push(
      `Page login (one use): http://${formatAddress(reachable(addresses.page))}${addresses.pageLogin.path}`,
      `Page token file: ${addresses.pageLogin.tokenFile}`,
    );
    if (addresses.pageLogin.readsOpen) lines.push('Page reading: no login needed on this machine; the login is for changing the policy');
  } else {
    lines.push('Page login: none needed, the page listens on this machine only');
  }
  lines.push(`Policy: ${addresses.policyFile}`, `Data directory: ${addresses.dataDir}`);
  if (isLoopbackHost(addresses.proxy.host)) {
    lines.push('Listening on this machine only; use --host 0.0.0.0 so devices on your network can reach it.');
  }
  lines.push('Press Ctrl+C to stop.');
  return lines.join('\n');
}

/** A wildcard listener is shown with this machine's first LAN address, which is what a device needs. */
function reachable(address: ListenAddress): ListenAddress {
  if (address.host !== '0.0.0.0' && address.host !== '::') return address;
  const lan = Object.values(networkInterfaces())
    .flat()
    .find((info) => info !== undefined && info.family === 'IPv4' && !info.internal);
  return lan ? { host: lan.address, port: address.port } : address;
}
