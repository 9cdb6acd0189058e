import mqttPacket, { type Packet, type Parser } from 'mqtt-packet';
import { GatewayError } from '../../errors.js';

/**
 * One direction's mqtt-packet parser, fed whole packets (see FrameSplitter) so each call yields exactly
 * one packet. The client's parser learns the protocol version from CONNECT; the broker's is made for it.
 */
export class PacketDecoder {
  private readonly parser: Parser;
  private last: Packet | undefined;
  private failure: Error | undefined;

  constructor(protocolVersion?: 3 | 4 | 5) {
    this.parser = mqttPacket.parser(protocolVersion === undefined ? {} : { protocolVersion });
    this.parser.on('packet', (packet: Packet) => {
      this.last = packet;
    });
    this.parser.on('error', (error: Error) => {
      this.failure = error;
    });
  }

  decode(frame: Buffer, from: string): Packet {
    this.last = undefined;
    this.failure = undefined;
    this.parser.parse(frame);
    const { last, failure } = this.outcome();
    if (failure !== undefined) throw new GatewayError('REQUEST_INVALID', `malformed MQTT packet from the ${from}: ${failure.message}`);
    if (last === undefined) throw new GatewayError('REQUEST_INVALID', `incomplete MQTT packet from the ${from}`);
    return last;
  }

  /** Read through a method: the parser's callbacks set these during parse(). */
  private outcome(): { last: Packet | undefined; failure: Error | undefined } {
    return { last: this.last, failure: this.failure };
  }
}
