import { BoundedMemo } from '../../memo.js';
import { finding, type Finding } from './detector.js';
import type { KeyWords } from './words.js';

/**
 * `other-party-key`: a key that leads with somebody other than the owner and goes on to name what it holds
 * (`guestCity`, `guestZipCode`, `guestPicture`, `senderName`, `recipientName`, `callerNumber`, `bookerName`) is
 * that person's: whatever category the rest of the key or the value earns, it rides third_party (docs/CORPUS.md:
 * every field of another person's record is theirs; here the record is flattened into its parent's keys, as
 * booking and messaging APIs do). A bare name (`guestName`, `senderName`) is a person's name: personal as well.
 * Not `contact` (`contactEmail` is as often the owner's own way to be reached) and not what a guest is given
 * rather than who the guest is (`guestWifiSsid`, `guestNetworkPassword`, `guestMode`: the owner's settings).
 * Reads the key alone: memoised per key, a key detector.
 */
export const OTHER_PARTY_KEY = 'other-party-key';

export const otherPartyKeyExplanations: Readonly<Record<string, (f: Finding) => string>> = {
  [OTHER_PARTY_KEY]: (f) =>
    f.categories.includes('personal')
      ? `key "${f.facts.words}" names the ${f.facts.party}'s name (somebody other than the owner) → personal, `
        + 'third_party'
      : `key "${f.facts.words}" names the ${f.facts.party}'s data (somebody other than the owner) → third_party`,
};

/** Who leads such a key: the other party of a stay, a message, a call or a visit. */
const PARTIES = new Set(['guest', 'visitor', 'sender', 'recipient', 'caller', 'callee', 'booker', 'invitee', 'attendee',
  'participant', 'friend']);
/** What the owner gives or sets for others: the owner's own network, access and settings. */
const OWNER_SETTINGS = new Set(['wifi', 'wlan', 'ssid', 'network', 'password', 'passphrase', 'key', 'vlan', 'mode',
  'enabled', 'enable', 'access', 'portal', 'port', 'band', 'channel', 'isolation', 'limit', 'max', 'min', 'count', 'number',
  'allowed',   'policy', 'type', 'status', 'id']);
const NAMES = new Set(['name', 'full name', 'display name']);

const readings = new BoundedMemo<Finding | null>(5_000, 256);

/** The finding of a key that leads with another party, or none. */
export function detectOtherPartyKey(key: KeyWords): Finding | undefined {
  const found = readings.get(key.raw, () => {
    const [party, ...rest] = key.words;
    if (party === undefined || rest.length === 0 || !PARTIES.has(party)) return null;
    if (rest.some((w) => OWNER_SETTINGS.has(w))) return null;
    const words = key.words.join(' ');
    if (NAMES.has(rest.join(' '))) {
      return finding(OTHER_PARTY_KEY, 'strong', ['personal', 'third_party'], { of: 'key', words, party });
    }
    return finding(OTHER_PARTY_KEY, 'strong', ['third_party'], { of: 'key', words, party, rides: 'party' });
  });
  return found ?? undefined;
}
