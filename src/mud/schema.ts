import { z } from 'zod';
import { GatewayError, messageOf } from '../errors.js';

/**
 * RFC 8520 (MUD) in its JSON encoding (RFC 7951), with the ACL model of RFC 8519 and the DNS-name
 * matches of RFC 8520 section 12. Keys we know are type-checked; any other key is an error unless it is
 * namespaced (`module:name`), which is how YANG JSON carries augmentations we may ignore. A typo such as
 * `acess-lists` therefore fails instead of silently declaring nothing.
 */
function yang<T extends z.ZodRawShape>(shape: T) {
  return z
    .object(shape)
    .catchall(z.unknown())
    .superRefine((value, ctx) => {
      for (const key of Object.keys(value)) {
        if (!(key in shape) && !key.includes(':')) ctx.addIssue({ code: 'custom', path: [key], message: 'unknown key' });
      }
    });
}

const DNS_NAME = /^(?=.{1,253}$)([a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9])?\.)*[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.?$/i;
const DnsNameSchema = z.string().regex(DNS_NAME, { error: 'not a DNS name' });
const PortSchema = z.number().int().min(0).max(65535);

const PortMatchSchema = z.union([
  yang({ operator: z.enum(['lte', 'gte', 'eq', 'neq']).default('eq'), port: PortSchema }),
  yang({ 'lower-port': PortSchema, 'upper-port': PortSchema }),
]);

const IpMatchSchema = yang({
  protocol: z.number().int().min(0).max(255).optional(),
  'ietf-acldns:dst-dnsname': DnsNameSchema.optional(),
  'ietf-acldns:src-dnsname': DnsNameSchema.optional(),
  'destination-ipv4-network': z.string().optional(),
  'source-ipv4-network': z.string().optional(),
  'destination-ipv6-network': z.string().optional(),
  'source-ipv6-network': z.string().optional(),
  dscp: z.number().int().optional(),
  ttl: z.number().int().optional(),
  'flow-label': z.number().int().optional(),
});

const PortsSchema = yang({
  'source-port': PortMatchSchema.optional(),
  'destination-port': PortMatchSchema.optional(),
  'ietf-mud:direction-initiated': z.enum(['from-device', 'to-device']).optional(),
  flags: z.string().optional(),
});

const MudMatchSchema = yang({
  manufacturer: z.string().optional(),
  'same-manufacturer': z.array(z.null()).optional(),
  model: z.string().optional(),
  'local-networks': z.array(z.null()).optional(),
  controller: z.string().optional(),
  'my-controller': z.array(z.null()).optional(),
});

const AceSchema = yang({
  name: z.string().min(1),
  matches: yang({
    ipv4: IpMatchSchema.optional(),
    ipv6: IpMatchSchema.optional(),
    tcp: PortsSchema.optional(),
    udp: PortsSchema.optional(),
    icmp: z.record(z.string(), z.unknown()).optional(),
    eth: z.record(z.string(), z.unknown()).optional(),
    'ietf-mud:mud': MudMatchSchema.optional(),
  }),
  actions: yang({ forwarding: z.enum(['accept', 'drop', 'reject']), logging: z.string().optional() }),
});

const AclSchema = yang({
  name: z.string().min(1),
  type: z.enum(['ipv4-acl-type', 'ipv6-acl-type', 'eth-acl-type', 'mixed-eth-ipv4-acl-type', 'mixed-eth-ipv6-acl-type', 'mixed-eth-ipv4-ipv6-acl-type']),
  aces: yang({ ace: z.array(AceSchema).min(1) }),
});

const PolicyRefSchema = yang({
  'access-lists': yang({ 'access-list': z.array(yang({ name: z.string().min(1) })).min(1) }),
});

export const MudFileSchema = yang({
  'ietf-mud:mud': yang({
    'mud-version': z.literal(1),
    'mud-url': z.url({ protocol: /^https$/, error: 'must be an https URL' }),
    'last-update': z.string().min(1),
    'mud-signature': z.string().optional(),
    'cache-validity': z.number().int().min(1).max(168).optional(),
    'is-supported': z.boolean(),
    systeminfo: z.string().max(60).optional(),
    'mfg-name': z.string().optional(),
    'model-name': z.string().optional(),
    'firmware-rev': z.string().optional(),
    'software-rev': z.string().optional(),
    documentation: z.string().optional(),
    extensions: z.array(z.string()).optional(),
    'from-device-policy': PolicyRefSchema.optional(),
    'to-device-policy': PolicyRefSchema.optional(),
  }),
  'ietf-access-control-list:acls': yang({ acl: z.array(AclSchema).min(1) }),
}).superRefine((file, ctx) => {
  // Every policy must point at an ACL the file defines; a dangling name would declare nothing.
  const defined = new Set(file['ietf-access-control-list:acls'].acl.map((acl) => acl.name));
  for (const direction of ['from-device-policy', 'to-device-policy'] as const) {
    const lists = file['ietf-mud:mud'][direction]?.['access-lists']['access-list'] ?? [];
    lists.forEach((list, index) => {
      if (!defined.has(list.name)) {
        ctx.addIssue({
          code: 'custom',
          path: ['ietf-mud:mud', direction, 'access-lists', 'access-list', index, 'name'],
          message: `refers to ACL "${list.name}", which the file does not define`,
        });
      }
    });
  }
});

export type MudFile = z.infer<typeof MudFileSchema>;
export type MudAce = z.infer<typeof AceSchema>;
export type MudAcl = z.infer<typeof AclSchema>;

const describe = (issue: z.core.$ZodIssue): string => {
  const path = issue.path.length === 0 ? '(file)' : issue.path.map(String).join('.');
  return `${path}: ${issue.message}`;
};

/** Parses MUD JSON text; throws MUD_INVALID with one `path: problem` line per problem. */
export function parseMudText(text: string, source: string): MudFile {
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch (error) {
    const reason = messageOf(error);
    throw new GatewayError('MUD_INVALID', `${source} is not valid JSON`, [`(file): ${reason}`]);
  }
  const result = MudFileSchema.safeParse(input);
  if (result.success) return result.data;
  const details = result.error.issues.map(describe);
  throw new GatewayError('MUD_INVALID', `${source} is not a valid RFC 8520 MUD file: ${details.length} problem(s)`, details);
}
