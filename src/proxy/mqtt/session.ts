import type { Duplex } from 'node:stream';
import type { IConnectPacket, IPublishPacket, Packet } from 'mqtt-packet';
import { asGatewayError, GatewayError } from '../../errors.js';
import type { FlowRecorder } from '../../ledger/index.js';
import type { Pseudonymizer } from '../../policy/index.js';
import { fingerprintsOf } from '../pipeline/inspect.js';
import { flowRecord, recordSafely, type RecordInput } from '../pipeline/flow-record.js';
import type { MqttContext } from '../contracts.js';
import { blockedPublishAnswer, connackNotAuthorized, connackUnavailable, encode, pubcomp, type ProtocolVersion } from './answers.js';
import { CONNECT_METHOD, CONNECT_PATH, judgeConnect } from './connect.js';
import { PacketDecoder } from './decoder.js';
import { FrameSplitter } from './frames.js';
import { judgeMessage, NO_FINGERPRINTS, observedOnly, type Judgement, type Message } from '../messages/index.js';
import { topicKey, topicPath } from './topic.js';
import type { MqttDeps } from './types.js';

type Phase = 'awaiting-connect' | 'connecting' | 'open' | 'closed';

/**
 * One device's MQTT connection through the gateway: the client's packets are policed (CONNECT's identity
 * and will, every PUBLISH) and forwarded as their original bytes unless edited; the broker's packets pass
 * through, its PUBLISHes observed and recorded as inbound. Packet ids need no renumbering: the gateway
 * only ever removes client PUBLISHes, answering each itself, and ends their QoS flows itself.
 */
export class MqttSession {
  private phase: Phase = 'awaiting-connect';
  private version: ProtocolVersion = 4;
  private broker: Duplex | undefined;
  private readonly queued: Buffer[] = [];
  private readonly fromClient: FrameSplitter;
  private readonly fromBroker: FrameSplitter;
  private readonly clientDecoder = new PacketDecoder();
  private brokerDecoder: PacketDecoder | undefined;
  /** MQTT 3.1.1 QoS 2 PUBLISHes the gateway blocked and answered with PUBREC: their PUBREL ends here. */
  private readonly blockedQos2 = new Set<number>();
  /** MQTT 5 topic aliases, per direction, so an aliased PUBLISH is judged (and forwarded) by its topic. */
  private readonly clientAliases = new Map<number, string>();
  private readonly brokerAliases = new Map<number, string>();

  constructor(
    private readonly deps: MqttDeps,
    private readonly pseudonymizer: Pseudonymizer,
    private readonly client: Duplex,
    private readonly ctx: MqttContext,
  ) {
    this.fromClient = new FrameSplitter(deps.limits.maxBodyBytes);
    this.fromBroker = new FrameSplitter(deps.limits.maxBodyBytes);
  }

  start(): void {
    this.client.on('data', (chunk: Buffer) => this.guard('client', () => this.onClientData(chunk)));
    this.client.on('error', (error) => this.close(`client error: ${error.message}`));
    this.client.on('close', () => this.finish(this.broker));
    this.client.resume();
  }

  private onClientData(chunk: Buffer): void {
    for (const frame of this.fromClient.push(chunk)) {
      if (this.phase === 'connecting') this.queued.push(frame);
      else if (this.phase !== 'closed') this.onClientFrame(frame);
    }
  }

  private onClientFrame(frame: Buffer): void {
    const packet = this.clientDecoder.decode(frame, 'client');
    if (this.phase === 'awaiting-connect') {
      if (packet.cmd !== 'connect') throw new GatewayError('REQUEST_INVALID', `the client sent ${packet.cmd} before CONNECT`);
      this.onConnect(packet, frame);
      return;
    }
    switch (packet.cmd) {
      case 'connect':
        throw new GatewayError('REQUEST_INVALID', 'the client sent a second CONNECT');
      case 'publish':
        this.onPublish(packet, frame);
        return;
      case 'pubrel':
        if (packet.messageId !== undefined && this.blockedQos2.delete(packet.messageId)) {
          this.client.write(pubcomp(this.version, packet.messageId));
          return;
        }
        break;
    }
    this.toBroker(frame);
  }

  private onConnect(packet: IConnectPacket, frame: Buffer): void {
    this.version = packet.protocolVersion ?? 4;
    this.ctx.onServed();
    const at = Date.now();
    const policy = this.deps.policy();
    const judged = judgeConnect(packet, this.ctx.target, policy, this.pseudonymizer);
    const fingerprints = fingerprintsOf(judged.fields, this.pseudonymizer);
    let connect = judged.packet;
    if (judged.decision.verdict !== 'block' && packet.will !== undefined) connect = this.judgeWill(connect, packet.will);
    const record = (bytesUp: number, error?: GatewayError): void =>
      this.record({ at, decision: judged.decision, method: CONNECT_METHOD, path: CONNECT_PATH, fingerprints, bytesUp, bytesDown: 0, error });
    if (judged.decision.verdict === 'block') {
      record(0);
      this.client.end(connackNotAuthorized(this.version));
      this.phase = 'closed';
      return;
    }
    const bytes = connect === packet ? frame : encode(connect, this.version);
    this.phase = 'connecting';
    this.brokerDecoder = new PacketDecoder(this.version);
    this.deps.dial(this.ctx).then(
      (broker) => {
        record(bytes.length);
        this.openWith(broker, bytes);
      },
      (failure: unknown) => {
        const error = asGatewayError(failure, 'UPSTREAM_UNREACHABLE', `the MQTT broker ${this.ctx.target.host} is unreachable`);
        record(0, error);
        this.deps.log.debug('MQTT broker unreachable', { host: this.ctx.target.host, reason: error.message });
        this.phase = 'closed';
        this.client.end(connackUnavailable(this.version));
      },
    );
  }

  /** The will is a PUBLISH the broker sends later on the device's behalf: judged now, at CONNECT. */
  private judgeWill(connect: IConnectPacket, will: NonNullable<IConnectPacket['will']>): IConnectPacket {
    const payload = typeof will.payload === 'string' ? Buffer.from(will.payload) : will.payload;
    const message: Message = { target: this.ctx.target, method: 'WILL', ...topicOf(will.topic), payload, contentType: will.properties?.contentType };
    const judged = this.judge(message, payload.length);
    if (judged.decision.verdict === 'block') {
      const next = { ...connect };
      delete next.will;
      return next;
    }
    return judged.edits === 0 ? connect : { ...connect, will: { ...will, payload: judged.payload } };
  }

  private openWith(broker: Duplex, connect: Buffer): void {
    if (this.phase === 'closed') return void broker.destroy();
    this.broker = broker;
    broker.on('data', (chunk: Buffer) => this.guard('broker', () => this.onBrokerData(chunk)));
    broker.on('error', (error) => this.close(`broker error: ${error.message}`));
    broker.on('close', () => this.finish(this.client));
    broker.write(connect);
    this.phase = 'open';
    for (const frame of this.queued.splice(0)) this.guard('client', () => this.onClientFrame(frame));
  }

  private onPublish(packet: IPublishPacket, frame: Buffer): void {
    const topic = resolveAlias(packet, this.clientAliases);
    const payload = typeof packet.payload === 'string' ? Buffer.from(packet.payload) : packet.payload;
    const message: Message = { target: this.ctx.target, method: 'PUBLISH', ...topicOf(topic), payload, contentType: packet.properties?.contentType };
    const judged = this.judge(message, frame.length);
    if (judged.decision.verdict === 'block') {
      const answer = blockedPublishAnswer(this.version, packet.qos, packet.messageId);
      if (answer !== undefined) this.client.write(answer);
      if (this.version !== 5 && packet.qos === 2 && packet.messageId !== undefined) this.blockedQos2.add(packet.messageId);
      return;
    }
    // An aliased PUBLISH is re-sent with its topic: the PUBLISH that set the alias may have been blocked.
    const rewrite = judged.edits > 0 || topic !== packet.topic;
    this.toBroker(rewrite ? encode({ ...packet, topic, payload: judged.payload }, this.version) : frame);
  }

  /** Backpressure: a broker reading slowly slows the device down instead of filling the gateway's memory. */
  private toBroker(bytes: Buffer): void {
    if (this.broker !== undefined && !this.broker.write(bytes)) pauseUntilDrained(this.client, this.broker);
  }

  private onBrokerData(chunk: Buffer): void {
    for (const frame of this.fromBroker.push(chunk)) {
      const packet: Packet | undefined = this.brokerDecoder?.decode(frame, 'broker');
      if (packet?.cmd === 'publish') this.observe(packet, frame.length);
      // Backpressure: a device reading slowly slows the broker's side down, not the gateway's memory.
      if (!this.client.write(frame) && this.broker !== undefined) pauseUntilDrained(this.broker, this.client);
    }
  }

  private observe(packet: IPublishPacket, bytes: number): void {
    const topic = resolveAlias(packet, this.brokerAliases);
    const payload = typeof packet.payload === 'string' ? Buffer.from(packet.payload) : packet.payload;
    const message: Message = { target: this.ctx.target, method: 'INBOUND PUBLISH', ...topicOf(topic), payload, contentType: packet.properties?.contentType };
    this.judge(message, 0, bytes, true);
  }

  /** Judges and records one message; inbound ones are recorded as observed, never applied. */
  private judge(message: Message, bytesUp: number, bytesDown = 0, inbound = false): Judgement {
    const at = Date.now();
    const judged = judgeMessage(message, this.deps.policy(), this.pseudonymizer, this.deps.limits.maxJsonDepth);
    const decision = inbound ? observedOnly(judged.decision) : judged.decision;
    const forwarded = decision.verdict === 'block' ? 0 : bytesUp;
    const fingerprints = fingerprintsOf(judged.fields, this.pseudonymizer);
    this.record({ at, decision, method: message.method, path: judged.path, fingerprints, bytesUp: forwarded, bytesDown, error: judged.error });
    return judged;
  }

  /** One ledger row per CONNECT, will and message, timed from when the packet arrived. */
  private record(input: Omit<RecordInput, 'ctx'> & { readonly at: number }): void {
    recordSafely(this.deps.recorder, flowRecord({ ...input, ctx: { ...this.ctx, startedAt: input.at } }));
  }

  /** A protocol error or a failure in the gateway: close both sides (fail closed) and record why. */
  private guard(from: 'client' | 'broker', step: () => void): void {
    try {
      step();
    } catch (failure) {
      const error = asGatewayError(failure, 'REQUEST_INVALID', `the gateway could not handle a packet from the ${from}`);
      this.record({ at: Date.now(), decision: undefined, method: 'MQTT', path: CONNECT_PATH, fingerprints: NO_FINGERPRINTS, bytesUp: 0, bytesDown: 0, error });
      this.close(error.message);
    }
  }

  /** One side hung up: the other gets what was already written to it, then an end. */
  private finish(other: Duplex | undefined): void {
    this.phase = 'closed';
    other?.end();
  }

  private close(reason: string): void {
    this.deps.log.debug('MQTT connection closed', { host: this.ctx.target.host, reason });
    this.phase = 'closed';
    this.client.destroy();
    this.broker?.destroy();
  }
}

function pauseUntilDrained(reader: Duplex, writer: Duplex): void {
  if (reader.isPaused()) return;
  reader.pause();
  writer.once('drain', () => reader.resume());
}

/** A topic as the policy reads it: the path, and the key a plain value is classified under. */
function topicOf(topic: string): { path: string; plainKey: string } {
  return { path: topicPath(topic), plainKey: topicKey(topic) };
}

/** MQTT 5: a PUBLISH with a topic alias and no topic uses the alias's topic; one with both sets it. */
function resolveAlias(packet: IPublishPacket, aliases: Map<number, string>): string {
  const alias = packet.properties?.topicAlias;
  if (alias === undefined) return packet.topic;
  if (packet.topic !== '') {
    aliases.set(alias, packet.topic);
    return packet.topic;
  }
  const topic = aliases.get(alias);
  if (topic === undefined) throw new GatewayError('REQUEST_INVALID', `MQTT topic alias ${alias} was never set`);
  return topic;
}
