import { readFile } from 'node:fs/promises';
import { GatewayError, asGatewayError } from '../errors.js';
import { parsePolicyText, writePolicyFile } from '../policy-store.js';
import { applyMud, mudDeclarations, type MudDeclarations } from './allowlist.js';
import { parseMudText } from './schema.js';

const MAX_MUD_BYTES = 1 << 20;

/** Reads a MUD file from a path or an https URL (RFC 8520 requires https for MUD URLs). */
export async function readMudSource(source: string): Promise<string> {
  if (/^[a-z]+:\/\//i.test(source)) {
    if (!source.startsWith('https://')) throw new GatewayError('MUD_INVALID', `${source}: a MUD URL must use https`);
    const response = await fetch(source, { signal: AbortSignal.timeout(15_000), redirect: 'error' }).catch((error: unknown) => {
      throw asGatewayError(error, 'UPSTREAM_UNREACHABLE', `Cannot fetch ${source}`);
    });
    if (!response.ok) throw new GatewayError('UPSTREAM_UNREACHABLE', `${source} answered ${response.status}`);
    const text = await response.text();
    if (text.length > MAX_MUD_BYTES) throw new GatewayError('MUD_INVALID', `${source} is larger than 1 MiB`);
    return text;
  }
  const text = await readFile(source, 'utf8').catch((error: unknown) => {
    throw asGatewayError(error, 'MUD_INVALID', `Cannot read ${source}`);
  });
  if (text.length > MAX_MUD_BYTES) throw new GatewayError('MUD_INVALID', `${source} is larger than 1 MiB`);
  return text;
}

export interface MudImport {
  readonly declarations: MudDeclarations;
  readonly lockdown: boolean;
}

/**
 * Validates MUD text and writes the device's allowlist into the policy file. Any error (bad MUD, unknown
 * device, unreadable or invalid policy) throws before anything is written: the policy file is unchanged.
 */
export async function importMud(
  options: { policyFile: string; deviceId: string; text: string; source: string; lockdown: boolean },
): Promise<MudImport> {
  const declarations = mudDeclarations(parseMudText(options.text, options.source));
  const policyText = await readFile(options.policyFile, 'utf8').catch((error: unknown) => {
    throw asGatewayError(error, 'POLICY_INVALID', `Cannot read ${options.policyFile}`);
  });
  const policy = parsePolicyText(policyText, options.policyFile);
  const updated = applyMud(policy, options.deviceId, declarations, options.lockdown);
  await writePolicyFile(options.policyFile, updated);
  return { declarations, lockdown: options.lockdown };
}
