import type { Duplex } from 'node:stream';
import { HeldOutput } from '../messages/index.js';

/**
 * One direction of an MQTT session: packets to `writer`, held for their records (HeldOutput), and
 * backpressure: when `writer` cannot keep up, the side that feeds it (`reader`) is paused until it drains.
 * A packet released after `writer` is gone is dropped (its record says it was judged, not that it arrived).
 */
export function outputTo(writer: Duplex, reader: () => Duplex | undefined): HeldOutput<Buffer> {
  return new HeldOutput((bytes) => {
    if (writer.destroyed || writer.write(bytes)) return;
    const feeding = reader();
    if (feeding !== undefined) pauseUntilDrained(feeding, writer);
  });
}

function pauseUntilDrained(reader: Duplex, writer: Duplex): void {
  if (reader.isPaused()) return;
  reader.pause();
  writer.once('drain', () => reader.resume());
}
