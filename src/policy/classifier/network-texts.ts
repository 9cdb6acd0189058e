import type { ScalarValue } from '../../payload/index.js';
import { finding, type Detector, type Finding } from './detector.js';
import type { ValueHints } from './key-detectors.js';

/**
 * `network-text`: texts that carry the home network's addresses or a host's name in a standard form.
 * - A WebRTC ICE candidate (RFC 8839 `candidate:<foundation> <component> <transport> <priority> <address>
 *   <port> typ <type>`) and an SDP session description (RFC 8866 `v=0` with an `IN IP4`/`IN IP6` origin or
 *   connection line): cameras and doorbells that stream over WebRTC send both, with the addresses the device
 *   can be reached at.
 * - A computer name Windows set up by itself (`DESKTOP-BKC5SIK`, `LAPTOP-1A2B3C4D`, Windows Server's
 *   `WIN-` + 11 characters): a host name that embeds an identifier of the owner's machine, whatever key a
 *   speaker's or a media player's API files it under.
 * - Under a host-name key (`hostname`, `host.name`), a text with a space (`"My Phone"`) is no host name (RFC 1123
 *   allows letters, digits and hyphens): it is the label somebody gave the device, and the key's network reading
 *   is vetoed for it — unless the text names the field itself (`"your esp-rfid hostname"`: a placeholder, labelled as
 *   what the field holds).
 * A value detector: a string is tested on its first character before anything else.
 */
export const NETWORK_TEXT = 'network-text';

const CANDIDATE = finding(NETWORK_TEXT, 'strong', ['network'], { of: 'value', validator: 'WebRTC ICE candidate (RFC 8839) with an address' });
const SESSION = finding(NETWORK_TEXT, 'strong', ['network'], { of: 'value', validator: 'SDP session description (RFC 8866) with an address' });
const NOT_HOST_NAME = finding(NETWORK_TEXT, 'veto', ['network'], { of: 'value', validator: 'label with spaces' });
const WINDOWS_HOST = finding(NETWORK_TEXT, 'strong', ['network'], { of: 'value', validator: 'computer name Windows generated' });

const ICE = /^(?:a=)?candidate:\S+ \d+ \S+ \d+ (\S+) \d+ typ /i;
const SDP_ADDRESS = /(?:^|\n)[oc]=[^\r\n]* IN IP[46] \S/;
const WINDOWS_NAME = /^(?:(?:DESKTOP|LAPTOP)-[A-Z0-9]{7,8}|WIN-[A-Z0-9]{11})$/;

export const networkTextDetector: Detector<{ readonly value: ScalarValue; readonly hints: ValueHints }, unknown> = {
  name: NETWORK_TEXT,
  detect({ value, hints }): Finding | undefined {
    if (typeof value !== 'string') return undefined;
    // A text that names the field (`"your esp-rfid hostname"`) is a publisher's placeholder for a host name: kept.
    if (hints.hostName && value.includes(' ') && !/host/i.test(value)) return NOT_HOST_NAME;
    if (value.length < 12) return undefined;
    const first = value.charCodeAt(0);
    if (first === 99 /* c */ || first === 97 /* a */) return ICE.test(value) ? CANDIDATE : undefined;
    if (first === 118 /* v */) return value.startsWith('v=0') && SDP_ADDRESS.test(value) ? SESSION : undefined;
    if (first === 68 /* D */ || first === 76 /* L */ || first === 87 /* W */) return value.length <= 16 && WINDOWS_NAME.test(value) ? WINDOWS_HOST : undefined;
    return undefined;
  },
  explain: (f) =>
    f.signal === 'veto' ? 'value has spaces: a label somebody gave, not a host name' : `value is a ${f.facts.validator ?? 'text with a network address'} → network`,
};
