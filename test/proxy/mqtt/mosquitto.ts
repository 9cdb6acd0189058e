/**
 * A real mosquitto broker on loopback for the MQTT tests: generated config in a temp dir, no
 * persistence, a free port (and optionally a TLS listener with a self-signed certificate for
 * `broker.test`). Installs mosquitto with apt when missing (scripts/apt-env.sh).
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export interface Broker {
  readonly port: number;
  readonly tlsPort: number | undefined;
  /** PEM of the broker's self-signed certificate (trust it upstream to reach the TLS listener). */
  readonly certificate: string | undefined;
  readonly dir: string;
  log(): Promise<string>;
  stop(): Promise<void>;
}

export const BROKER_NAME = 'broker.test';

function hasCommand(name: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Installs mosquitto and its clients once if the machine lacks them (scripts/apt-env.sh, as the home suite does). */
export function ensureMosquitto(): void {
  if (hasCommand('mosquitto') && hasCommand('mosquitto_pub')) return;
  const script = path.resolve(import.meta.dirname, '../../../scripts/apt-env.sh');
  execFileSync(script, ['mosquitto', 'mosquitto-clients'], { stdio: ['ignore', 'ignore', 'inherit'] });
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = address !== null && typeof address === 'object' ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function waitForPort(port: number, child: ChildProcess): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    if (child.exitCode !== null) throw new Error(`mosquitto exited with ${child.exitCode}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1');
      socket.once('connect', () => resolve(true));
      socket.once('error', () => resolve(false));
    }).catch(() => false);
    if (open) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`mosquitto did not listen on ${port}`);
}

export async function startMosquitto(options: { tls?: boolean } = {}): Promise<Broker> {
  ensureMosquitto();
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'pg-mosquitto-'));
  const port = await freePort();
  // Run as us: as root, mosquitto would otherwise switch to its own user and lose our temp dir.
  const lines = [`user ${os.userInfo().username}`, 'per_listener_settings false', 'allow_anonymous true', 'persistence false', 'log_type all', `log_dest file ${path.join(dir, 'mosquitto.log')}`, `listener ${port} 127.0.0.1`];
  let tlsPort: number | undefined;
  let certificate: string | undefined;
  if (options.tls === true) {
    tlsPort = await freePort();
    const key = path.join(dir, 'broker.key');
    const cert = path.join(dir, 'broker.crt');
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '2', '-subj', `/CN=${BROKER_NAME}`, '-addext', `subjectAltName=DNS:${BROKER_NAME}`], { stdio: 'ignore' });
    certificate = await fs.readFile(cert, 'utf8');
    lines.push(`listener ${tlsPort} 127.0.0.1`, `certfile ${cert}`, `keyfile ${key}`);
  }
  const config = path.join(dir, 'mosquitto.conf');
  await fs.writeFile(config, `${lines.join('\n')}\n`);
  const child = spawn('mosquitto', ['-c', config], { stdio: 'ignore' });
  await waitForPort(port, child);
  if (tlsPort !== undefined) await waitForPort(tlsPort, child);
  return {
    port,
    tlsPort,
    certificate,
    dir,
    log: () => fs.readFile(path.join(dir, 'mosquitto.log'), 'utf8'),
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      await fs.rm(dir, { recursive: true, force: true });
    },
  };
}
