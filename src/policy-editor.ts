import { readFile } from 'node:fs/promises';
import { GatewayError, asGatewayError } from './errors.js';
import { silentLogger, type Logger } from './logger.js';
import { compilePolicy, type Policy } from './policy/index.js';
import { applyPolicyEdit, parsePolicyEdit, type PolicyEdit } from './policy-edits/index.js';
import { parsePolicyText, renderPolicy, writePolicyText, type PolicyStore } from './policy-store.js';

export interface PolicyEditorOptions {
  readonly store: PolicyStore;
  readonly file: string;
  /** Home Assistant's address when its policy is in force: then edits belong there, not in the file. */
  readonly managedBy?: () => string | undefined;
  readonly logger?: Logger;
}

export interface EditOutcome {
  readonly operation: PolicyEdit['operation'];
  readonly result: { readonly rule_id?: string };
  readonly policy: { readonly mode: string; readonly loadedAt: number };
}

/**
 * Applies the owner's edits from the local page to policy.json, one at a time: read the file, apply the
 * edit, validate the whole policy, write it atomically, and load it before answering. Any failure leaves
 * the last good policy in force and on disk, and says why with a stable code.
 */
export class PolicyEditor {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: PolicyEditorOptions) {}

  /** Why the page may not edit here (Home Assistant owns the policy), or undefined when it may. */
  refusal(): GatewayError | undefined {
    const hub = this.options.managedBy?.();
    if (hub === undefined) return undefined;
    return new GatewayError(
      'POLICY_MANAGED_BY_HUB',
      `Home Assistant (${hub}) owns this gateway's policy: make the change in its Privacy Gateway card or ` +
        'services. An edit here would be overwritten by the next policy Home Assistant sends.',
    );
  }

  /** Serialised: two edits at once both land, the second on top of the first. */
  apply(input: unknown): Promise<EditOutcome> {
    const next = this.queue.then(() => this.applyNow(input));
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async applyNow(input: unknown): Promise<EditOutcome> {
    const refused = this.refusal();
    if (refused) throw refused;
    const edit = parsePolicyEdit(input);
    const { file, store } = this.options;
    const before = await readFile(file, 'utf8').catch((error: unknown) => {
      throw asGatewayError(error, 'POLICY_WRITE_FAILED', `Cannot read ${file}`);
    });
    const current = parseOnDisk(before, file);
    const { policy, result } = applyPolicyEdit(current, edit);
    compiles(policy);
    await writePolicyText(file, renderPolicy(policy));
    await store.reload();
    const status = store.status();
    if (status.lastError !== undefined) {
      // Validated above, so only a read failing between write and load gets here: put the old file back.
      await writePolicyText(file, before);
      await store.reload();
      throw new GatewayError('POLICY_WRITE_FAILED', `The edited policy did not load (${status.lastError.message}); the previous file is back`);
    }
    this.logger.info(`Policy edit from the local page: ${edit.operation} (${describeSubject(edit)})`);
    return { operation: edit.operation, result, policy: { mode: status.mode, loadedAt: status.loadedAt } };
  }

  private get logger(): Logger {
    return this.options.logger ?? silentLogger;
  }
}

/** An owner's broken hand edit is theirs to fix: an edit from the page must not overwrite it silently. */
function parseOnDisk(text: string, file: string): ReturnType<typeof parsePolicyText> {
  try {
    return parsePolicyText(text, file);
  } catch (error) {
    const failure = asGatewayError(error, 'POLICY_INVALID', file);
    throw new GatewayError(
      'POLICY_INVALID',
      `${failure.message}. The policy file on disk has problems, so the page changes nothing; fix the file (the last good policy is still in force)`,
      failure.details,
    );
  }
}

/** The store compiles what it loads: an edit whose result would not compile is refused before writing. */
function compiles(policy: Policy): void {
  try {
    compilePolicy(policy);
  } catch (error) {
    throw asGatewayError(error, 'POLICY_INVALID', 'The edited policy does not compile, so nothing changed');
  }
}

function describeSubject(edit: PolicyEdit): string {
  const data = edit.data;
  const device = data.device_id ?? 'household';
  if ('host' in data) return `${device}, ${data.host}`;
  if ('field_path' in data || 'category' in data) return `${device}, ${data.field_path ?? data.category ?? ''} → ${data.action}`;
  return device;
}
