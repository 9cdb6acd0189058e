import { describe, expect, it } from 'vitest';
import { MAX_PROPOSED_DESTINATIONS, ProposalPublisher, proposalItem } from '../../src/hub/proposals.js';
import type { ReportItem } from '../../src/hub/index.js';
import type { LockdownProposal, ProposedDestination } from '../../src/lockdown/index.js';

function destination(host: string, requests: number): ProposedDestination {
  return {
    host, vendor: 'Acme', party: 'first', countries: ['NL'], requests, categories: ['device'], access: 'allow', review: false,
    reason: 'first party (the device\'s maker)',
  };
}

function harness(devices: string[]) {
  let now = 1_000_000;
  let requests = 1;
  const sent: ReportItem[] = [];
  const asked: string[] = [];
  let counter = 0;
  const publisher = new ProposalPublisher({
    enqueue: (items) => sent.push(...items),
    devices: () => devices,
    propose: (deviceId): LockdownProposal | undefined => {
      asked.push(deviceId);
      if (deviceId === 'silent') return undefined;
      if (deviceId === 'broken') throw new Error('ledger locked');
      return { deviceId, observedDays: 2, learningComplete: false, destinations: [destination('api.acme.example', requests)] };
    },
    settleMs: 3000,
    minIntervalMs: 60_000,
    refreshMs: 3_600_000,
    now: () => now,
    newId: () => `p${++counter}`,
  });
  return {
    publisher, sent, asked,
    advance: (ms: number) => (now += ms),
    setRequests: (n: number) => (requests = n),
  };
}

describe('ProposalPublisher', () => {
  it('reports a device\'s proposal once its traffic settled, then only when it changed, at most once a minute', () => {
    const h = harness(['tv']);
    h.publisher.touch('tv');
    h.publisher.tick();
    expect(h.sent).toEqual([]); // the ledger may not hold the request yet
    h.advance(3000);
    h.publisher.tick();
    expect(h.sent).toMatchObject([{ id: 'p1', type: 'lockdown_proposal', device_id: 'tv', destinations: [{ requests: 1, countries: ['NL'] }] }]);

    h.setRequests(2);
    h.publisher.touch('tv');
    h.advance(10_000);
    h.publisher.tick();
    expect(h.sent).toHaveLength(1); // within the minute
    h.advance(60_000);
    h.publisher.tick();
    expect(h.sent.map((item) => item.id)).toEqual(['p1', 'p2']);

    h.publisher.touch('tv');
    h.advance(61_000);
    h.publisher.tick();
    expect(h.sent).toHaveLength(2); // recomputed, unchanged: not sent again
    expect(h.asked).toEqual(['tv', 'tv', 'tv']);
  });

  it('waits for a burst of requests to pause, but not longer than the interval', () => {
    const h = harness(['tv']);
    for (let second = 0; second < 5; second++) {
      h.publisher.touch('tv');
      h.advance(1000);
      h.publisher.tick();
    }
    expect(h.asked).toEqual([]);
    h.advance(2000);
    h.publisher.tick();
    expect(h.asked).toEqual(['tv']);

    // A device that never pauses still gets its proposal looked at once an interval.
    h.advance(60_000);
    for (let second = 0; second < 61; second++) {
      h.publisher.touch('tv');
      h.advance(1000);
      h.publisher.tick();
    }
    expect(h.asked).toEqual(['tv', 'tv']);
  });

  it('sends every proposal again, once, when Home Assistant registers it anew', () => {
    const h = harness(['tv']);
    h.publisher.touchAll();
    h.publisher.tick();
    h.advance(10_000);
    h.publisher.resendAll();
    h.publisher.tick();
    h.publisher.tick();
    expect(h.sent.map((item) => item.id)).toEqual(['p1', 'p2']);
  });

  it('skips devices with nothing in the ledger, outside the policy, or whose ledger query fails, and goes on', () => {
    const h = harness(['silent', 'broken', 'tv']);
    h.publisher.touch('gone');
    h.publisher.touchAll();
    h.publisher.tick();
    expect(h.asked).toEqual(['silent', 'broken', 'tv']);
    expect(h.sent.map((item) => 'device_id' in item && item.device_id)).toEqual(['tv']);
  });
});

describe('proposalItem', () => {
  it('bounds the item as Home Assistant validates it and leaves out what is unknown', () => {
    const many = Array.from({ length: MAX_PROPOSED_DESTINATIONS + 5 }, (_, i) => destination(`h${i}.example`, 1));
    const unnamed = { ...destination('x.example', 1), vendor: undefined, countries: [] };
    const item = proposalItem({ deviceId: 'tv', observedDays: 9, learningComplete: true, destinations: [unnamed, ...many] }, 'id', 5);
    expect(item.destinations).toHaveLength(MAX_PROPOSED_DESTINATIONS);
    expect(item.destinations[0]).toEqual({
      host: 'x.example', party: 'first', requests: 1, categories: ['device'], access: 'allow', review: false, reason: unnamed.reason,
    });
    expect(item).toMatchObject({ id: 'id', ts: 5, observed_days: 9, learning_complete: true });
  });
});
