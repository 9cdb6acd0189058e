import { parsePolicy, type Policy, type PolicyInput } from './schema.js';

/**
 * The policy written on first start. Monitor mode everywhere: nothing is changed until the owner
 * says so, but the household rules show in the ledger what enforcing them *would* do.
 */
export const DEFAULT_POLICY_INPUT: PolicyInput = {
  version: 1,
  mode: 'monitor',
  destinations: [],
  rules: [
    { id: 'credentials-redact', category: 'credentials', action: 'redact', note: 'Passwords, tokens and keys.' },
    { id: 'location-redact', category: 'location', action: 'redact', note: 'Coordinates and addresses.' },
    { id: 'network-hash', category: 'network', action: 'hash', note: 'SSIDs, MAC and IP addresses: pseudonymised.' },
    { id: 'device-hash', category: 'device', action: 'hash', note: 'Serial numbers and hardware ids: pseudonymised.' },
    { id: 'media-drop', category: 'media', action: 'drop', note: 'Images, audio and video snippets.' },
  ],
  defaultProfile: { mode: 'monitor', destinations: [], rules: [] },
  devices: [],
};

/** A fresh, parsed copy of the built-in default policy. */
export function defaultPolicy(): Policy {
  return parsePolicy(structuredClone(DEFAULT_POLICY_INPUT));
}
