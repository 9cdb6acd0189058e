import { readFile } from 'node:fs/promises';
import { dataDirLayout } from '../data-dir.js';
import { GatewayError, asGatewayError } from '../errors.js';
import { LEARNING_DAYS, applyLockdown, proposeLockdown, type LockdownProposal } from '../lockdown/index.js';
import { parsePolicyText, writePolicyFile } from '../policy-store.js';
import { reportContext, withLedger } from './ledger-commands.js';
import { printable } from './printable.js';
import type { CliIo } from './usage.js';

function formatProposal(proposal: LockdownProposal): string {
  const lines = [
    `Observed ${printable(proposal.deviceId)} for ${proposal.observedDays} day(s) (learning period ${LEARNING_DAYS} days).`,
    'Proposed allowlist (lockdown refuses everything else):',
  ];
  for (const d of proposal.destinations) {
    const categories = d.categories.length > 0 ? `; received ${d.categories.join(', ')}` : '';
    const review = d.review ? '  REVIEW' : '';
    lines.push(`  ${d.access === 'allow' ? 'allow' : 'BLOCK'} ${printable(d.host)}  ${printable(d.vendor ?? 'unknown vendor')}, ${d.requests} request(s)${categories}: ${printable(d.reason)}${review}`);
  }
  if (proposal.destinations.length === 0) lines.push('  (nothing observed: lockdown would refuse every destination)');
  return lines.join('\n');
}

export async function lockCommand(
  deviceId: string,
  options: { dataDir: string; apply: boolean; force: boolean; json: boolean },
  io: CliIo,
): Promise<number> {
  const context = await reportContext(options.dataDir, deviceId, io);
  const now = Date.now();
  const report = await withLedger(options.dataDir, (ledger) => ledger.report(deviceId, context));
  const proposal = proposeLockdown(report, now);
  io.out(options.json ? JSON.stringify(proposal, null, 2) : formatProposal(proposal));
  if (!options.apply) return 0;
  if (!proposal.learningComplete && !options.force) {
    throw new GatewayError(
      'REQUEST_INVALID',
      `${deviceId} has been observed for ${proposal.observedDays} of ${LEARNING_DAYS} learning days; wait, or pass --force to lock it down now`,
    );
  }
  const { policyFile } = dataDirLayout(options.dataDir);
  const text = await readFile(policyFile, 'utf8').catch((error: unknown) => {
    throw asGatewayError(error, 'POLICY_INVALID', `Cannot read ${policyFile}`);
  });
  await writePolicyFile(policyFile, applyLockdown(parsePolicyText(text, policyFile), proposal));
  io.err(`${deviceId} is locked down: ${proposal.destinations.filter((d) => d.access === 'allow').length} destination(s) allowed, the rest refused.`);
  return 0;
}
