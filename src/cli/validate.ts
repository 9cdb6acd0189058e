import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dataDirLayout } from '../data-dir.js';
import { asGatewayError } from '../errors.js';
import { compilePolicy, rulesMatchingNothing, type Policy, type SeenField } from '../policy/index.js';
import { parsePolicyText } from '../policy-store.js';
import { printable } from './printable.js';
import type { CliIo } from './usage.js';

/** Where to look for traffic to check rules against; `explicit` when the owner named it (--data). */
export interface LedgerSource {
  readonly dataDir: string;
  readonly explicit: boolean;
}

/**
 * Exit status: 0 valid, 1 invalid or unreadable (each problem on its own line). When a ledger is at
 * hand, rules that match nothing it has seen are warned about on stderr; warnings keep status 0.
 */
export async function validateCommand(file: string, io: CliIo, ledger?: LedgerSource): Promise<number> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    io.err(asGatewayError(error, 'POLICY_INVALID', `Cannot read ${file}`).message);
    return 1;
  }
  let policy: Policy;
  try {
    policy = parsePolicyText(text, file);
  } catch (error) {
    const failure = asGatewayError(error, 'POLICY_INVALID', file);
    io.err(`${file}: invalid policy`);
    const problems = failure.details.length > 0 ? failure.details : [failure.message];
    for (const problem of problems) io.err(`  ${problem}`);
    return 1;
  }
  io.out(
    `${file}: valid policy (mode ${policy.mode}, ${policy.devices.length} devices, ` +
      `${policy.destinations.length} destinations, ${policy.rules.length} rules)`,
  );
  if (ledger !== undefined) await warnUnmatchedRules(policy, ledger, io);
  return 0;
}

async function warnUnmatchedRules(policy: Policy, source: LedgerSource, io: CliIo): Promise<void> {
  const { ledgerFile } = dataDirLayout(source.dataDir);
  if (!existsSync(ledgerFile)) {
    if (source.explicit) io.err(`note: no ledger at ${ledgerFile}; rules were not checked against traffic`);
    return;
  }
  // SQLite is loaded only when there is a ledger to read.
  const { readSeenFields } = await import('../ledger/index.js');
  let seen: SeenField[];
  try {
    seen = readSeenFields(ledgerFile);
  } catch (error) {
    io.err(`warning: ${asGatewayError(error, 'LEDGER_UNAVAILABLE', ledgerFile).message}; rules were not checked against traffic`);
    return;
  }
  if (seen.length === 0) {
    io.err(`note: the ledger at ${ledgerFile} has seen no inspected fields yet; rules were not checked against traffic`);
    return;
  }
  const unmatched = rulesMatchingNothing(compilePolicy(policy), seen);
  for (const rule of unmatched) {
    io.err(`warning: rule "${printable(rule.ruleId)}" (${printable(rule.scope)}) matches nothing the ledger has seen: ${printable(rule.reason)}`);
  }
  if (unmatched.length > 0) {
    io.err(
      `  Checked against ${seen.length} field(s) in ${ledgerFile}. A rule that matches nothing protects nothing: ` +
        'check its path (run `inspect` on a captured body to see the real paths) or category.',
    );
  }
}
