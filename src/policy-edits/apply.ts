import { createHash } from 'node:crypto';
import { GatewayError } from '../errors.js';
import {
  DEFAULT_DEVICE_ID,
  parsePolicy,
  type DataCategory,
  type Destination,
  type FieldRule,
  type Policy,
} from '../policy/index.js';
import type { LockDownEntry, PolicyEdit } from './schema.js';

/** Destinations a lockdown put in; the next lockdown replaces them and keeps the owner's own entries. */
export const LEARNED_DESTINATION_PREFIX = 'learned:';

export interface AppliedEdit {
  /** The whole policy after the edit, validated by the policy schema. */
  readonly policy: Policy;
  /** What the integration answers for the same edit (`set_field_action` returns the rule's id). */
  readonly result: { readonly rule_id?: string };
}

/** What an edit can change: a device, the default profile (unknown clients) or the household. */
interface Scope {
  readonly destinations: readonly Destination[];
  readonly rules: readonly FieldRule[];
  readonly mode?: Policy['mode'] | undefined;
  readonly quarantine?: boolean | undefined;
}

/**
 * The policy with one owner's edit applied, with the integration's semantics (store.py): one rule per
 * subject and one destination entry per host, replaced in place of being added twice, the newest last.
 * Pure; throws NOT_FOUND for a device the policy does not have and POLICY_INVALID when the result would
 * not load.
 */
export function applyPolicyEdit(policy: Policy, edit: PolicyEdit): AppliedEdit {
  switch (edit.operation) {
    case 'set_field_action': {
      const { field_path: path, category, action, destinations } = edit.data;
      const rule: FieldRule = {
        id: ruleId(path, category, destinations),
        action,
        ...(path === undefined ? {} : { path }),
        ...(category === undefined ? {} : { category }),
        ...(destinations === undefined ? {} : { destinations: [...destinations].sort() }),
      };
      const next = inScope(policy, edit.data.device_id, (scope) => ({
        ...scope,
        rules: [...scope.rules.filter((r) => r.id !== rule.id), rule],
      }));
      return { policy: next, result: { rule_id: rule.id } };
    }
    case 'allow_destination':
    case 'block_destination': {
      const { host, vendor } = edit.data;
      const entry = destinationEntry(destinationId(host), host, vendor, edit.operation === 'allow_destination' ? 'allow' : 'block');
      // The owner's later word on a host also replaces what a lockdown learned about it: with both in the
      // policy, a tie between allow and block is decided for block (docs/POLICY.md), and a click on Allow
      // after a lockdown would change nothing.
      const learned = `${LEARNED_DESTINATION_PREFIX}${host}`.slice(0, 100);
      return done(inScope(policy, edit.data.device_id, (scope) => ({
        ...scope,
        destinations: [...scope.destinations.filter((d) => d.id !== entry.id && d.id !== learned), entry],
      })));
    }
    case 'quarantine':
      return done(inScope(policy, edit.data.device_id, (scope) => ({ ...scope, quarantine: edit.data.quarantine })));
    case 'set_mode': {
      const mode = edit.data.mode;
      // No mode: the device follows the household's (the key disappears from the file).
      return done(inScope(policy, edit.data.device_id, (scope) => ({ ...scope, mode: mode ?? undefined })));
    }
    case 'lock_down':
      return done(lockDown(policy, edit.data.device_id, edit.data.destinations));
  }
}

/**
 * Learn-then-lock: exactly `entries` become the device's learned destinations (earlier learned ones are
 * replaced, the owner's own kept) and the device switches to lockdown, so anything else is refused.
 */
export function lockDown(policy: Policy, deviceId: string, entries: readonly LockDownEntry[]): Policy {
  const learned = entries.map((d) =>
    destinationEntry(`${LEARNED_DESTINATION_PREFIX}${d.host}`.slice(0, 100), d.host, d.vendor, d.access),
  );
  return inScope(policy, deviceId, (scope) => ({
    ...scope,
    mode: 'lockdown',
    destinations: [...scope.destinations.filter((d) => !d.id?.startsWith(LEARNED_DESTINATION_PREFIX)), ...learned],
  }));
}

/** A stable id (store.py `rule_id`), so setting the same subject's action again replaces its rule. */
export function ruleId(path: string | undefined, category: DataCategory | undefined, destinations: readonly string[] | undefined): string {
  let subject = path !== undefined && path !== '' ? `field:${path}` : `category:${category ?? ''}`;
  if (destinations !== undefined && destinations.length > 0) subject += `@${[...destinations].sort().join(',')}`;
  if (subject.length <= 100) return subject;
  return `rule:${createHash('sha256').update(subject, 'utf8').digest('hex').slice(0, 32)}`;
}

/** One destination entry per host glob (store.py `destination_id`): allow and block replace each other. */
export function destinationId(host: string): string {
  return `host:${host}`.slice(0, 100);
}

function destinationEntry(id: string, host: string, vendor: string | undefined, access: 'allow' | 'block'): Destination {
  // The vendor defaults to the host, cut to the schema's 100 characters (a long host name would not load).
  return {
    id,
    vendor: (vendor ?? host).slice(0, 100),
    hosts: [host],
    access,
    inspect: true,
    verifyUpstream: true,
    onUninspectable: 'allow',
    allowOpaque: false,
  };
}

/** Applies `change` to the named scope and validates the whole result. */
function inScope(policy: Policy, deviceId: string | undefined, change: <T extends Scope>(scope: T) => T): Policy {
  if (deviceId === undefined) {
    const household = change({ destinations: policy.destinations, rules: policy.rules });
    return validated({ ...policy, destinations: household.destinations, rules: household.rules });
  }
  if (deviceId === DEFAULT_DEVICE_ID) return validated({ ...policy, defaultProfile: change(policy.defaultProfile) });
  const device = policy.devices.find((candidate) => candidate.id === deviceId);
  if (device === undefined) {
    throw new GatewayError(
      'NOT_FOUND',
      `No device "${deviceId}" in the policy file: add it there (id, name, addresses) before changing its policy`,
    );
  }
  const changed = change(device);
  return validated({ ...policy, devices: policy.devices.map((d) => (d === device ? changed : d)) });
}

function validated(policy: Policy): Policy {
  try {
    return parsePolicy(policy);
  } catch (error) {
    if (!(error instanceof GatewayError)) throw error;
    throw new GatewayError('POLICY_INVALID', `The edit would make the policy invalid, so nothing changed: ${error.message}`, error.details);
  }
}

function done(policy: Policy): AppliedEdit {
  return { policy, result: {} };
}
