/**
 * The sidecar as an owner runs it: `node dist/cli.js start` with the Home Assistant URL and token in
 * PG_HA_URL / PG_HA_TOKEN, its own data directory and free ports.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import dgram from 'node:dgram';
import BetterSqlite3 from 'better-sqlite3';
import * as packet from 'dns-packet';
import { REPO } from './ha-harness.js';

const CLI = join(REPO, 'dist/cli.js');

/** Builds dist/ when it is missing or older than a source file (`npm test` builds it already). */
export function ensureBuilt(): void {
  const built = existsSync(CLI) ? statSync(CLI).mtimeMs : 0;
  if (built > 0 && newestSource(join(REPO, 'src')) < built) return;
  // tsc still emits when another folder has type errors; only a missing CLI is fatal.
  spawnSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: REPO, stdio: 'ignore', timeout: 180_000 });
  if (!existsSync(CLI)) throw new Error('dist/cli.js is missing and `tsc -p tsconfig.build.json` did not build it');
}

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

export class SidecarProcess {
  stdout = '';
  stderr = '';
  proxyPort = 0;
  private exited: Promise<number | null> = Promise.resolve(null);
  private child: ChildProcess | undefined;

  constructor(
    readonly dataDir: string,
    private readonly ha: { url: string; token: string },
    /** More `start` flags (e.g. `--dns-port`). */
    private readonly extraArgs: readonly string[] = [],
  ) {}

  async start(): Promise<void> {
    this.stdout = '';
    this.stderr = '';
    const child = spawn(process.execPath, [CLI, 'start', '--data', this.dataDir, '--port', '0', '--page-port', '0', ...this.extraArgs], {
      cwd: REPO,
      env: { ...process.env, PG_HA_URL: this.ha.url, PG_HA_TOKEN: this.ha.token },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    child.stdout?.on('data', (chunk: Buffer) => (this.stdout += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
    this.exited = new Promise((done) => child.once('exit', (code) => done(code)));
    await this.waitFor(() => /Proxy: http:\/\/127\.0\.0\.1:(\d+)/.exec(this.stdout)?.[1], 'the proxy address', 20_000).then(
      (port) => (this.proxyPort = Number(port)),
    );
  }

  get alive(): boolean {
    return this.child !== undefined && this.child.exitCode === null;
  }

  async stop(): Promise<number | null> {
    this.child?.kill('SIGTERM');
    return this.exited;
  }

  /** Waits until the sidecar's stderr matches. */
  async waitForLog(pattern: RegExp, timeoutMs = 15_000): Promise<string> {
    return this.waitFor(() => pattern.exec(this.stderr)?.[0], `a log line matching ${pattern}`, timeoutMs);
  }

  /** Report items waiting in the durable outbox (read from the SQLite file, as another process would). */
  outboxSize(): number {
    const file = join(this.dataDir, 'ledger.sqlite');
    if (!existsSync(file)) return 0;
    const db = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
    try {
      const table = db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'hub_outbox'").get();
      return table === undefined ? 0 : (db.prepare('SELECT COUNT(*) AS n FROM hub_outbox').get() as { n: number }).n;
    } finally {
      db.close();
    }
  }

  private async waitFor<T>(probe: () => T | undefined, what: string, timeoutMs: number): Promise<T> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const value = probe();
      if (value !== undefined) return value;
      if (Date.now() > until) throw new Error(`sidecar: timed out waiting for ${what}; stderr:\n${this.stderr}`);
      await new Promise((done) => setTimeout(done, 50));
    }
  }
}

/** One A question to the sidecar's resolver over UDP, asked from 127.0.0.1 (the mediated test device). */
export function askDns(port: number, name: string): Promise<{ rcode: number }> {
  return new Promise((resolve, reject) => {
    const socket = dgram.createSocket('udp4');
    const timer = setTimeout(() => {
      socket.close();
      reject(new Error(`no DNS answer for ${name} within 10 s`));
    }, 10_000);
    socket.on('message', (message) => {
      clearTimeout(timer);
      socket.close();
      resolve({ rcode: (packet.decode(message).flags ?? 0) & 0xf });
    });
    socket.send(packet.encode({ type: 'query', id: 7, flags: packet.RECURSION_DESIRED, questions: [{ type: 'A', name }] }), port, '127.0.0.1');
  });
}
