import { z } from 'zod';
import { GatewayError } from '../errors.js';
import {
  DATA_CATEGORIES, FieldActionSchema, HostGlobSchema, ModeSchema, PathPatternSchema, formatIssue, policyErrorMap,
} from '../policy/index.js';

/**
 * The owner's policy edits, operation for operation and field for field those of the integration
 * (custom_components/privacy_gateway/edits.py), so the card sends the same `{operation, data}` to Home
 * Assistant and to the standalone page. Parsed once here, at the edge; the sidecar's own schema then
 * checks the full grammar of hosts and paths.
 */

/** `API.Example.com.` → `api.example.com`, as the integration's host_glob normalises before checking. */
const HostGlob = z
  .string()
  .transform((value) => value.trim().toLowerCase().replace(/\.$/, ''))
  .pipe(HostGlobSchema);

const FieldPath = z
  .string()
  .transform((value) => value.trim())
  .pipe(
    z
      .string()
      .max(500)
      .refine((path) => path.startsWith('$') && !/\s/.test(path), 'not a field path (like $.coords.lat or $query.imei)')
      .pipe(PathPatternSchema),
  );

/** A device of the policy file, or `default` for the clients no device matches (its defaultProfile). */
const DeviceId = z.string().min(1).max(64);
const Vendor = z.string().min(1).max(100);

/** One host or a list of hosts, as the integration's `_one_or_many`. */
const HostGlobs = z.union([HostGlob.transform((host) => [host]), z.array(HostGlob).min(1).max(100)]);

export const SetFieldActionSchema = z
  .strictObject({
    device_id: DeviceId.optional(),
    field_path: FieldPath.optional(),
    category: z.enum(DATA_CATEGORIES).optional(),
    action: FieldActionSchema,
    destinations: HostGlobs.optional(),
  })
  .superRefine((data, ctx) => {
    if (data.field_path === undefined && data.category === undefined) ctx.addIssue({ code: 'custom', message: 'give field_path or category' });
    if (data.field_path !== undefined && data.category !== undefined) {
      ctx.addIssue({ code: 'custom', message: 'give field_path or category, not both' });
    }
  });

export const DestinationEditSchema = z.strictObject({
  device_id: DeviceId.optional(),
  host: HostGlob,
  vendor: Vendor.optional(),
});

export const QuarantineEditSchema = z.strictObject({ device_id: DeviceId, quarantine: z.boolean().default(true) });

export const SetModeEditSchema = z.strictObject({ device_id: DeviceId, mode: ModeSchema.nullable() });

/** The reviewed learn-then-lock proposal: exactly these destinations become the device's allowlist. */
export const LockDownEditSchema = z.strictObject({
  device_id: DeviceId,
  destinations: z
    .array(z.strictObject({ host: HostGlob, access: z.enum(['allow', 'block']), vendor: Vendor.optional() }))
    .max(1000),
});

export const PolicyEditSchema = z.discriminatedUnion('operation', [
  z.strictObject({ operation: z.literal('set_field_action'), data: SetFieldActionSchema }),
  z.strictObject({ operation: z.literal('allow_destination'), data: DestinationEditSchema }),
  z.strictObject({ operation: z.literal('block_destination'), data: DestinationEditSchema }),
  z.strictObject({ operation: z.literal('quarantine'), data: QuarantineEditSchema }),
  z.strictObject({ operation: z.literal('set_mode'), data: SetModeEditSchema }),
  z.strictObject({ operation: z.literal('lock_down'), data: LockDownEditSchema }),
]);

export type PolicyEdit = z.infer<typeof PolicyEditSchema>;
export type PolicyEditOperation = PolicyEdit['operation'];
export type LockDownEntry = z.infer<typeof LockDownEditSchema>['destinations'][number];

/** Parses an edit at the edge; REQUEST_INVALID lists every `data.host: problem`. */
export function parsePolicyEdit(input: unknown): PolicyEdit {
  const result = PolicyEditSchema.safeParse(input, { error: policyErrorMap });
  if (result.success) return result.data;
  const details = result.error.issues.flatMap(formatIssue);
  throw new GatewayError('REQUEST_INVALID', `The policy edit is not valid: ${details.join('; ')}`, details);
}
