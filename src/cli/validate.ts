import { readFile } from 'node:fs/promises';
import { asGatewayError } from '../errors.js';
import { parsePolicyText } from '../policy-store.js';
import type { CliIo } from './usage.js';

/** Exit status: 0 valid, 1 invalid or unreadable (each problem on its own line). */
export async function validateCommand(file: string, io: CliIo): Promise<number> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    io.err(asGatewayError(error, 'POLICY_INVALID', `Cannot read ${file}`).message);
    return 1;
  }
  try {
    const policy = parsePolicyText(text, file);
    io.out(
      `${file}: valid policy (mode ${policy.mode}, ${policy.devices.length} devices, ` +
        `${policy.destinations.length} destinations, ${policy.rules.length} rules)`,
    );
    return 0;
  } catch (error) {
    const failure = asGatewayError(error, 'POLICY_INVALID', file);
    io.err(`${file}: invalid policy`);
    const problems = failure.details.length > 0 ? failure.details : [failure.message];
    for (const problem of problems) io.err(`  ${problem}`);
    return 1;
  }
}
