import { namingContext, withDestinationNames, type NamingContext } from './destinations/index.js';
import { GatewayError } from './errors.js';
import type { Ledger, ReportContext } from './ledger/index.js';
import { renderReportMarkdown } from './ledger/index.js';
import { proposeLockdown, type LockdownProposal } from './lockdown/index.js';
import { declaredHosts } from './mud/index.js';
import type { ConditionView, DevicePolicyView, DeviceQueries, LockdownProposalView, PolicyEditPort } from './page/index.js';
import { DEFAULT_DEVICE_ID, deviceConditions, type CompiledPolicy, type Policy } from './policy/index.js';
import type { PolicyEditor } from './policy-editor.js';

/**
 * The page's ports onto the ledger and the policy file: report rendering, naming and proposals happen
 * here so the page imports no ledger or policy code.
 */
export function deviceQueries(
  ledger: Ledger,
  policy: () => Policy,
  inForce: () => CompiledPolicy,
  /** Commits what other writers of the ledger file hold pending (the DNS log), so a read shows every record. */
  flushOthers: () => void = () => undefined,
): DeviceQueries {
  const context = (id: string) => reportContextOf(policy(), id);
  const report = (id: string) => {
    flushOthers();
    return ledger.report(id, context(id));
  };
  return {
    devices: () => ledger.devices(),
    deviceSummary: (id) => {
      flushOthers();
      const current = policy();
      const summary = withDestinationNames(ledger.deviceSummary(id), namingContext(current, id), ledger.upstreamAddresses(id));
      if (summary === undefined) return undefined;
      const proposal = lockdownProposalOf(ledger, current, id);
      const destinations = summary.destinations.map((d) => ({ ...d, policyAccess: accessInPolicy(current, id, d.host) }));
      const conditions: ConditionView[] = deviceConditions(inForce(), id);
      return {
        ...summary,
        destinations,
        lockdownProposal: proposal && proposalView(proposal),
        policy: devicePolicy(current, id),
        ...(conditions.length === 0 ? {} : { conditions }),
      };
    },
    reportJson: (id) => report(id),
    reportMarkdown: (id) => renderReportMarkdown(report(id)),
  };
}

/** The owner's naming and the maker's declarations for a device's report. */
export function reportContextOf(policy: Policy, deviceId: string): ReportContext & { naming: NamingContext } {
  return { naming: namingContext(policy, deviceId), declaredHosts: declaredHosts(policy, deviceId) };
}

/** What `privacy-gateway lock` would propose for the device; undefined while the ledger has nothing of it. */
export function lockdownProposalOf(ledger: Ledger, policy: Policy, deviceId: string): LockdownProposal | undefined {
  try {
    const report = ledger.report(deviceId, reportContextOf(policy, deviceId));
    return proposeLockdown(report, Date.now());
  } catch (error) {
    if (error instanceof GatewayError && error.code === 'NOT_FOUND') return undefined;
    throw error;
  }
}

/** The editor as the page sees it: its answer is the page's EditResultView. */
export function editPort(editor: PolicyEditor): PolicyEditPort {
  return { refusal: () => editor.refusal(), apply: (input) => editor.apply(input) };
}

function proposalView(proposal: LockdownProposal): LockdownProposalView {
  return { observedDays: proposal.observedDays, learningComplete: proposal.learningComplete, destinations: proposal.destinations };
}

/**
 * The access the file gives this exact host, with the precedence of docs/POLICY.md: the device's (or
 * default profile's) entries before the household's, and between equals, block. Globs and entries limited
 * to ports or schemes are left to the ledger's counts (the card then shows what happened).
 */
function accessInPolicy(policy: Policy, id: string, host: string): 'allow' | 'block' | undefined {
  const device = id === DEFAULT_DEVICE_ID ? policy.defaultProfile : policy.devices.find((candidate) => candidate.id === id);
  for (const scope of [device?.destinations ?? [], policy.destinations]) {
    const exact = scope.filter((d) => d.hosts.includes(host) && d.ports === undefined && d.schemes === undefined);
    if (exact.length > 0) return exact.some((d) => d.access === 'block') ? 'block' : 'allow';
  }
  return undefined;
}

function devicePolicy(policy: Policy, id: string): DevicePolicyView | undefined {
  if (id === DEFAULT_DEVICE_ID) {
    return { mode: policy.defaultProfile.mode ?? policy.mode, quarantined: policy.defaultProfile.quarantine ?? false };
  }
  const device = policy.devices.find((candidate) => candidate.id === id);
  return device && { mode: device.mode ?? policy.mode, quarantined: device.quarantine };
}
