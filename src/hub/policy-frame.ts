import type { GatewayError } from '../errors.js';
import { safeParsePolicy, type Policy } from '../policy/index.js';
import { PolicyEnvelopeSchema, type HubSettings } from './protocol.js';

export type PolicyFrame =
  | {
      readonly kind: 'policy';
      readonly etag: string;
      readonly policy: Policy;
      /** The document as Home Assistant sent it, for the on-disk cache. */
      readonly document: unknown;
      readonly settings: HubSettings | undefined;
    }
  | { readonly kind: 'malformed'; readonly reason: string; readonly error?: GatewayError };

/** A subscribe_policy event, validated: the envelope with zod, the policy with parsePolicy. */
export function readPolicyFrame(event: unknown): PolicyFrame {
  const envelope = PolicyEnvelopeSchema.safeParse(event);
  if (!envelope.success) {
    const problems = envelope.error.issues.map((issue) => `${issue.path.join('.') || '(frame)'}: ${issue.message}`);
    return { kind: 'malformed', reason: `not a policy envelope (${problems.slice(0, 3).join('; ')})` };
  }
  const { etag, policy: document, settings } = envelope.data;
  const parsed = safeParsePolicy(document);
  if (!parsed.success) {
    const details = parsed.error.details.slice(0, 5).join('; ');
    return { kind: 'malformed', reason: `policy ${etag} is invalid (${details})`, error: parsed.error };
  }
  return { kind: 'policy', etag, policy: parsed.policy, document, settings };
}
