import type { IPublishPacket } from 'mqtt-packet';
import { GatewayError } from '../../errors.js';
import { templateTopicScheme } from '../../payload/index.js';

/**
 * MQTT topics as destination paths. A topic plays the part of a URL path in rules and the ledger
 * (`mqtt://host/tele/{device}/SENSOR`), and like a path its value-like levels (a device's MAC, a serial
 * suffix, a user id) are written as a placeholder, so the ledger aggregates per kind of message rather
 * than per device and never keeps the identifier itself.
 *
 * Written here because no shared path-segment templating helper is on main yet; when one lands in
 * src/payload or src/policy this module should call it instead.
 */
const PLACEHOLDER = '{device}';

/** 12 hex digits, with or without separators: a MAC. */
const MAC = /^(?:[0-9a-f]{2}[:-]?){5}[0-9a-f]{2}$/i;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A run of at least six hex digits containing a digit and a letter-or-digit mix: serials, chip ids. */
const HEX_RUN = /[0-9a-f]{6,}/i;
const DIGITS = /^\d{3,}$/;
/** Long opaque tokens (base64-ish, no vowels-only words): account and device ids. */
const TOKEN = /^[A-Za-z0-9_-]{20,}$/;

/** True for a topic level that names one device or person rather than a kind of message. */
export function isValueLikeLevel(level: string): boolean {
  if (level === '') return false;
  if (MAC.test(level) || UUID.test(level) || DIGITS.test(level)) return true;
  const run = HEX_RUN.exec(level)?.[0];
  if (run !== undefined && /\d/.test(run)) return true;
  return TOKEN.test(level) && /\d/.test(level);
}

/**
 * `tele/tasmota_A1B2C3/SENSOR` -> `/tele/{device}/SENSOR`, `owntracks/alice/phone` ->
 * `/owntracks/{personal}/{device}` (a known convention, topic-schemes.ts); the leading slash makes it path-shaped.
 */
export function topicPath(topic: string): string {
  const levels = topic.split('/').map((level) => (isValueLikeLevel(level) ? PLACEHOLDER : level));
  return templateTopicScheme(`/${levels.join('/')}`);
}

/** The last non-empty, non-templated level: the key a plain (non-JSON) payload is classified under. */
export function topicKey(topic: string): string {
  const levels = topicPath(topic).split('/').filter((level) => level !== '' && !level.startsWith('{'));
  return levels.at(-1) ?? 'value';
}

/** A topic as the policy reads it: the path, and the key a plain value is classified under. */
export function topicOf(topic: string): { path: string; plainKey: string } {
  return { path: topicPath(topic), plainKey: topicKey(topic) };
}

/** MQTT 5: a PUBLISH with a topic alias and no topic uses the alias's topic; one with both sets it. */
export function resolveAlias(packet: IPublishPacket, aliases: Map<number, string>): string {
  const alias = packet.properties?.topicAlias;
  if (alias === undefined) return packet.topic;
  if (packet.topic !== '') {
    aliases.set(alias, packet.topic);
    return packet.topic;
  }
  const topic = aliases.get(alias);
  if (topic === undefined) throw new GatewayError('REQUEST_INVALID', `MQTT topic alias ${alias} was never set`);
  return topic;
}
