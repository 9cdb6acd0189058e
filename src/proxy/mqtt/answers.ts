import mqttPacket, { type Packet } from 'mqtt-packet';

export type ProtocolVersion = 3 | 4 | 5;

/** MQTT 5 reason codes the gateway sends itself (MQTT 5.0 §2.4). */
const REASON = { notAuthorized: 0x87, serverUnavailable: 0x88 } as const;
/** MQTT 3.1.1 CONNACK return codes (§3.2.2.3). */
const RETURN = { serverUnavailable: 3, notAuthorized: 5 } as const;

export function encode(packet: Packet, version: ProtocolVersion): Buffer {
  return mqttPacket.generate(packet, { protocolVersion: version });
}

/** The CONNECT broke the policy (a blocked client id, username or password): refused, never forwarded. */
export function connackNotAuthorized(version: ProtocolVersion): Buffer {
  return version === 5
    ? encode({ cmd: 'connack', sessionPresent: false, reasonCode: REASON.notAuthorized }, version)
    : encode({ cmd: 'connack', sessionPresent: false, returnCode: RETURN.notAuthorized }, version);
}

/** The broker could not be reached. */
export function connackUnavailable(version: ProtocolVersion): Buffer {
  return version === 5
    ? encode({ cmd: 'connack', sessionPresent: false, reasonCode: REASON.serverUnavailable }, version)
    : encode({ cmd: 'connack', sessionPresent: false, returnCode: RETURN.serverUnavailable }, version);
}

/**
 * The gateway's own acknowledgement of a blocked PUBLISH, so the client's QoS flow ends cleanly and its
 * packet id is freed. MQTT 5 says why (0x87, not authorized: the client learns the message was refused
 * and a QoS 2 flow ends at PUBREC). MQTT 3.1.1 has no way to refuse a PUBLISH short of disconnecting,
 * which would make the device reconnect and resend forever: the gateway acknowledges as a broker would
 * (PUBACK, or PUBREC then PUBCOMP for the client's PUBREL), forwards nothing and records the block.
 * QoS 0 has no answer. Returns undefined when nothing is to be sent.
 */
export function blockedPublishAnswer(version: ProtocolVersion, qos: 0 | 1 | 2, messageId: number | undefined): Buffer | undefined {
  if (qos === 0 || messageId === undefined) return undefined;
  const cmd = qos === 1 ? 'puback' : 'pubrec';
  return version === 5 ? encode({ cmd, messageId, reasonCode: REASON.notAuthorized }, version) : encode({ cmd, messageId }, version);
}

/** Ends the 3.1.1 QoS 2 flow of a PUBLISH the gateway blocked (the broker never saw its id). */
export function pubcomp(version: ProtocolVersion, messageId: number): Buffer {
  return encode({ cmd: 'pubcomp', messageId }, version);
}
