import { describe, expect, it } from 'vitest';
import { isValueLikeLevel, topicPath } from '../../../src/proxy/mqtt/index.js';
import { topicKey } from '../../../src/proxy/mqtt/topic.js';
import { FrameSplitter } from '../../../src/proxy/mqtt/frames.js';

describe('topicPath', () => {
  it.each([
    ['tele/tasmota_0A1B2C/STATE', '/tele/{device}/STATE'],
    ['shellies/shellyplus1-a8032ab12345/events/rpc', '/shellies/{device}/events/rpc'],
    ['owntracks/alice/phone', '/owntracks/{personal}/{device}'],
    ['owntracks/alice/phone/event', '/owntracks/{personal}/{device}/event'],
    ['OwnTracks/Bob', '/OwnTracks/{personal}'],
    ['devices/aa:bb:cc:dd:ee:ff/state', '/devices/{device}/state'],
    ['things/3f2504e0-4f89-11d3-9a0c-0305e82c3301/shadow/update', '/things/{device}/shadow/update'],
    ['zigbee2mqtt/bridge/devices', '/zigbee2mqtt/bridge/devices'],
    ['homeassistant/sensor/12345/config', '/homeassistant/sensor/{device}/config'],
    ['cmnd/kitchen/POWER', '/cmnd/kitchen/POWER'],
  ])('%s -> %s', (topic, path) => {
    expect(topicPath(topic)).toBe(path);
  });

  it('classifies a plain payload under the last level that is not a placeholder', () => {
    expect(topicKey('owntracks/alice/phone')).toBe('owntracks');
    expect(topicKey('tele/tasmota_0A1B2C/POWER')).toBe('POWER');
  });

  it.each(['STATE', 'SENSOR', 'status', 'decade', 'facade', 'bridge', ''])('keeps the word %j', (level) => {
    expect(isValueLikeLevel(level)).toBe(false);
  });
});

describe('FrameSplitter', () => {
  const pingreq = Buffer.from([0xc0, 0x00]);
  const publish = Buffer.concat([Buffer.from([0x30, 0x83, 0x01, 0x00, 0x01, 0x74]), Buffer.alloc(128, 0x61)]);

  it('returns whole packets however the stream is cut', () => {
    const splitter = new FrameSplitter(1024);
    const stream = Buffer.concat([pingreq, publish, pingreq]);
    const frames = [...stream].flatMap((byte) => splitter.push(Buffer.from([byte])));
    expect(frames.map((frame) => frame.length)).toEqual([2, publish.length, 2]);
    expect(Buffer.concat(frames).equals(stream)).toBe(true);
  });

  it('refuses a packet over the limit before buffering it', () => {
    expect(() => new FrameSplitter(64).push(publish.subarray(0, 3))).toThrow(expect.objectContaining({ code: 'PAYLOAD_TOO_LARGE' }));
  });

  it('refuses a remaining length of more than four bytes', () => {
    expect(() => new FrameSplitter(1024).push(Buffer.from([0x30, 0xff, 0xff, 0xff, 0xff, 0x01]))).toThrow(expect.objectContaining({ code: 'REQUEST_INVALID' }));
  });
});
