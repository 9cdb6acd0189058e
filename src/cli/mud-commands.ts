import { readFile } from 'node:fs/promises';
import { dataDirLayout } from '../data-dir.js';
import { asGatewayError } from '../errors.js';
import { compareMud, declaredHosts, importMud, readMudSource, type MudComparison } from '../mud/index.js';
import { parsePolicyText } from '../policy-store.js';
import { withLedger } from './ledger-commands.js';
import { printable } from './printable.js';
import type { CliIo } from './usage.js';

export async function mudImportCommand(
  options: { deviceId: string; source: string; dataDir: string; lockdown: boolean },
  io: CliIo,
): Promise<number> {
  const { policyFile } = dataDirLayout(options.dataDir);
  const text = await readMudSource(options.source);
  const { declarations } = await importMud({
    policyFile, deviceId: options.deviceId, text, source: options.source, lockdown: options.lockdown,
  });
  io.out(`Imported the MUD file ${printable(declarations.url)} (${printable(declarations.vendor)}) for ${printable(options.deviceId)}:`);
  for (const d of declarations.declared) {
    const ports = d.ports.length === 0 ? 'any port' : `port ${d.ports.join(', ')}`;
    io.out(`  ${d.access} ${printable(d.host)} (${ports})`);
  }
  if (declarations.declared.length === 0) io.out('  (no destination by DNS name)');
  for (const note of declarations.notTranslated) io.out(`  not applied: ${printable(note)}`);
  io.out(
    options.lockdown
      ? `${options.deviceId} is now in lockdown: destinations the file does not declare are refused.`
      : `The list is in ${policyFile}; until ${options.deviceId} is in lockdown (--lockdown), undeclared destinations are only recorded.`,
  );
  return 0;
}

export async function mudComparison(deviceId: string, dataDir: string): Promise<MudComparison> {
  const { policyFile } = dataDirLayout(dataDir);
  const text = await readFile(policyFile, 'utf8').catch((error: unknown) => {
    throw asGatewayError(error, 'POLICY_INVALID', `Cannot read ${policyFile}`);
  });
  const declared = declaredHosts(parsePolicyText(text, policyFile), deviceId);
  const observed = await withLedger(dataDir, (ledger) => ledger.report(deviceId).destinations.map((d) => d.host));
  return compareMud(declared, observed);
}

export async function mudDiffCommand(deviceId: string, dataDir: string, json: boolean, io: CliIo): Promise<number> {
  const comparison = await mudComparison(deviceId, dataDir);
  if (json) {
    io.out(JSON.stringify(comparison, null, 2));
    return 0;
  }
  const list = (hosts: readonly string[]): string[] => (hosts.length === 0 ? ['  (none)'] : hosts.map((h) => `  ${printable(h)}`));
  if (comparison.declared.length === 0) io.out(`No MUD file imported for ${printable(deviceId)}: every destination is undeclared.`);
  io.out(['Used but not declared by the maker:', ...list(comparison.undeclared), '', 'Declared but never used:', ...list(comparison.unused)].join('\n'));
  return 0;
}
