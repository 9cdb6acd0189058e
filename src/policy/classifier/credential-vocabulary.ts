/**
 * Secrets under the names the home's radio and pairing standards give them, so that a border router,
 * hub or bridge the classifier has never seen is read by the standard it implements rather than by the
 * words of vendors already seen. Written the way keys are read (words joined without spaces: `PSKc`,
 * `pskc`, `pre_shared_key_commissioner` meet their entry). Only what the standard itself calls secret:
 * never key ids, key sequence numbers, algorithms or public keys and certificates (the NOC and the root
 * certificate of a Matter fabric are public).
 */

/**
 * Thread 1.x (and OpenThread's names for it): the commissioner's and a joiner's pre-shared keys (PSKc,
 * PSKd), and the operational dataset, which carries the network key (an active or pending dataset as TLVs).
 */
const THREAD = [
  'pskc', 'pskd', 'joiner credential', 'joiner passphrase', 'commissioner credential', 'commissioning credential',
  'active dataset', 'pending dataset', 'operational dataset', 'active operational dataset', 'dataset tlvs',
  'thread network key', 'network master key', 'master key',
];

/**
 * Matter's and Bluetooth's keys: the identity protection key and group epoch keys of a fabric, a node's
 * operational private key, the connection signature resolving key of Bluetooth pairing (CSRK; LTK and
 * IRK are in vocabulary.ts).
 */
const MATTER_BLUETOOTH = ['ipk', 'identity protection key', 'epoch key', 'epoch keys', 'group epoch key', 'operational private key', 'csrk'];

/** Z-Wave S2's device-specific key (the DSK the owner types in to pair) and Zigbee's trust-centre link key. */
const ZWAVE_ZIGBEE = ['dsk', 'device specific key', 'trust center link key', 'trust centre link key', 'tc link key', 's2 key', 's0 key'];

/** Wi-Fi security's secrets beyond the PSK (WPA3-SAE's password, a WEP key). */
const WIFI = ['sae password', 'sae passphrase', 'wep key', 'wpa passphrase'];

/**
 * Capability URLs and codes (W3C TAG, "Good Practices for Capability URLs"): a share link, an invitation
 * and a webhook URL grant access to whoever holds them, with no other secret; the URL or code is the key.
 */
const CAPABILITIES = ['share url', 'share link', 'shared link', 'sharing url', 'sharing link', 'invite url', 'invite link',
  'invitation url', 'invitation link', 'invite code', 'invitation code', 'magic link', 'webhook url', 'webhook uri', 'cloudhook url'];

/** Every phrase above, as strong credentials vocabulary (vocabulary.ts adds them to STRONG_PHRASES.credentials). */
export const STANDARD_CREDENTIAL_PHRASES: readonly string[] = [...THREAD, ...MATTER_BLUETOOTH, ...ZWAVE_ZIGBEE, ...WIFI, ...CAPABILITIES];

/**
 * Tokens that name a record rather than grant access: an opaque handle a client hands back to refer to
 * something it was given — a page of results (Google AIP-158 `next_page_token`, `pageToken`; Graph's and
 * CalDAV's sync and continuation tokens), a message (a quoted message's `quoteToken`, a delivered message's
 * `message_token`), a workout, a price offer. Negative vocabulary: with its record word the head is no secret
 * (`access_token`, `push_token`, `session_token` stay credentials).
 */
export const RECORD_TOKEN_PHRASES: readonly string[] = [
  'page token', 'next page token', 'prev page token', 'previous page token', 'next token', 'continuation token', 'sync token',
  'delta token', 'skip token', 'cursor token', 'message token', 'quote token', 'workout token', 'price token', 'offer token',
];
const RECORD_TOKENS = new Set(RECORD_TOKEN_PHRASES);

/** Whether a key's words end with a record's token (`next_page_token`, `quoteToken`): for key-material.ts. */
export function endsWithRecordToken(words: readonly string[]): boolean {
  const n = words.length;
  if (n < 2) return false;
  return RECORD_TOKENS.has(`${words[n - 2] ?? ''} ${words[n - 1] ?? ''}`) || (n >= 3 && RECORD_TOKENS.has(`${words[n - 3] ?? ''} ${words[n - 2] ?? ''} ${words[n - 1] ?? ''}`));
}
