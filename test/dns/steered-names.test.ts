import { describe, expect, it } from 'vitest';
import { SteeredNames } from '../../src/dns/index.js';

const T0 = 1_800_000_000_000;
const bounds = { maxClients: 3, maxNamesPerClient: 2, graceMs: 5_000 };
const namesOf = (memory: SteeredNames, client: string, now: number): string[] => memory.lastFor(client, now).map((entry) => entry.name);

describe('SteeredNames', () => {
  it('keeps names per client, newest first', () => {
    const memory = new SteeredNames(bounds);
    memory.remember('127.0.0.2', 'api.vendor.test', 60, T0);
    memory.remember('127.0.0.2', 'mqtt.vendor.test', 60, T0 + 1);
    memory.remember('127.0.0.3', 'broker.other.test', 60, T0 + 2);
    expect(namesOf(memory, '127.0.0.2', T0 + 3)).toEqual(['mqtt.vendor.test', 'api.vendor.test']);
    expect(namesOf(memory, '127.0.0.3', T0 + 3)).toEqual(['broker.other.test']);
    expect(namesOf(memory, '127.0.0.4', T0 + 3)).toEqual([]);
  });

  it('forgets a name after its TTL plus the grace period, and no earlier', () => {
    const memory = new SteeredNames(bounds);
    memory.remember('127.0.0.2', 'mqtt.vendor.test', 60, T0);
    const end = T0 + 60_000 + bounds.graceMs;
    expect(namesOf(memory, '127.0.0.2', end - 1)).toEqual(['mqtt.vendor.test']);
    expect(namesOf(memory, '127.0.0.2', end)).toEqual([]);
    expect(memory.clientCount).toBe(0);
  });

  it('a name asked again moves to the front and lives from the new answer', () => {
    const memory = new SteeredNames(bounds);
    memory.remember('127.0.0.2', 'mqtt.vendor.test', 60, T0);
    memory.remember('127.0.0.2', 'api.vendor.test', 60, T0 + 10);
    memory.remember('127.0.0.2', 'MQTT.vendor.test.', 60, T0 + 20);
    expect(memory.lastFor('127.0.0.2', T0 + 30)).toEqual([
      { name: 'mqtt.vendor.test', at: T0 + 20, expiresAt: T0 + 20 + 60_000 + bounds.graceMs },
      { name: 'api.vendor.test', at: T0 + 10, expiresAt: T0 + 10 + 60_000 + bounds.graceMs },
    ]);
  });

  it('keeps at most maxNamesPerClient names, dropping the oldest', () => {
    const memory = new SteeredNames(bounds);
    for (const [i, name] of ['a.test', 'b.test', 'c.test'].entries()) memory.remember('127.0.0.2', name, 60, T0 + i);
    expect(namesOf(memory, '127.0.0.2', T0 + 5)).toEqual(['c.test', 'b.test']);
  });

  it('keeps at most maxClients clients, forgetting the one steered longest ago', () => {
    const memory = new SteeredNames(bounds);
    for (const [i, client] of ['127.0.0.2', '127.0.0.3', '127.0.0.4'].entries()) memory.remember(client, 'x.test', 60, T0 + i);
    memory.remember('127.0.0.2', 'y.test', 60, T0 + 10);
    memory.remember('127.0.0.5', 'x.test', 60, T0 + 11);
    expect(memory.clientCount).toBe(3);
    expect(namesOf(memory, '127.0.0.3', T0 + 12)).toEqual([]);
    expect(namesOf(memory, '127.0.0.2', T0 + 12)).toEqual(['y.test', 'x.test']);
  });

  it('treats an IPv4-mapped IPv6 client as the same client', () => {
    const memory = new SteeredNames(bounds);
    memory.remember('127.0.0.2', 'mqtt.vendor.test', 60, T0);
    expect(namesOf(memory, '::ffff:127.0.0.2', T0 + 1)).toEqual(['mqtt.vendor.test']);
  });
});
