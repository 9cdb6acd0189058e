import type net from 'node:net';

/** CONNACK "server unavailable": MQTT 3.1/3.1.1 return code 3 (§3.2.2.3), MQTT 5 reason 0x88 with no properties. */
const CONNACK_UNAVAILABLE_V3 = Buffer.from([0x20, 0x02, 0x00, 0x03]);
const CONNACK_UNAVAILABLE_V5 = Buffer.from([0x20, 0x03, 0x00, 0x88, 0x00]);

/**
 * Answers a client the gateway has no broker for: it reads the CONNECT's protocol level and sends the
 * CONNACK that version understands ("server unavailable": retry later, nothing is wrong with you), then
 * closes. Anything that is not a CONNECT, or silence past `timeoutMs`, is simply closed.
 */
export function refuseConnect(socket: net.Socket, timeoutMs: number): void {
  let received = Buffer.alloc(0);
  const timer = setTimeout(() => socket.destroy(), timeoutMs);
  const finish = (answer: Buffer | undefined): void => {
    clearTimeout(timer);
    socket.removeListener('data', onData);
    if (answer === undefined) return void socket.destroy();
    socket.end(answer);
  };
  const onData = (chunk: Buffer): void => {
    received = Buffer.concat([received, chunk]);
    const level = connectProtocolLevel(received);
    if (level === 'incomplete' && received.length < 64) return;
    finish(level === 5 ? CONNACK_UNAVAILABLE_V5 : level === 3 || level === 4 ? CONNACK_UNAVAILABLE_V3 : undefined);
  };
  socket.on('data', onData);
  socket.once('close', () => clearTimeout(timer));
}

/** The protocol level of a CONNECT at the start of `bytes` (fixed header, then the protocol name). */
export function connectProtocolLevel(bytes: Buffer): number | 'incomplete' | 'not-connect' {
  if (bytes.length === 0) return 'incomplete';
  if (bytes[0] !== 0x10) return 'not-connect';
  let offset = 1;
  // The remaining length is a variable-length integer of up to 4 bytes (§2.2.3).
  for (;;) {
    const byte = bytes[offset];
    if (byte === undefined) return 'incomplete';
    offset += 1;
    if ((byte & 0x80) === 0) break;
    if (offset > 4) return 'not-connect';
  }
  if (bytes.length < offset + 2) return 'incomplete';
  const nameLength = bytes.readUInt16BE(offset);
  const level = bytes[offset + 2 + nameLength];
  return level === undefined ? 'incomplete' : level;
}
