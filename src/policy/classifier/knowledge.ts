import type { DataCategory } from '../categories.js';

/**
 * What the classifier may know beyond the payload itself. Both are optional: the classifier works on a
 * device nobody has seen without them, and gets sharper with them. Implementations live outside
 * src/policy (the hub fills HomeKnowledge from Home Assistant, the ledger fills TrafficKnowledge from
 * its fingerprints); the policy folder only reads them, so it stays free of I/O.
 */

/** A value the home knows to be personal, and how to say so to the owner. */
export interface KnownValue {
  readonly category: DataCategory;
  /** Ready for an explanation: "the serial number of Kitchen plug in Home Assistant". Never the value. */
  readonly label: string;
}

/** What Home Assistant knows: the home zone, the persons, the device registry's identifiers. */
export interface HomeKnowledge {
  /**
   * A text found anywhere in a flow (a value, an object key, a URL path segment, a query value) that
   * equals something the home knows, compared case-insensitively and, for MACs, ignoring separators.
   */
  lookup(text: string): KnownValue | undefined;
  /** Metres from the home zone's centre, or undefined when no home zone is known. */
  metresFromHome(latitude: number, longitude: number): number | undefined;
  /** Within this distance of home a coordinate pair is the home's location. */
  readonly homeRadiusMetres: number;
  /**
   * Optional: a number that changes whenever what `lookup` answers may change. With it the classifier
   * remembers, per field of a known payload shape, what `lookup` said of its keys and its last value
   * (classify.ts); without it every field's texts are looked up on every payload.
   */
  readonly generation?: number;
}

/** What the traffic has shown across requests and devices (the ledger's keyed fingerprints). */
export interface TrafficKnowledge {
  /**
   * Evidence that the value at this path template, sent to this host, is an identifier: it stayed the
   * same across one device's requests and differed between devices. Undefined when there is none.
   * The text is ready for an explanation ("constant across 14 requests of this device, different on 3
   * other devices").
   */
  identifierEvidence(host: string, pathTemplate: string): string | undefined;
}

export interface ClassifierKnowledge {
  readonly home?: HomeKnowledge | undefined;
  readonly traffic?: TrafficKnowledge | undefined;
}
