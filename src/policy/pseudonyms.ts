import { createHmac, hkdfSync } from 'node:crypto';
import { GatewayError } from '../errors.js';
import { base64urlPrefix, KeyedHash } from './hmac.js';
import { BoundedMemo } from '../memo.js';
import type { ScalarValue } from '../payload/index.js';
import type { ConnectionDecision, PseudonymScope } from './flow.js';
import { registrableDomain } from './matchers/registrable.js';
import { TemplateFingerprints } from './template-fingerprints.js';

const MIN_KEY_BYTES = 16;
/** Derived keys are cached per device and vendor; the cache starts over when full (hostile host names). */
const MAX_DERIVED_KEYS = 1024;
/** Pseudonyms remembered per device-vendor key: a device sends a handful of identifiers (≤ 1024 keys × 32). */
const PSEUDONYMS_PER_KEY = 32;
const DERIVE_SALT = Buffer.from('privacy-gateway pseudonym key v2', 'utf8');

/**
 * Stable pseudonyms under one key: the same value always maps to the same `pg_…` token (strings) or
 * whole number (numbers), so a vendor still sees "the same device" without learning the identifier.
 */
export class PseudonymKey {
  private readonly pseudonyms = new BoundedMemo<string>(PSEUDONYMS_PER_KEY, 256);

  constructor(private readonly key: KeyedHash) {}

  pseudonym(value: ScalarValue): string {
    return this.pseudonyms.get(`v1:${String(value)}`, (text) => `pg_${base64urlPrefix(this.key.digest(text), 22)}`);
  }

  /**
   * A stable whole number below 2^48 for a numeric field, so the JSON type survives. `value` may be
   * the exact text of a number too large for a double (`1e400`, a 25-digit serial).
   */
  numericPseudonym(value: number | string): number {
    const digest = this.key.digest(`v1:${String(value)}`);
    const view = new DataView(digest.buffer, digest.byteOffset, digest.byteLength);
    return view.getUint32(0) * 0x10000 + view.getUint16(4);
  }
}

/**
 * The household's pseudonym keys. By default each device and vendor gets its own key, derived with
 * HKDF-SHA256 from the household key: one vendor sees the same pseudonym for a value every time, two
 * vendors see unrelated ones and cannot link a person across them. `household` scope uses the household
 * key itself, for owners who want pseudonyms linkable everywhere. Fingerprints use a key of their own,
 * so a ledger fingerprint can never be matched against a pseudonym sent upstream.
 */
export class Pseudonymizer {
  private readonly householdKey: Buffer;
  private readonly household: PseudonymKey;
  private readonly fingerprintKey: KeyedHash;
  private readonly derived = new Map<string, PseudonymKey>();
  /**
   * Most values a device sends are the same request after request (its serial, its MAC, its Wi-Fi):
   * one HMAC per distinct value list, not per request. In memory only: 4,096 lists of at most 512 characters.
   */
  private readonly fingerprints = new BoundedMemo<string>(4096, 512);
  /** Each template's last list and its fingerprint (512 templates of at most ~8 KB each, template-fingerprints.ts). */
  private readonly templates = new TemplateFingerprints();

  constructor(key: Buffer) {
    if (key.length < MIN_KEY_BYTES) {
      throw new GatewayError('CONFIG_INVALID', `The pseudonym key must be at least ${MIN_KEY_BYTES} bytes`);
    }
    this.householdKey = Buffer.from(key);
    this.household = new PseudonymKey(new KeyedHash(key));
    this.fingerprintKey = new KeyedHash(createHmac('sha256', key).update('privacy-gateway fingerprint key v1').digest());
  }

  /** The household-wide key (scope `household`). */
  get householdWide(): PseudonymKey {
    return this.household;
  }

  /** The key for one device talking to one vendor (see `vendorOf`). */
  forVendor(deviceId: string, vendor: string): PseudonymKey {
    const info = `device:${deviceId}\u0000${vendor}`;
    let key = this.derived.get(info);
    if (key === undefined) {
      if (this.derived.size >= MAX_DERIVED_KEYS) this.derived.clear();
      const bytes = Buffer.from(hkdfSync('sha256', this.householdKey, DERIVE_SALT, Buffer.from(info, 'utf8'), 32));
      key = new PseudonymKey(new KeyedHash(bytes));
      this.derived.set(info, key);
    }
    return key;
  }

  /** The key a request's hashed values use: per device and vendor unless the policy says household. */
  keyFor(connection: ConnectionDecision, scope: PseudonymScope | undefined): PseudonymKey {
    return scope === 'household' ? this.household : this.forVendor(connection.device.id, vendorOf(connection.destination));
  }

  /** Household-wide pseudonym (kept for callers that have no connection, such as `inspect`). */
  pseudonym(value: ScalarValue): string {
    return this.household.pseudonym(value);
  }

  numericPseudonym(value: number | string): number {
    return this.household.numericPseudonym(value);
  }

  /** Tells value changes apart without revealing the value; the type counts (1 differs from "1"). */
  fingerprint(...values: readonly ScalarValue[]): string {
    return this.fingerprintOfText(JSON.stringify(values));
  }

  /**
   * fingerprint(...values) of one field template's values, answered from the template's last list when
   * the values are the same (TemplateFingerprints): no JSON text, memo lookup or HMAC for them.
   */
  fingerprintOf(template: string, values: readonly ScalarValue[]): string {
    const known = this.templates.lookup(template, values);
    if (known !== undefined) return known;
    const text = JSON.stringify(values);
    const fingerprint = this.fingerprintOfText(text);
    this.templates.remember(template, text, fingerprint);
    return fingerprint;
  }

  /** JSON keeps the types apart (1 is not "1") and several values (a template's list) unambiguous. */
  private fingerprintOfText(text: string): string {
    return this.fingerprints.get(text, (json) => base64urlPrefix(this.fingerprintKey.digest(json), 22));
  }
}

/**
 * Who receives the pseudonyms: the vendor the owner named for the destination (so a vendor's several
 * host names share one key), else the registrable domain of the host (`eu.api.acme.com` → `acme.com`).
 */
export function vendorOf(destination: { readonly vendor?: string | undefined; readonly host: string }): string {
  const named = destination.vendor?.trim().toLowerCase();
  if (named !== undefined && named !== '') return `vendor:${named}`;
  return `site:${registrableDomain(destination.host)}`;
}
