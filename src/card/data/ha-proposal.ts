import { z } from '../zod.js';
import { CATEGORIES, type LockdownProposalView } from '../model.js';

/**
 * device_report's `lockdown_proposal` (docs/HUB_PROTOCOL.md): the allowlist the sidecar proposes from
 * what the device did while learning. Parsed apart from the rest of the answer: a proposal that does not
 * parse is not shown (the card never offers to lock a device down to a list it could not read).
 */
const ProposalSchema = z.object({
  lockdown_proposal: z.nullish(
    z.object({
      observed_days: z.int().check(z.nonnegative()),
      learning_complete: z.boolean(),
      destinations: z.array(
        z.object({
          host: z.string().check(z.minLength(1)),
          vendor: z.nullish(z.string()),
          party: z.string(),
          countries: z.catch(z.array(z.string()), []),
          requests: z.int().check(z.nonnegative()),
          categories: z.catch(z.array(z.enum(CATEGORIES)), []),
          access: z.enum(['allow', 'block']),
          review: z.boolean(),
          reason: z.string(),
        }),
      ),
    }),
  ),
});

export function proposalOf(answer: unknown): LockdownProposalView | undefined {
  const parsed = ProposalSchema.safeParse(answer);
  const proposal = parsed.success ? parsed.data.lockdown_proposal : undefined;
  if (proposal === undefined || proposal === null) return undefined;
  return {
    observedDays: proposal.observed_days,
    learningComplete: proposal.learning_complete,
    destinations: proposal.destinations.map((d) => ({
      host: d.host,
      vendor: d.vendor ?? undefined,
      party: d.party,
      countries: d.countries,
      requests: d.requests,
      categories: d.categories,
      access: d.access,
      review: d.review,
      reason: d.reason,
    })),
  };
}
