/**
 * Runs the built CLI (`node dist/cli.js`) as a real process. `npm test` builds first (pretest); the
 * helpers fail with a clear message when dist/ is missing.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const CLI = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));
export const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** The environment without proxy or gateway variables from the machine running the tests. */
export function cleanEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (!/^(https?_proxy|all_proxy|no_proxy|PG_.*)$/i.test(name)) env[name] = value;
  }
  return env;
}

function requireBuild(): void {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` first`);
}

export function runCli(args: readonly string[], cwd = PROJECT_ROOT): Promise<CliResult> {
  requireBuild();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd, env: cleanEnv() });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

export interface StartedGateway {
  readonly child: ChildProcessWithoutNullStreams;
  /** `Label: value` lines of the start banner. */
  readonly banner: ReadonlyMap<string, string>;
  stderr(): string;
  /** Resolves with the exit code once the process has exited. */
  readonly exited: Promise<number | null>;
}

/** Which CLI to start: the repository's build by default, or an installed package's (`cli`, run from `cwd`). */
export interface GatewayProgram {
  readonly cli: string;
  readonly cwd: string;
}

/** Starts `privacy-gateway start ARGS` and resolves once it printed its banner. */
/** Node flags and environment for the gateway process (the app's V8 heap limits, see bench/lib/app-runtime.mjs). */
export interface GatewayRuntime {
  readonly nodeFlags: readonly string[];
  readonly env: Readonly<Record<string, string>>;
}

export function startGateway(
  args: readonly string[],
  timeoutMs = 20_000,
  program?: GatewayProgram,
  runtime: GatewayRuntime = { nodeFlags: [], env: {} },
): Promise<StartedGateway> {
  if (program === undefined) requireBuild();
  const { cli, cwd } = program ?? { cli: CLI, cwd: PROJECT_ROOT };
  const child = spawn(process.execPath, [...runtime.nodeFlags, cli, 'start', ...args], { cwd, env: { ...cleanEnv(), ...runtime.env } });
  let stdout = '';
  let stderr = '';
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the gateway did not start in time.\nstdout:\n${stdout}\nstderr:\n${stderr}`));
    }, timeoutMs);
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (!stdout.includes('Press Ctrl+C to stop.')) return;
      clearTimeout(timer);
      const banner = new Map<string, string>();
      for (const line of stdout.split('\n')) {
        const match = /^([A-Za-z][A-Za-z ()0-9-]*): (.+)$/.exec(line);
        if (match?.[1] !== undefined && match[2] !== undefined) banner.set(match[1], match[2]);
      }
      resolve({ child, banner, stderr: () => stderr, exited });
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`the gateway exited with ${String(code)} before starting.\nstderr:\n${stderr}`));
    });
  });
}
