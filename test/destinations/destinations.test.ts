import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  catalogueEntries, catalogueEntry, countryOf, ipNumber, nameDestination, partyOf,
} from '../../src/destinations/index.js';
import { registrableDomain } from '../../src/policy/index.js';

const dataDir = dirname(createRequire(import.meta.url).resolve('@ip-location-db/geo-whois-asn-country/package.json'));

describe('registrableDomain', () => {
  it.each([
    ['api.example.com', 'example.com'],
    ['a.b.bbc.co.uk', 'bbc.co.uk'],
    ['anna.github.io', 'anna.github.io'],
    ['deep.anna.github.io', 'anna.github.io'],
    ['devs.tplinkcloud.com', 'tplinkcloud.com'],
    ['bucket.s3.amazonaws.com', 'bucket.s3.amazonaws.com'],
    ['ec2-1-2-3-4.compute-1.amazonaws.com', 'amazonaws.com'],
    ['Example.COM.', 'example.com'],
    ['192.0.2.7', '192.0.2.7'],
    ['[2001:db8::1]', '2001:db8::1'],
    ['localhost', 'localhost'],
  ])('%s -> %s', (host, domain) => {
    expect(registrableDomain(host)).toBe(domain);
  });
});

describe('catalogueEntry', () => {
  it.each([
    ['devs.tplinkcloud.com', 'TP-Link', 'device-cloud'],
    ['a1.tuyaus.com', 'Tuya', 'iot-platform'],
    ['bucket.s3.amazonaws.com', 'Amazon Web Services', 'cloud'],
    ['stats.g.doubleclick.net', 'Google', 'advertising'],
    ['app-measurement.com', 'Google', 'analytics'],
    ['o123.ingest.sentry.io', 'Sentry', 'analytics'],
    ['0.de.pool.ntp.org', 'NTP Pool Project', 'time'],
    ['time.google.com', 'Google', 'time'],
    ['d111.cloudfront.net', 'Amazon CloudFront', 'cdn'],
  ])('%s is %s (%s)', (host, vendor, purpose) => {
    expect(catalogueEntry(host)).toMatchObject({ vendor, purpose });
  });

  it('knows nothing of a domain it does not list, nor of a bare public suffix', () => {
    expect(catalogueEntry('api.unknown-maker.example')).toBeUndefined();
    expect(catalogueEntry('com')).toBeUndefined();
  });

  it('states a source for every entry and lists each domain once', () => {
    const domains = catalogueEntries().map((entry) => entry.domain);
    expect(new Set(domains).size).toBe(domains.length);
    for (const entry of catalogueEntries()) expect(entry.source.length).toBeGreaterThan(5);
  });
});

describe('countryOf', () => {
  // Lines copied from geo-whois-asn-country-ipv{4,6}.csv in the installed package.
  it.each([
    ['1.178.10.0', 'DE'], ['1.178.10.255', 'DE'],
    ['89.116.160.0', 'LT'],
    ['223.255.255.128', 'AU'],
    ['2a01:4f9:3b:5530::1', 'FI'],
    ['2001:550:2:8::70:1', 'CA'],
    ['::ffff:1.178.10.9', 'DE'],
  ])('%s is in %s', (address, country) => {
    expect(countryOf(address)).toBe(country);
  });

  it('agrees with a sample of the package data on the first, last and middle address of each range', () => {
    const lines = readFileSync(join(dataDir, 'geo-whois-asn-country-ipv4-num.csv'), 'latin1').trim().split('\n');
    const toAddress = (n: number): string => [24, 16, 8, 0].map((shift) => (n >>> shift) & 255).join('.');
    for (let i = 0; i < lines.length; i += Math.floor(lines.length / 40)) {
      const [start = '', end = '', code = ''] = (lines[i] ?? '').split(',');
      for (const n of [Number(start), Number(end), Math.floor((Number(start) + Number(end)) / 2)]) {
        expect(countryOf(toAddress(n)), `${toAddress(n)} on line ${i + 1}`).toBe(code.trim());
      }
    }
  });

  it.each(['127.0.0.1', '10.1.2.3', '192.168.1.20', '::1', 'fe80::1', 'not-an-ip', 'example.com'])(
    'has no country for %s',
    (address) => {
      expect(countryOf(address)).toBeUndefined();
    },
  );

  it('reads IPv6 with an embedded IPv4 tail as IPv6', () => {
    expect(ipNumber('64:ff9b::1.2.3.4')).toEqual({ family: 6, value: (0x64ff9bn << 96n) | 0x01020304n });
  });
});

describe('partyOf and nameDestination', () => {
  it('names the maker first party from the Home Assistant manufacturer', () => {
    const name = nameDestination({ host: 'devs.tplinkcloud.com', manufacturer: 'TP-Link Systems Inc.' });
    expect(name).toMatchObject({ domain: 'tplinkcloud.com', vendor: 'TP-Link', vendorSource: 'catalogue', party: 'first' });
  });

  it('names support and third parties by purpose', () => {
    expect(nameDestination({ host: 'x.cloudfront.net', manufacturer: 'TP-Link' }).party).toBe('support');
    expect(nameDestination({ host: 'pool.ntp.org' }).party).toBe('support');
    expect(nameDestination({ host: 'ad.doubleclick.net', manufacturer: 'Samsung' }).party).toBe('third');
  });

  it("calls another maker's cloud third party", () => {
    expect(nameDestination({ host: 'api.sonos.com', manufacturer: 'Philips' })).toMatchObject({ party: 'third' });
  });

  it('lets the owner override the vendor and the party', () => {
    const name = nameDestination({ host: 'ad.doubleclick.net', ownerVendor: 'My ad filter', ownerParty: 'support' });
    expect(name).toMatchObject({ vendor: 'My ad filter', vendorSource: 'owner', source: undefined, party: 'support' });
  });

  it('recognises the maker in an uncatalogued domain and says why', () => {
    const verdict = partyOf({ domain: 'acmecloud.io', vendor: undefined, purpose: undefined, manufacturer: 'Acme Inc.', ownerParty: undefined });
    expect(verdict.party).toBe('first');
    expect(verdict.reason).toContain('acmecloud.io');
  });

  it('does not take a maker word buried inside another name for the maker', () => {
    const verdict = partyOf({ domain: 'newvendor.example', vendor: undefined, purpose: undefined, manufacturer: 'Vendor Ltd', ownerParty: undefined });
    expect(verdict.party).toBe('unknown');
    expect(partyOf({ domain: 'eu-acme.example', vendor: undefined, purpose: undefined, manufacturer: 'Acme', ownerParty: undefined }).party).toBe('first');
  });

  it('says unknown, and why, when nothing names the destination', () => {
    expect(nameDestination({ host: 'api.unknown.example' })).toMatchObject({ party: 'unknown', vendor: undefined });
  });

  it('collects the countries of the addresses used, each once, ignoring private ones', () => {
    const name = nameDestination({ host: 'devs.tplinkcloud.com', addresses: ['1.178.10.1', '1.178.10.2', '89.116.160.0', '10.0.0.1'] });
    expect(name.countries).toEqual(['DE', 'LT']);
  });
});
