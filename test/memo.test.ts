import { describe, expect, it } from 'vitest';
import { BoundedMemo } from '../src/memo.js';

describe('BoundedMemo', () => {
  it('computes a key once and returns the remembered result after', () => {
    const memo = new BoundedMemo<string>(10, 100);
    let calls = 0;
    const upper = (key: string): string => {
      calls++;
      return key.toUpperCase();
    };
    expect(memo.get('mac', upper)).toBe('MAC');
    expect(memo.get('mac', upper)).toBe('MAC');
    expect(calls).toBe(1);
  });

  it('never holds more than its entries: full, it starts over', () => {
    const memo = new BoundedMemo<number>(3, 100);
    for (const key of ['a', 'b', 'c', 'd', 'e']) memo.get(key, (k) => k.length);
    expect(memo.size).toBeLessThanOrEqual(3);
  });

  it('does not remember keys longer than its key limit (a sender could make them arbitrarily large)', () => {
    const memo = new BoundedMemo<number>(10, 4);
    let calls = 0;
    const length = (key: string): number => ++calls && key.length;
    memo.get('longer than four', length);
    memo.get('longer than four', length);
    expect(calls).toBe(2);
    expect(memo.size).toBe(0);
  });
});
