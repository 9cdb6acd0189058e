/**
 * A real Home Assistant core for the end-to-end suite, run by scripts/ha-env.sh (a cached Python 3.14
 * environment: a Debian chroot when the host has no Python 3.14). The config directory is made where
 * that environment sees it: under the chroot's /tmp (the host sees it below the chroot root), or the
 * host's temp dir when no chroot is needed.
 *
 * The configuration is minimal: `frontend` cannot be left out (Home Assistant 2026 treats it as
 * critical), so it is served from a stub development_repo instead of the 50 MB frontend package.
 * With `realFrontend: true` (the browser suite) the stub is not made and the configuration's
 * `development_repo:` line is dropped, so Home Assistant serves the home-assistant-frontend package
 * that requirements_test.txt installs.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, createWriteStream, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const REPO = resolve(import.meta.dirname, '../../..');
const HA_ENV = join(REPO, 'scripts/ha-env.sh');
/** The end-to-end suites run on the newest Home Assistant release (requirements_e2e.txt), not the pytest plugin's pin. */
const HA_ENV_VARS = { ...process.env, PG_HA_ENV: 'e2e' };
const VENV = '/opt/ha-venv-e2e';
const FRONTEND_FILES = ['index.html', 'onboarding.html', 'authorize.html', 'service_worker.js', 'sw-modern.js', 'sw-legacy.js', 'robots.txt'];

export interface HaEnvironment {
  /** Where the environment's filesystem starts, seen from the host ('' without a chroot). */
  readonly root: string;
  /** The repository's path inside the environment. */
  readonly repo: string;
}

/** Builds (or finds cached) the environment; undefined with the reason when it cannot be had. */
export function haEnvironment(): HaEnvironment | { readonly unavailable: string } {
  const result = spawnSync(HA_ENV, [], { encoding: 'utf8', timeout: 900_000, env: HA_ENV_VARS });
  if (result.status !== 0) {
    const reason = (result.stderr || result.error?.message || 'unknown error').trim().split('\n').slice(-3).join(' | ');
    return { unavailable: `scripts/ha-env.sh could not build the Home Assistant environment: ${reason}` };
  }
  const venv = result.stdout.trim();
  if (venv.endsWith(VENV) && venv.includes('ha-chroot')) return { root: venv.slice(0, -VENV.length), repo: '/repo' };
  return { root: '', repo: REPO };
}

export interface HomeAssistantOptions {
  /** Serve the real frontend package instead of the stub (for a browser). */
  readonly realFrontend?: boolean;
}

export async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => done(port));
    });
  });
}

export class HomeAssistantProcess {
  readonly port: number;
  /** The config dir as the host sees it, and as Home Assistant sees it. */
  readonly hostDir: string;
  readonly innerDir: string;
  private child: ChildProcess | undefined;
  private exited: Promise<void> = Promise.resolve();
  starts = 0;

  constructor(
    private readonly env: HaEnvironment,
    port: number,
    configuration: string,
    private readonly options: HomeAssistantOptions = {},
  ) {
    this.port = port;
    const base = env.root === '' ? tmpdir() : join(env.root, 'tmp');
    this.hostDir = mkdtempSync(join(base, 'pg-e2e-ha-'));
    this.innerDir = env.root === '' ? this.hostDir : this.hostDir.slice(env.root.length);
    this.writeConfig(configuration);
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get logFile(): string {
    return join(this.hostDir, 'hass.log');
  }

  private writeConfig(configuration: string): void {
    if (this.options.realFrontend === true) {
      configuration = configuration.replace(/^[ \t]*development_repo:.*\n/m, '');
    } else {
      const frontend = join(this.hostDir, 'frontend-stub', 'hass_frontend');
      for (const dir of ['static', 'frontend_latest', 'frontend_es5']) mkdirSync(join(frontend, dir), { recursive: true });
      for (const file of FRONTEND_FILES) writeFileSync(join(frontend, file), '<!doctype html>\n');
    }
    const custom = join(this.hostDir, 'custom_components');
    mkdirSync(custom);
    // A link, so the suite runs the integration as it is in the working tree.
    symlinkSync(join(this.env.repo, 'custom_components/privacy_gateway'), join(custom, 'privacy_gateway'));
    cpSync(join(REPO, 'test/e2e/ha/fixtures/pg_test_device'), join(custom, 'pg_test_device'), { recursive: true });
    const yaml = configuration
      .replaceAll('{{PORT}}', String(this.port))
      .replaceAll('{{FRONTEND}}', join(this.innerDir, 'frontend-stub'));
    writeFileSync(join(this.hostDir, 'configuration.yaml'), yaml);
  }

  /** Starts Home Assistant and waits until its HTTP API answers. */
  async start(timeoutMs = 150_000): Promise<number> {
    const started = Date.now();
    const log = createWriteStream(this.logFile, { flags: 'a' });
    const child = spawn(HA_ENV, ['run', '--', 'hass', '-c', this.innerDir, '--skip-pip'], {
      cwd: REPO,
      env: HA_ENV_VARS,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.pipe(log);
    child.stderr?.pipe(log);
    this.child = child;
    this.starts++;
    this.exited = new Promise((done) => child.once('exit', () => done()));
    let gone = false;
    void this.exited.then(() => (gone = true));
    while (Date.now() - started < timeoutMs) {
      if (gone) throw new Error(`Home Assistant exited during start; see ${this.logFile}:\n${this.tail()}`);
      if (await this.answers()) return Date.now() - started;
      await new Promise((done) => setTimeout(done, 250));
    }
    throw new Error(`Home Assistant did not answer on ${this.url} within ${timeoutMs} ms; see ${this.logFile}`);
  }

  /** SIGTERM to the whole process group (ha-env.sh, unshare, hass): a clean shutdown that saves its stores. */
  async stop(timeoutMs = 60_000): Promise<void> {
    const child = this.child;
    if (!child?.pid) return;
    this.child = undefined;
    signalGroup(child.pid, 'SIGTERM');
    await this.exited;
    // The wrapper script dies at once; hass holds its flock until its final write is done.
    const until = Date.now() + timeoutMs;
    while (this.running() && Date.now() < until) await new Promise((done) => setTimeout(done, 200));
    if (this.running()) signalGroup(child.pid, 'SIGKILL');
  }

  /** Whether a hass process still holds the config dir's run lock. */
  private running(): boolean {
    const lock = join(this.hostDir, '.ha_run.lock');
    return spawnSync('flock', ['-n', lock, 'true']).status === 1;
  }

  remove(): void {
    rmSync(this.hostDir, { recursive: true, force: true });
  }

  tail(lines = 30): string {
    try {
      return readFileSync(this.logFile, 'utf8').split('\n').slice(-lines).join('\n');
    } catch {
      return '';
    }
  }

  private async answers(): Promise<boolean> {
    try {
      const response = await fetch(`${this.url}/api/onboarding`, { signal: AbortSignal.timeout(2000) });
      return response.status < 500;
    } catch {
      return false;
    }
  }
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
}
