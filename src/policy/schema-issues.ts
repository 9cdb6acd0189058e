import type { z } from 'zod';
import { parseCidr } from './matchers/ip.js';
import { normalizeMac } from './matchers/mac.js';

/** Turns zod issues into `devices[0].addresses[1]: not an IP address or CIDR` lines a person can act on. */
type PathKey = PropertyKey;

export function formatPath(path: readonly PathKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (typeof key === 'string' && /^[A-Za-z_$][\w$]*$/.test(key)) out += out === '' ? key : `.${key}`;
    else out += `[${JSON.stringify(String(key))}]`;
  }
  return out === '' ? '(policy)' : out;
}

export function formatIssue(issue: z.core.$ZodIssue): string[] {
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => `${formatPath([...issue.path, key])}: unknown key (check the spelling)`);
  }
  return [`${formatPath(issue.path)}: ${issue.message}`];
}

function describe(input: unknown): string {
  if (input === null) return 'null';
  if (Array.isArray(input)) return 'a list';
  return typeof input === 'object' ? 'an object' : typeof input;
}

const EXPECTED: Record<string, string> = {
  int: 'a whole number',
  number: 'a number',
  string: 'a string',
  boolean: 'true or false',
  array: 'a list',
  object: 'an object',
};

/** Messages for zod's built-in checks; custom checks carry their own. */
export const policyErrorMap: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return 'required';
      return `expected ${EXPECTED[issue.expected] ?? issue.expected}, got ${describe(issue.input)}`;
    case 'invalid_value':
      return issue.values.length === 1
        ? `must be ${JSON.stringify(issue.values[0])}`
        : `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'too_small':
      if (issue.origin === 'array') return `needs at least ${issue.minimum} item(s)`;
      if (issue.origin === 'string') {
        return issue.minimum === 1 ? 'must not be empty' : `needs at least ${issue.minimum} characters`;
      }
      return `must be at least ${issue.minimum}`;
    case 'too_big':
      if (issue.origin === 'array') return `allows at most ${issue.maximum} item(s)`;
      if (issue.origin === 'string') return `allows at most ${issue.maximum} characters`;
      return `must be at most ${issue.maximum}`;
    default:
      return undefined;
  }
};

interface ScopeLike {
  readonly rules: readonly { readonly id: string }[];
  readonly destinations: readonly { readonly id?: string | undefined }[];
}

interface PolicyLike extends ScopeLike {
  readonly defaultProfile: ScopeLike;
  readonly devices: readonly (ScopeLike & {
    readonly id: string;
    readonly addresses: readonly string[];
    readonly macs?: readonly string[] | undefined;
  })[];
}

interface IssueSink {
  addIssue(issue: { code: 'custom'; path: PathKey[]; message: string }): void;
}

function checkUnique(values: readonly (string | undefined)[], path: PathKey[], what: string, ctx: IssueSink): void {
  const seen = new Map<string, number>();
  values.forEach((value, index) => {
    if (value === undefined) return;
    const first = seen.get(value);
    if (first === undefined) seen.set(value, index);
    else {
      const message = `duplicate ${what} id "${value}" (also at [${first}])`;
      ctx.addIssue({ code: 'custom', path: [...path, index, 'id'], message });
    }
  });
}

function checkScope(scope: ScopeLike, path: PathKey[], ctx: IssueSink): void {
  checkUnique(scope.rules.map((r) => r.id), [...path, 'rules'], 'rule', ctx);
  checkUnique(scope.destinations.map((d) => d.id), [...path, 'destinations'], 'destination', ctx);
}

/** Cross-field checks: unique ids per scope, and no address or MAC claimed by two devices. */
export function checkPolicyConsistency(policy: PolicyLike, ctx: IssueSink): void {
  checkScope(policy, [], ctx);
  checkScope(policy.defaultProfile, ['defaultProfile'], ctx);
  checkUnique(policy.devices.map((d) => d.id), ['devices'], 'device', ctx);
  // Overlapping prefixes are fine (the longest wins); the very same prefix on two devices is ambiguous.
  const prefixes = new Map<string, string>();
  const macs = new Map<string, string>();
  policy.devices.forEach((device, d) => {
    checkScope(device, ['devices', d], ctx);
    device.addresses.forEach((address, a) => {
      const cidr = parseCidr(address);
      if (cidr === undefined) return;
      const key = `${cidr.family}/${cidr.network}/${cidr.prefix}`;
      const owner = prefixes.get(key);
      if (owner !== undefined && owner !== device.id) {
        ctx.addIssue({ code: 'custom', path: ['devices', d, 'addresses', a], message: `same address as device "${owner}"` });
      } else prefixes.set(key, device.id);
    });
    (device.macs ?? []).forEach((text, m) => {
      const mac = normalizeMac(text);
      if (mac === undefined) return;
      const owner = macs.get(mac);
      if (owner !== undefined && owner !== device.id) {
        ctx.addIssue({ code: 'custom', path: ['devices', d, 'macs', m], message: `same MAC as device "${owner}"` });
      } else macs.set(mac, device.id);
    });
  });
}
