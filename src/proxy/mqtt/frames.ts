import { GatewayError } from '../../errors.js';

/**
 * Cuts a byte stream into whole MQTT control packets (fixed header + remaining length) without decoding
 * them, so a packet the gateway does not change is forwarded as the exact bytes the sender wrote.
 */
export class FrameSplitter {
  private buffered: Buffer = Buffer.alloc(0);

  constructor(private readonly maxPacketBytes: number) {}

  /** Appends a chunk and returns every packet now complete, oldest first. Throws on a bad length. */
  push(chunk: Buffer): Buffer[] {
    this.buffered = this.buffered.length === 0 ? chunk : Buffer.concat([this.buffered, chunk]);
    const frames: Buffer[] = [];
    for (;;) {
      const size = frameSize(this.buffered);
      if (size === undefined) break;
      if (size > this.maxPacketBytes) {
        throw new GatewayError('PAYLOAD_TOO_LARGE', `an MQTT packet of ${size} bytes exceeds the limit of ${this.maxPacketBytes}`);
      }
      if (this.buffered.length < size) break;
      frames.push(this.buffered.subarray(0, size));
      this.buffered = this.buffered.subarray(size);
    }
    return frames;
  }
}

/** The whole packet's size once its header is readable; undefined while more bytes are needed. */
function frameSize(data: Buffer): number | undefined {
  let multiplier = 1;
  let remaining = 0;
  for (let index = 1; index <= 4; index += 1) {
    const byte = data[index];
    if (byte === undefined) return undefined;
    remaining += (byte & 0x7f) * multiplier;
    if ((byte & 0x80) === 0) return 1 + index + remaining;
    multiplier *= 128;
  }
  throw new GatewayError('REQUEST_INVALID', 'malformed MQTT remaining length (more than four bytes)');
}
