/**
 * The simulated home's network: three network namespaces joined by two veth links.
 *
 *   device 10.77.1.2 ──veth── 10.77.1.1 gateway 10.77.2.1 ──veth── 10.77.2.2 vendor
 *
 * The device's only resolver is the gateway (its /etc/resolv.conf, via /etc/netns/<name>/resolv.conf,
 * which `ip netns exec` bind-mounts) and it has no route anywhere else: its traffic reaches the vendor
 * only through the gateway's listeners. The gateway resolves with the vendor side's DNS (the "ISP
 * resolver") unless the suite points it elsewhere (home.ts points it at itself). The 10.77.x addresses exist only inside these namespaces. Every name starts with a
 * per-run prefix under PREFIX_ROOT, so a run can delete what a crashed run left behind.
 */
import { execFileSync, spawn, spawnSync, type ChildProcess, type SpawnSyncReturns } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const PREFIX_ROOT = 'pgh';
export const DEVICE_IP = '10.77.1.2';
export const GATEWAY_DEVICE_SIDE_IP = '10.77.1.1';
export const GATEWAY_VENDOR_SIDE_IP = '10.77.2.1';
export const VENDOR_IP = '10.77.2.2';

export interface Namespaces {
  readonly device: string;
  readonly gateway: string;
  readonly vendor: string;
}

function ip(...args: string[]): void {
  execFileSync('ip', args, { stdio: ['ignore', 'ignore', 'pipe'] });
}

/** Why the suite cannot run here, or undefined when it can (root, and namespaces can be created). */
export function unavailableReason(): string | undefined {
  if (process.getuid?.() !== 0) return 'needs root to create network namespaces (ip netns)';
  const probe = `${PREFIX_ROOT}${process.pid.toString(36)}xprobe`;
  const added = spawnSync('ip', ['netns', 'add', probe], { encoding: 'utf8' });
  if (added.status !== 0) return `cannot create a network namespace: ${added.stderr.trim() || added.error?.message}`;
  spawnSync('ip', ['netns', 'delete', probe]);
  return undefined;
}

/**
 * Deletes namespaces (and with them their veths) and /etc/netns files left by earlier runs whose
 * process is gone; a run still going (another suite adding cases to this harness) keeps its own.
 */
export function removeStale(): void {
  const list = spawnSync('ip', ['netns', 'list'], { encoding: 'utf8' }).stdout ?? '';
  for (const line of list.split('\n')) {
    const name = line.split(' ')[0] ?? '';
    const owner = new RegExp(`^${PREFIX_ROOT}([0-9a-z]+)x`).exec(name)?.[1];
    if (owner !== undefined && !alive(parseInt(owner, 36))) removeNamespace(name);
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function removeNamespace(name: string): void {
  spawnSync('ip', ['netns', 'delete', name]);
  rmSync(join('/etc/netns', name), { recursive: true, force: true });
}

export function createHome(): Namespaces {
  // Interface names are limited to 15 characters: pgh + pid (base 36, ≤ 5) + x + 2 random + 2.
  const tag = `${PREFIX_ROOT}${process.pid.toString(36)}x${Math.floor(Math.random() * 36 ** 2).toString(36).padStart(2, '0')}`;
  const ns: Namespaces = { device: `${tag}-dev`, gateway: `${tag}-gw`, vendor: `${tag}-ven` };
  try {
    for (const name of Object.values(ns)) {
      ip('netns', 'add', name);
      ip('-n', name, 'link', 'set', 'lo', 'up');
    }
    link(ns.device, `${tag}d`, DEVICE_IP, ns.gateway, `${tag}g1`, GATEWAY_DEVICE_SIDE_IP);
    link(ns.gateway, `${tag}g2`, GATEWAY_VENDOR_SIDE_IP, ns.vendor, `${tag}v`, VENDOR_IP);
    setResolver(ns.device, GATEWAY_DEVICE_SIDE_IP);
    setResolver(ns.gateway, VENDOR_IP);
    setResolver(ns.vendor, '127.0.0.1');
    return ns;
  } catch (error) {
    destroyHome(ns);
    throw error;
  }
}

function link(a: string, aIf: string, aIp: string, b: string, bIf: string, bIp: string): void {
  // Created in the root namespace, then each end moved into its namespace: nothing stays behind in root.
  ip('link', 'add', aIf, 'type', 'veth', 'peer', 'name', bIf);
  ip('link', 'set', aIf, 'netns', a);
  ip('link', 'set', bIf, 'netns', b);
  ip('-n', a, 'addr', 'add', `${aIp}/24`, 'dev', aIf);
  ip('-n', b, 'addr', 'add', `${bIp}/24`, 'dev', bIf);
  ip('-n', a, 'link', 'set', aIf, 'up');
  ip('-n', b, 'link', 'set', bIf, 'up');
}

/** The namespace's own /etc/resolv.conf (and an empty hosts file, so no host name leaks in). */
export function setResolver(name: string, nameserver: string): void {
  const dir = join('/etc/netns', name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'resolv.conf'), `nameserver ${nameserver}\noptions timeout:2 attempts:1\n`);
  writeFileSync(join(dir, 'hosts'), '127.0.0.1 localhost\n');
}

export function destroyHome(ns: Namespaces): void {
  for (const name of Object.values(ns)) removeNamespace(name);
}

/** Runs a command inside a namespace (with no proxy variables: traffic must arrive by DNS alone). */
export function runIn(name: string, command: string, args: readonly string[], timeoutMs = 30_000): SpawnSyncReturns<string> {
  return spawnSync('ip', ['netns', 'exec', name, command, ...args], { encoding: 'utf8', timeout: timeoutMs, env: cleanEnv() });
}

export function spawnIn(name: string, command: string, args: readonly string[], cwd: string): ChildProcess {
  return spawn('ip', ['netns', 'exec', name, command, ...args], { cwd, env: cleanEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
}

function cleanEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!/proxy$/i.test(key) && !key.startsWith('PG_')) env[key] = value;
  }
  return env;
}
