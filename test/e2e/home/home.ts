/**
 * The simulated home as one object, for this suite and for suites that add protocols to it (MQTT):
 * namespaces (network.ts), a vendor host (vendor-host.mjs) with a certificate from its own test CA for
 * `vendorNames`, and the gateway (`node dist/cli.js start`) in the middle with DNS on :53, transparent
 * HTTP/HTTPS on :80/:443 and the vendor CA as its --upstream-ca.
 *
 * The gateway's namespace resolves through the gateway itself (its resolv.conf names 10.77.1.1), as a
 * Home Assistant host does once the router hands out the gateway as the network's DNS; the gateway's
 * own lookups must still get the true answers (--dns-upstream is the vendor side's resolver).
 */
import { spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mintServerCertificate } from '../../helpers/upstream-servers.js';
import { REPO } from '../ha/ha-harness.js';
import { ensureBuilt } from '../ha/sidecar.js';
import {
  createHome,
  destroyHome,
  GATEWAY_DEVICE_SIDE_IP,
  removeStale,
  runIn,
  setResolver,
  spawnIn,
  unavailableReason,
  VENDOR_IP,
  type Namespaces,
} from './network.js';

export interface VendorRequest {
  readonly host: string;
  readonly method: string;
  readonly path: string;
  readonly body: string;
}

export interface HomeOptions {
  readonly policy: unknown;
  /** Names the vendor's DNS answers with its address and its certificate covers. */
  readonly vendorNames: readonly string[];
  /** More `start` flags (another protocol's listeners). */
  readonly gatewayArgs?: readonly string[];
}

/**
 * Why the home cannot be built here (not root, no namespaces, tools not installable), or undefined.
 * `packages`: more Debian packages a suite needs (installed with apt when missing).
 */
export function homeUnavailable(packages: readonly string[] = []): string | undefined {
  const reason = unavailableReason();
  if (reason !== undefined) return reason;
  const env = spawnSync(join(REPO, 'test/e2e/home/home-env.sh'), packages, { encoding: 'utf8', timeout: 600_000 });
  return env.status === 0 ? undefined : `tools missing: ${env.stderr.trim()}`;
}

export class SimulatedHome {
  /** Processes a suite started in the home's namespaces (a broker, a subscriber): stopped by close(). */
  private readonly extras: ChildProcess[] = [];

  readonly dir = mkdtempSync(join(tmpdir(), 'pg-home-'));
  readonly dataDir = join(this.dir, 'gateway');
  readonly vendorCa = join(this.dir, 'vendor-ca.pem');
  /** The vendor's leaf for `vendorNames` (its HTTPS server's, and its MQTT broker's: see vendor-broker.ts). */
  readonly vendorCert = join(this.dir, 'vendor-cert.pem');
  readonly vendorKey = join(this.dir, 'vendor-key.pem');
  readonly gatewayCa = join(this.dataDir, 'ca', 'ca.pem');
  readonly ledgerFile = join(this.dataDir, 'ledger.sqlite');
  gatewayBanner = '';
  private ns: Namespaces | undefined;
  private vendor: ChildProcess | undefined;
  private gateway: ChildProcess | undefined;
  private vendorLog: Output | undefined;

  constructor(private readonly options: HomeOptions) {}

  get namespaces(): Namespaces {
    if (!this.ns) throw new Error('the simulated home is not started');
    return this.ns;
  }

  async start(): Promise<void> {
    ensureBuilt();
    removeStale();
    this.ns = createHome();
    const certificate = await mintServerCertificate(this.options.vendorNames);
    writeFileSync(this.vendorCa, certificate.caPem);
    writeFileSync(this.vendorCert, certificate.certPem);
    writeFileSync(this.vendorKey, certificate.keyPem);
    const zone = Object.fromEntries(this.options.vendorNames.map((name) => [name, VENDOR_IP]));
    const vendorArgs = ['test/e2e/home/vendor-host.mjs', this.vendorCert, this.vendorKey, JSON.stringify(zone)];
    this.vendor = spawnIn(this.ns.vendor, process.execPath, vendorArgs, REPO);
    this.vendorLog = collect(this.vendor);
    await this.vendorLog.waitFor(/"event":"ready"/, 'the vendor host');

    mkdirSync(this.dataDir, { recursive: true });
    writeFileSync(join(this.dataDir, 'policy.json'), JSON.stringify(this.options.policy));
    setResolver(this.ns.gateway, GATEWAY_DEVICE_SIDE_IP);
    this.gateway = spawnIn(
      this.ns.gateway,
      process.execPath,
      [
        'dist/cli.js', 'start', '--data', this.dataDir, '--host', GATEWAY_DEVICE_SIDE_IP, '--port', '8080', '--page-port', '8099',
        '--transparent-http-port', '80', '--transparent-tls-port', '443',
        '--dns-port', '53', '--dns-upstream', VENDOR_IP, '--dns-answer-address', GATEWAY_DEVICE_SIDE_IP,
        '--upstream-ca', this.vendorCa, ...(this.options.gatewayArgs ?? []),
      ],
      REPO,
    );
    const banner = collect(this.gateway);
    await banner.waitFor(/Press Ctrl\+C to stop/, 'the gateway');
    this.gatewayBanner = banner.text();
  }

  /**
   * A long-running process in one of the home's namespaces, with its output collected; close() stops it
   * before the namespaces go (also when a test failed).
   */
  spawnIn(where: keyof Namespaces, command: string, args: readonly string[]): { child: ChildProcess; output: Output } {
    const child = spawnIn(this.namespaces[where], command, args, REPO);
    this.extras.push(child);
    return { child, output: collect(child) };
  }

  /** A command on the device, e.g. `curl` or `dig`: no proxy settings, the gateway as its only resolver. */
  onDevice(command: string, args: readonly string[]): ReturnType<typeof runIn> {
    return runIn(this.namespaces.device, command, args);
  }

  /** A command on the vendor host (e.g. the vendor's own mosquitto_pub to its broker). */
  onVendor(command: string, args: readonly string[]): ReturnType<typeof runIn> {
    return runIn(this.namespaces.vendor, command, args);
  }

  /** What the vendor logged for `host`, once `count` requests are in (or after 5 s). */
  async received(host: string, count: number): Promise<VendorRequest[]> {
    const deadline = Date.now() + 5_000;
    for (;;) {
      const requests = (this.vendorLog?.text() ?? '')
        .split('\n')
        .filter((line) => line.includes('"event":"request"'))
        .map((line) => JSON.parse(line) as VendorRequest)
        .filter((request) => request.host === host);
      if (requests.length >= count || Date.now() > deadline) return requests;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** Stops the gateway (SIGTERM: the ledger and the DNS log flush), e.g. before reading its ledger. */
  async stopGateway(): Promise<void> {
    await stopChild(this.gateway);
  }

  /** Stops everything and deletes the namespaces, veths and files, whatever state start() reached. */
  async close(): Promise<void> {
    for (const child of this.extras.splice(0).reverse()) await stopChild(child);
    await stopChild(this.gateway);
    await stopChild(this.vendor);
    if (this.ns) destroyHome(this.ns);
    this.ns = undefined;
    rmSync(this.dir, { recursive: true, force: true });
  }
}

export interface Output {
  text(): string;
  /** stderr so far (mosquitto clients write their debug lines there). */
  errors(): string;
  waitFor(pattern: RegExp, what: string): Promise<void>;
}

function collect(child: ChildProcess): Output {
  let text = '';
  let errors = '';
  child.stdout?.on('data', (chunk: Buffer) => (text += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  return {
    text: () => text,
    errors: () => errors,
    waitFor: async (pattern, what) => {
      const deadline = Date.now() + 30_000;
      while (!pattern.test(text) && !pattern.test(errors)) {
        if (Date.now() > deadline || child.exitCode !== null) throw new Error(`${what} did not start: ${errors || text}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
  };
}

async function stopChild(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
  if (child.exitCode === null) child.kill('SIGKILL');
}
