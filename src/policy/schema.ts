import { z } from 'zod';
import { GatewayError } from '../errors.js';
import { DATA_CATEGORIES } from './categories.js';
import { ConditionSchema } from './conditions.js';
import { hostGlobProblem } from './matchers/host.js';
import { parseCidr } from './matchers/ip.js';
import { isMac } from './matchers/mac.js';
import { pathPatternProblem } from './matchers/path.js';
import { checkPolicyConsistency, formatIssue, policyErrorMap } from './schema-issues.js';

/**
 * The policy model. Every object is strict: an unknown key (a typo such as `quarantined`) is an
 * error rather than a silently ignored setting that would leave the household less protected.
 */
export const ModeSchema = z
  .enum(['monitor', 'enforce', 'lockdown'])
  .meta({ id: 'Mode', description: 'monitor records only; enforce applies rules; lockdown also blocks anything not allowed' });

const problemCheck = (problem: (value: string) => string | undefined) =>
  z.string().superRefine((value, ctx) => {
    const message = problem(value);
    if (message !== undefined) ctx.addIssue({ code: 'custom', message });
  });

export const HostGlobSchema = problemCheck(hostGlobProblem).meta({
  id: 'HostPattern',
  description: 'api.example.com, *.example.com (subdomains only, not the apex) or *',
});
export const PathPatternSchema = problemCheck(pathPatternProblem).meta({
  description: '$.coords.latitude, $.ap_list[*].ssid, $..ssid, $query.imei',
});
export const AddressSchema = problemCheck((value) =>
  parseCidr(value) === undefined ? 'not an IP address or CIDR' : undefined,
).meta({ description: 'IPv4/IPv6 address or CIDR prefix, e.g. 192.168.1.20 or 192.168.1.0/24' });
export const MacSchema = problemCheck((value) =>
  isMac(value) ? undefined : 'not a MAC address (like aa:bb:cc:dd:ee:ff)',
);

export const PseudonymScopeSchema = z.enum(['per-vendor', 'household']).meta({
  id: 'PseudonymScope',
  description:
    'per-vendor (default): hashed values get a key derived per device and vendor, so two vendors cannot link ' +
    'their pseudonyms; household: one key for every device and vendor, so pseudonyms are linkable everywhere',
});

const SLUG = /^[a-z0-9][a-z0-9_-]{0,63}$/;
export const DEFAULT_DEVICE_ID = 'default';

export const DestinationSchema = z.strictObject({
  id: z.string().min(1).max(100).optional(),
  vendor: z.string().min(1).max(100),
  hosts: z.array(HostGlobSchema).min(1),
  ports: z.array(z.number().int().min(1).max(65535)).min(1).optional(),
  schemes: z.array(z.enum(['http', 'https', 'mqtt', 'mqtts'])).min(1).optional(),
  access: z.enum(['allow', 'block']).default('allow'),
  inspect: z.boolean().default(true),
  verifyUpstream: z.boolean().default(true),
  onUninspectable: z.enum(['allow', 'block']).default('allow'),
  allowOpaque: z.boolean().default(false),
  party: z.enum(['first', 'support', 'third']).optional().meta({
    description: "whose destination this is: first (the device's maker), support (CDN, cloud, time), third (analytics, advertising); overrides the built-in naming",
  }),
  when: ConditionSchema.optional().meta({ description: 'the destination entry counts only while this Home Assistant condition holds' }),
}).meta({ id: 'Destination' });

export const FieldActionSchema = z.enum(['allow', 'redact', 'hash', 'drop', 'block']);

export const FieldRuleSchema = z
  .strictObject({
    id: z.string().min(1).max(100),
    path: PathPatternSchema.optional(),
    category: z.enum(DATA_CATEGORIES).optional(),
    action: FieldActionSchema,
    destinations: z.array(HostGlobSchema).min(1).optional().meta({ description: 'the rule applies only to these hosts' }),
    except: z.array(HostGlobSchema).min(1).optional().meta({ description: 'the rule does not apply to these hosts' }),
    note: z.string().max(500).optional(),
    when: ConditionSchema.optional().meta({ description: 'the rule applies only while this Home Assistant condition holds' }),
  })
  .superRefine((rule, ctx) => {
    if (rule.path === undefined && rule.category === undefined) {
      ctx.addIssue({ code: 'custom', message: 'needs a path or a category (or both)' });
    }
  })
  .meta({ id: 'FieldRule' });

export const ConditionalModeSchema = z
  .strictObject({ mode: ModeSchema, when: ConditionSchema })
  .meta({ id: 'ConditionalMode', description: 'e.g. {mode: "lockdown", when: {entity: "schedule.night", state: "on"}}' });

export const DeviceSchema = z
  .strictObject({
    id: z.string().regex(SLUG, { error: 'must be a slug: lower-case letters, digits, - and _' }),
    name: z.string().min(1).max(100),
    manufacturer: z.string().min(1).max(100).optional().meta({ description: "the device's maker (Home Assistant's manufacturer); its destinations are first party" }),
    addresses: z.array(AddressSchema).default([]),
    macs: z.array(MacSchema).optional(),
    mode: ModeSchema.optional(),
    modeWhen: z.array(ConditionalModeSchema).min(1).max(20).optional().meta({
      description: 'modes that replace mode while their condition holds; the first that holds wins',
    }),
    quarantine: z.boolean().default(false),
    pseudonyms: PseudonymScopeSchema.optional(),
    destinations: z.array(DestinationSchema).default([]),
    rules: z.array(FieldRuleSchema).default([]),
  })
  .superRefine((device, ctx) => {
    if (device.addresses.length === 0 && (device.macs ?? []).length === 0) {
      ctx.addIssue({ code: 'custom', message: 'needs at least one address or MAC' });
    }
    if (device.id === DEFAULT_DEVICE_ID) {
      ctx.addIssue({ code: 'custom', path: ['id'], message: `"${DEFAULT_DEVICE_ID}" is reserved for unknown clients` });
    }
  });

export const DefaultProfileSchema = z.strictObject({
  mode: ModeSchema.optional(),
  quarantine: z.boolean().optional().meta({ description: 'block every unknown client' }),
  pseudonyms: PseudonymScopeSchema.optional(),
  acceptUnknownClients: z.boolean().optional().meta({
    description:
      'serve clients that match no device even when the gateway listens beyond loopback (off: they are refused until added as a device)',
  }),
  destinations: z.array(DestinationSchema).default([]),
  rules: z.array(FieldRuleSchema).default([]),
});

export const PolicySchema = z
  .strictObject({
    $schema: z.string().optional(),
    version: z.literal(1),
    mode: ModeSchema.default('monitor'),
    pseudonyms: PseudonymScopeSchema.default('per-vendor'),
    destinations: z.array(DestinationSchema).default([]),
    rules: z.array(FieldRuleSchema).default([]),
    defaultProfile: DefaultProfileSchema.prefault({}),
    devices: z.array(DeviceSchema).default([]),
  })
  .superRefine(checkPolicyConsistency)
  .meta({ title: 'Privacy Gateway policy' });

export type Destination = z.infer<typeof DestinationSchema>;
export type FieldRule = z.infer<typeof FieldRuleSchema>;
export type Device = z.infer<typeof DeviceSchema>;
export type ConditionalMode = z.infer<typeof ConditionalModeSchema>;
export type DefaultProfile = z.infer<typeof DefaultProfileSchema>;
export type Policy = z.infer<typeof PolicySchema>;
/** What an owner writes: defaults may be left out. */
export type PolicyInput = z.input<typeof PolicySchema>;

export type PolicyParseResult =
  | { readonly success: true; readonly policy: Policy }
  | { readonly success: false; readonly error: GatewayError };

export function safeParsePolicy(input: unknown): PolicyParseResult {
  const result = PolicySchema.safeParse(input, { error: policyErrorMap });
  if (result.success) return { success: true, policy: result.data };
  const details = result.error.issues.flatMap(formatIssue);
  const error = new GatewayError('POLICY_INVALID', `Policy is invalid: ${details.length} problem(s)`, details);
  return { success: false, error };
}

/** Parses and validates a policy; throws GatewayError('POLICY_INVALID') listing every `path: problem`. */
export function parsePolicy(input: unknown): Policy {
  const result = safeParsePolicy(input);
  if (!result.success) throw result.error;
  return result.policy;
}
