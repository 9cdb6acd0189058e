import { describe, expect, it } from 'vitest';
import { HeldOutput } from '../../../src/proxy/messages/index.js';

describe('HeldOutput: messages wait for their record, in order', () => {
  it('sends a passed message at once when nothing is held', () => {
    const sent: string[] = [];
    new HeldOutput<string>((item) => sent.push(item)).pass('ping');
    expect(sent).toEqual(['ping']);
  });

  it('holds a message until released, and everything queued behind it too', () => {
    const sent: string[] = [];
    const output = new HeldOutput<string>((item) => sent.push(item));
    const first = output.hold('publish 1');
    output.pass('pingreq');
    const second = output.hold('publish 2');
    expect(sent).toEqual([]);
    second();
    expect(sent).toEqual([]);
    first();
    expect(sent).toEqual(['publish 1', 'pingreq', 'publish 2']);
    first();
    expect(sent).toHaveLength(3);
  });

  it('ends only after the held messages went out, and sends nothing once discarded', () => {
    const events: string[] = [];
    const output = new HeldOutput<string>((item) => events.push(item));
    const release = output.hold('publish');
    output.end(() => events.push('end'));
    expect(events).toEqual([]);
    release();
    expect(events).toEqual(['publish', 'end']);

    const gone = new HeldOutput<string>((item) => events.push(item));
    const late = gone.hold('late');
    gone.discard();
    late();
    gone.pass('later');
    expect(events).toEqual(['publish', 'end']);
  });
});
