import { BoundedMemo } from '../../memo.js';
import { finding, type Finding } from './detector.js';
import { parentPath } from './field-paths.js';
import type { Add, ShapeField } from './shape.js';
import { readKey } from './words.js';

/**
 * `lan-presence`: a router's or a network monitor's list of the home network's clients (a record in a list holding
 * a client's MAC address and its IP address or host name: TR-181 `Device.Hosts.Host`, a DHCP lease table, an
 * ARP-scan inventory) says when each of the household's phones and laptops is at home. Whether a client is on the
 * network now (`Active`, `online`) and when it came or went (`first-seen`, `ActiveLastChange`, a session's
 * `Connection` and `Disconnection`) are presence (docs/CORPUS.md: presence is behaviour; routers are how many homes
 * detect who is in). Not a lease's timers, an uptime or the record's own creation and update times: those are the
 * machine's bookkeeping. Reads only keys and value kinds: memoised per payload shape.
 */
export const LAN_PRESENCE = 'lan-presence';

export const lanPresenceExplanations: Readonly<Record<string, (f: Finding) => string>> = {
  [LAN_PRESENCE]: (f) => `${f.facts.role === 'state' ? 'whether' : 'when'} a client of the home network was there, in a list of clients with their MAC and network address (a household device coming and going) → behaviour`,
};

type Role = 'mac' | 'address' | 'state' | 'time';

const STATE_KEYS = new Set(['active', 'online', 'is online', 'is active', 'present', 'is present']);
const PRESENCE_WORDS = new Set(['seen', 'connection', 'disconnection', 'connected', 'disconnected']);
/** Vendors put their table's prefix before every key (`devFirstConnection`, `ses_Connection`). */
const PREFIXES = new Set(['device', 'ses', 'session', 'host', 'client', 'station']);

const roles = new BoundedMemo<Role | null>(5_000, 256);
function roleOf(raw: string): Role | undefined {
  const found = roles.get(raw, () => {
    const all = readKey(raw).words;
    const words = all.length > 1 && PREFIXES.has(all[0] ?? '') ? all.slice(1) : all;
    const joined = words.join(' ');
    if (joined === 'mac' || joined === 'mac address' || joined === 'phys address' || joined === 'hw address') return 'mac';
    if (joined === 'ip' || joined === 'ip address' || joined === 'ipv4 address' || joined === 'last ip' || joined.endsWith('host name') || joined === 'hostname') return 'address';
    if (STATE_KEYS.has(joined)) return 'state';
    const head = words[words.length - 1] ?? '';
    // `first-seen`, `lastSeen`, a session's `Connection`; `ActiveLastChange` (when `Active` last changed).
    if (PRESENCE_WORDS.has(head) && (words.length === 1 || words.includes('first') || words.includes('last'))) return 'time';
    if (joined === 'active last change' || joined === 'online last change') return 'time';
    return null;
  });
  return found ?? undefined;
}

export function lanPresence(fields: readonly ShapeField[], add: Add): void {
  let records: Map<string, { mac: boolean; address: boolean; members: { index: number; role: Role }[] }> | undefined;
  fields.forEach((field, index) => {
    const n = field.segments.length;
    const key = field.segments[n - 1];
    // A list's entry only: a device's own record (`connected`, `lastConnectedAt`) is the machine's link.
    if (typeof key !== 'string' || typeof field.segments[n - 2] !== 'number') return;
    const role = roleOf(key);
    // An empty address still says what the record is (a client not holding a lease now); an empty reading says nothing.
    if (role === undefined || ((role === 'state' || role === 'time') && (field.kind === 'null' || field.kind === 'empty'))) return;
    records ??= new Map();
    const parent = parentPath(field);
    const record = records.get(parent) ?? { mac: false, address: false, members: [] };
    if (role === 'mac') record.mac = true;
    else if (role === 'address') record.address = true;
    else record.members.push({ index, role });
    records.set(parent, record);
  });
  if (records === undefined) return;
  for (const record of records.values()) {
    if (!record.mac || !record.address) continue;
    for (const m of record.members) add(m.index, m.role === 'state' ? STATE : TIME);
  }
}

const STATE = finding(LAN_PRESENCE, 'strong', ['behaviour'], { of: 'structure', role: 'state' });
const TIME = finding(LAN_PRESENCE, 'strong', ['behaviour'], { of: 'structure', role: 'time' });
