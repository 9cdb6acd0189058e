import { z } from '../zod.js';
import { describeIssues } from '../data/ha-protocol.js';

export const CARD_TYPE = 'privacy-gateway-card';

/**
 * The card's YAML. Strict, so a typo (`device:` for `device_id:`) is an error rather than silently
 * showing the household; the keys Home Assistant itself adds to any card are accepted as they are.
 */
export const PrivacyCardConfigSchema = z.strictObject({
  type: z.literal(`custom:${CARD_TYPE}`),
  title: z.optional(z.string().check(z.maxLength(100))),
  /** A Home Assistant device id of a mediated device; without it the card shows the household. */
  device_id: z.optional(z.string().check(z.minLength(1), z.maxLength(64))),
  timeline: z._default(z.enum(['24h', '7d']), '24h'),
  grid_options: z.optional(z.unknown()),
  layout_options: z.optional(z.unknown()),
  view_layout: z.optional(z.unknown()),
  visibility: z.optional(z.unknown()),
});

export type PrivacyCardConfig = z.infer<typeof PrivacyCardConfigSchema>;
export type PrivacyCardConfigInput = z.input<typeof PrivacyCardConfigSchema>;

/** Validates a card configuration; the Error's message is what the dashboard shows in the error card. */
export function parseCardConfig(input: unknown): PrivacyCardConfig {
  const result = PrivacyCardConfigSchema.safeParse(input);
  if (!result.success) throw new Error(`Invalid Privacy Gateway card configuration: ${describeIssues(result.error.issues, 'config')}`);
  return result.data;
}
