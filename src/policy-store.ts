import { createHash } from 'node:crypto';
import { open, readFile, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { asGatewayError, GatewayError, messageOf } from './errors.js';
import { createFileOnce, isErrno } from './data-dir.js';
import { silentLogger, type Logger } from './logger.js';
import { FileWatch } from './policy-watch.js';
import { compilePolicy, defaultPolicy, parsePolicy, type CompiledPolicy, type Policy } from './policy/index.js';
import type { Mode } from './policy/flow.js';

/** Why the file on disk is not the policy in force. Cleared by the next good load. */
export interface PolicyLoadError {
  readonly at: number;
  readonly code: GatewayError['code'];
  readonly message: string;
  readonly details: readonly string[];
}

export interface PolicyStatus {
  readonly file: string;
  readonly mode: Mode;
  /** Epoch ms when the policy in force was loaded. */
  readonly loadedAt: number;
  readonly lastError: PolicyLoadError | undefined;
}

export interface PolicyStoreOptions {
  readonly file: string;
  readonly debounceMs?: number;
  readonly logger?: Logger;
}

interface Loaded {
  readonly policy: Policy;
  readonly compiled: CompiledPolicy;
  readonly loadedAt: number;
}

/**
 * Owns policy.json: writes the built-in default on first start so the owner has something to edit,
 * reloads on every change, and never falls open: an invalid edit keeps the last good policy in force
 * and is reported (log + status) with the file and each problem.
 */
export class PolicyStore {
  private readonly options: PolicyStoreOptions;
  private loaded: Loaded | undefined;
  private lastError: PolicyLoadError | undefined;
  /** SHA-256 of the text last loaded, not the text: 200 device profiles are ~0.2 MB kept for a comparison. */
  private lastDigest: string | undefined;
  private watcher: FileWatch | undefined;
  private timer: NodeJS.Timeout | undefined;
  private reloading: Promise<void> = Promise.resolve();
  private readonly listeners = new Set<(status: PolicyStatus) => void>();

  constructor(options: PolicyStoreOptions) {
    this.options = options;
  }

  /** Loads the policy; refuses to start (POLICY_INVALID) rather than run without a good one. */
  async start(): Promise<void> {
    const created = await createFileOnce(this.options.file, renderDefaultPolicy(), 0o600).catch((error: unknown) => {
      throw asGatewayError(error, 'CONFIG_INVALID', `Cannot write the default policy to ${this.options.file}`);
    });
    if (created) this.logger.info(`Wrote the default policy to ${this.options.file}; edit it to change what is allowed`);
    const text = await this.read();
    this.loaded = this.compile(text);
    this.lastDigest = digestOf(text);
    // The file, not its folder: the folder also holds the ledger's files, written on every request.
    this.watcher = new FileWatch(
      this.options.file,
      () => this.schedule(),
      (error) => this.logger.warn(`Stopped watching ${this.options.file}: ${error.message}`),
    );
    this.watcher.start();
  }

  stop(): void {
    this.watcher?.stop();
    this.watcher = undefined;
    clearTimeout(this.timer);
    this.listeners.clear();
  }

  current(): CompiledPolicy {
    return this.require().compiled;
  }

  policy(): Policy {
    return this.require().policy;
  }

  status(): PolicyStatus {
    const loaded = this.require();
    return { file: this.options.file, mode: loaded.policy.mode, loadedAt: loaded.loadedAt, lastError: this.lastError };
  }

  /** Called after every reload attempt, good or bad. Returns a function that removes the listener. */
  onReload(listener: (status: PolicyStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Re-reads the file now (also what the watcher does after its debounce). Reloads never overlap. */
  reload(): Promise<void> {
    this.reloading = this.reloading.then(() => this.reloadOnce());
    return this.reloading;
  }

  private async reloadOnce(): Promise<void> {
    if (!this.loaded) return;
    try {
      const text = await this.read();
      // Editors fire several events per save; an unchanged file is not a new policy.
      const digest = digestOf(text);
      if (digest === this.lastDigest) return;
      this.lastDigest = digest;
      this.loaded = this.compile(text);
      this.lastError = undefined;
      this.logger.info(`Loaded the edited policy from ${this.options.file} (mode ${this.loaded.policy.mode})`);
    } catch (error) {
      const failure = asGatewayError(error, 'POLICY_INVALID', `Cannot load ${this.options.file}`);
      this.lastError = { at: Date.now(), code: failure.code, message: failure.message, details: failure.details };
      const problems = failure.details.map((line) => `\n  ${line}`).join('');
      this.logger.error(`${failure.message}; keeping the last good policy.${problems}`);
    }
    this.notify();
  }

  private schedule(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.reload(), this.options.debounceMs ?? 250);
  }

  private async read(): Promise<string> {
    try {
      return await readFile(this.options.file, 'utf8');
    } catch (error) {
      if (isErrno(error, 'ENOENT')) {
        throw new GatewayError('POLICY_INVALID', `${this.options.file} is missing; restore it or restart to recreate the default`);
      }
      throw asGatewayError(error, 'POLICY_INVALID', `Cannot read ${this.options.file}`);
    }
  }

  private compile(text: string): Loaded {
    const policy = parsePolicyText(text, this.options.file);
    return { policy, compiled: compilePolicy(policy), loadedAt: Date.now() };
  }

  private notify(): void {
    const status = this.status();
    for (const listener of this.listeners) {
      try {
        listener(status);
      } catch (error) {
        this.logger.warn(`A policy reload listener failed: ${messageOf(error)}`);
      }
    }
  }

  private require(): Loaded {
    if (!this.loaded) throw new GatewayError('POLICY_INVALID', 'The policy store has not been started');
    return this.loaded;
  }

  private get logger(): Logger {
    return this.options.logger ?? silentLogger;
  }
}

const digestOf = (text: string): string => createHash('sha256').update(text).digest('base64');

/** Parses policy JSON text; every problem names the file (the CLI's `validate` uses this too). */
export function parsePolicyText(text: string, file: string): Policy {
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch (error) {
    const reason = messageOf(error);
    throw new GatewayError('POLICY_INVALID', `${file} is not valid JSON: ${reason}`, [`(file): not valid JSON: ${reason}`]);
  }
  try {
    return parsePolicy(input);
  } catch (error) {
    const failure = asGatewayError(error, 'POLICY_INVALID', file);
    throw new GatewayError('POLICY_INVALID', `${file}: ${failure.message}`, failure.details, { cause: error });
  }
}

export function renderDefaultPolicy(): string {
  return renderPolicy(defaultPolicy());
}

/**
 * Writes a policy for the running gateway to pick up: validated first (a policy that would not load is
 * never written), then written beside the file and renamed over it, so the watcher never sees half a file
 * and a failure leaves the last good policy in place.
 */
export async function writePolicyFile(file: string, policy: Policy): Promise<void> {
  await writePolicyText(file, renderPolicy(parsePolicy(policy)));
}

/** The text the gateway writes for a policy: the full form, every default spelled out. */
export function renderPolicy(policy: Policy): string {
  return `${JSON.stringify(policy, null, 2)}\n`;
}

/**
 * Replaces the file atomically: a temporary file beside it (0600, flushed to disk), renamed over it.
 * On failure the temporary file is removed and the old file is untouched (POLICY_WRITE_FAILED).
 */
export async function writePolicyText(file: string, text: string): Promise<void> {
  const temporary = policyTempFile(file);
  try {
    const handle = await open(temporary, 'w', 0o600);
    try {
      await handle.writeFile(text, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, file);
  } catch (error) {
    // rm refuses a directory at this name: whatever made the write fail there is left for the owner to see.
    await rm(temporary, { force: true }).catch(() => undefined);
    throw asGatewayError(error, 'POLICY_WRITE_FAILED', `Cannot write ${file}; the policy in force and on disk is unchanged`);
  }
}

/** Where writePolicyText stages the new file: beside it (same file system, so rename is atomic). */
export function policyTempFile(file: string): string {
  return join(dirname(file), `.${basename(file)}.${process.pid}.tmp`);
}
