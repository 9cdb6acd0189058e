import { describe, expect, it } from 'vitest';
import { LineBuffer } from '../../src/ledger/line-buffer.js';

const written = (line: LineBuffer): string => line.bytes.toString('utf8', 0, line.length);

describe('LineBuffer (the journal write encoded piece by piece)', () => {
  it('writes the same bytes as joining the pieces, with an object\'s members appended after the ones written', () => {
    const line = new LineBuffer();
    const rest = JSON.stringify({ p: '/café/☃', f: [[0, 'k1']], up: 12 });
    line.text('{"s":').number(7).text(',"at":').number(1765100000000.5).text(',"d":["a","Küche",false]').moreMembers(rest).text('\n');
    expect(written(line)).toBe(`{"s":7,"at":1765100000000.5,"d":["a","Küche",false],${rest.slice(1)}\n`);
    expect(line.length).toBe(Buffer.byteLength(written(line)));
    expect(JSON.parse(written(line))).toMatchObject({ s: 7, p: '/café/☃', up: 12 });
  });

  it('grows for a line longer than its buffer, keeps what was written, and starts over when cleared', () => {
    const line = new LineBuffer();
    const long = `"${'é😀x'.repeat(20_000)}"`;
    line.text('[').text(long).text(']');
    expect(written(line)).toBe(`[${long}]`);
    line.clear();
    expect(line.length).toBe(0);
    line.text('{}');
    expect(written(line)).toBe('{}');
  });

  it('refuses members that are not an object\'s JSON', () => {
    expect(() => new LineBuffer().text('{"a":1').moreMembers('[1]')).toThrow(TypeError);
  });
});
