import { GatewayError } from '../errors.js';
import { parsePolicy, type Destination, type Policy } from '../policy/index.js';
import type { MudAce, MudFile } from './schema.js';

/** One destination a maker declared, from the ACEs naming it. */
export interface MudDeclaration {
  readonly host: string;
  readonly ports: readonly number[];
  readonly access: 'allow' | 'block';
  readonly aces: readonly string[];
}

export interface MudDeclarations {
  readonly url: string;
  readonly vendor: string;
  readonly declared: readonly MudDeclaration[];
  /** ACEs the gateway cannot enforce (local-network, controller, address matches): said, not dropped silently. */
  readonly notTranslated: readonly string[];
}

export const MUD_DESTINATION_PREFIX = 'mud:';

function aceHost(ace: MudAce, direction: 'from' | 'to'): string | undefined {
  const ip = ace.matches.ipv4 ?? ace.matches.ipv6;
  const name = direction === 'from' ? ip?.['ietf-acldns:dst-dnsname'] : ip?.['ietf-acldns:src-dnsname'];
  return name?.toLowerCase().replace(/\.$/, '');
}

/** The remote port: the destination port of device-sent packets, the source port of packets to it. */
function acePort(ace: MudAce, direction: 'from' | 'to'): number | undefined {
  const l4 = ace.matches.tcp ?? ace.matches.udp;
  const match = direction === 'from' ? l4?.['destination-port'] : l4?.['source-port'];
  if (match === undefined || !('operator' in match) || match.operator !== 'eq') return undefined;
  return typeof match.port === 'number' ? match.port : undefined;
}

/** What the file declares the device may reach by DNS name (the only match a host-level proxy can apply). */
export function mudDeclarations(file: MudFile): MudDeclarations {
  const mud = file['ietf-mud:mud'];
  const acls = new Map(file['ietf-access-control-list:acls'].acl.map((acl) => [acl.name, acl]));
  const byHost = new Map<string, { ports: Set<number>; anyPort: boolean; access: 'allow' | 'block'; aces: string[] }>();
  const notTranslated: string[] = [];
  const directions = [['from', mud['from-device-policy']], ['to', mud['to-device-policy']]] as const;
  for (const [direction, policy] of directions) {
    for (const { name } of policy?.['access-lists']['access-list'] ?? []) {
      for (const ace of acls.get(name)?.aces.ace ?? []) {
        const host = aceHost(ace, direction);
        if (host === undefined) {
          notTranslated.push(`${name}/${ace.name}: matches no DNS name (local network, controller or address match)`);
          continue;
        }
        const access = ace.actions.forwarding === 'accept' ? 'allow' : 'block';
        const entry = byHost.get(host) ?? { ports: new Set<number>(), anyPort: false, access, aces: [] };
        const port = acePort(ace, direction);
        if (port === undefined) entry.anyPort = true;
        else entry.ports.add(port);
        entry.aces.push(`${name}/${ace.name}`);
        byHost.set(host, entry);
      }
    }
  }
  const declared = [...byHost].map(([host, entry]) => ({
    host,
    ports: entry.anyPort ? [] : [...entry.ports].sort((a, b) => a - b),
    access: entry.access,
    aces: entry.aces,
  }));
  const vendor = mud['mfg-name'] ?? mud.systeminfo ?? new URL(mud['mud-url']).hostname;
  return { url: mud['mud-url'], vendor, declared: declared.sort((a, b) => a.host.localeCompare(b.host)), notTranslated };
}

/**
 * The policy with the device's MUD destinations replaced by these declarations (an earlier import's
 * `mud:` destinations go; the owner's own stay). Lockdown makes the list an allowlist. The result is
 * re-validated, so a declaration the policy cannot hold is an error and nothing is written.
 */
export function applyMud(policy: Policy, deviceId: string, declarations: MudDeclarations, lockdown: boolean): Policy {
  const device = policy.devices.find((candidate) => candidate.id === deviceId);
  if (device === undefined) {
    const known = policy.devices.map((candidate) => candidate.id).join(', ') || '(none)';
    throw new GatewayError('NOT_FOUND', `No device "${deviceId}" in the policy; devices: ${known}`);
  }
  const vendor = declarations.vendor.slice(0, 100);
  const destinations: Destination[] = declarations.declared.map((declaration) => ({
    id: `${MUD_DESTINATION_PREFIX}${declaration.host}`.slice(0, 100),
    vendor,
    hosts: [declaration.host],
    ...(declaration.ports.length > 0 ? { ports: [...declaration.ports] } : {}),
    access: declaration.access,
    inspect: true,
    verifyUpstream: true,
    onUninspectable: 'allow',
    allowOpaque: false,
  }));
  const kept = device.destinations.filter((destination) => !destination.id?.startsWith(MUD_DESTINATION_PREFIX));
  const updated = {
    ...device,
    ...(lockdown ? { mode: 'lockdown' as const } : {}),
    destinations: [...kept, ...destinations],
  };
  return parsePolicy({ ...policy, devices: policy.devices.map((candidate) => (candidate.id === deviceId ? updated : candidate)) });
}

/** Hosts a device's imported MUD file declared, read back from the policy. */
export function declaredHosts(policy: Policy, deviceId: string): string[] {
  const device = policy.devices.find((candidate) => candidate.id === deviceId);
  const mud = device?.destinations.filter((destination) => destination.id?.startsWith(MUD_DESTINATION_PREFIX)) ?? [];
  return [...new Set(mud.flatMap((destination) => destination.hosts))].sort();
}
