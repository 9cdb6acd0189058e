import type { Duplex } from 'node:stream';
import type { IConnectPacket, IPublishPacket, Packet } from 'mqtt-packet';
import { asGatewayError, GatewayError } from '../../errors.js';
import type { FlowRecorder } from '../../ledger/index.js';
import type { Pseudonymizer } from '../../policy/index.js';
import { fingerprintsOf } from '../pipeline/fingerprints.js';
import { flowRecord, recordSafely, type RecordInput } from '../pipeline/flow-record.js';
import type { MqttContext } from '../contracts.js';
import { blockedPublishAnswer, connackNotAuthorized, connackUnavailable, encode, pubcomp, type ProtocolVersion } from './answers.js';
import { CONNECT_METHOD, CONNECT_PATH, judgeConnect } from './connect.js';
import { PacketDecoder } from './decoder.js';
import { FrameSplitter } from './frames.js';
import { type HeldOutput, judgeMessage, NO_FINGERPRINTS, observedOnly, type Judgement, type Message } from '../messages/index.js';
import { outputTo } from './output.js';
import { resolveAlias, topicOf } from './topic.js';
import type { MqttDeps } from './types.js';

type Phase = 'awaiting-connect' | 'connecting' | 'open' | 'closed';

/**
 * One device's MQTT connection through the gateway: the client's packets are policed (CONNECT's identity
 * and will, every PUBLISH) and forwarded as their original bytes unless edited; the broker's packets pass
 * through, its PUBLISHes observed and recorded as inbound. Packet ids need no renumbering: the gateway
 * only ever removes client PUBLISHes, answering each itself, and ends their QoS flows itself.
 *
 * Zero loss: a PUBLISH (either direction), the CONNECT and every answer the gateway gives itself (a
 * refused CONNECT, a blocked PUBLISH's PUBACK/PUBREC) leave the gateway only once their record is
 * committed (HeldOutput and the ledger's group commit); packets behind them wait, so order is kept.
 */
export class MqttSession {
  private phase: Phase = 'awaiting-connect';
  private version: ProtocolVersion = 4;
  private broker: Duplex | undefined;
  private readonly toClient: HeldOutput<Buffer>;
  private toBrokerOutput: HeldOutput<Buffer> | undefined;
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
    // Backpressure: a device reading slowly slows the broker's side down, not the gateway's memory.
    this.toClient = outputTo(client, () => this.broker);
  }

  start(): void {
    this.client.on('data', (chunk: Buffer) => this.guard('client', () => this.onClientData(chunk)));
    this.client.on('error', (error) => this.close(`client error: ${error.message}`));
    this.client.on('close', () => this.finish(this.toBrokerOutput, this.broker));
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
          this.toClient.pass(pubcomp(this.version, packet.messageId));
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
    const record = (bytesUp: number, error: GatewayError | undefined, release: (() => void) | undefined): void =>
      this.record({ at, decision: judged.decision, method: CONNECT_METHOD, path: CONNECT_PATH, fingerprints, bytesUp, bytesDown: 0, error }, release);
    if (judged.decision.verdict === 'block') {
      record(0, undefined, this.refuse(connackNotAuthorized(this.version)));
      return;
    }
    const bytes = connect === packet ? frame : encode(connect, this.version);
    this.phase = 'connecting';
    this.brokerDecoder = new PacketDecoder(this.version);
    this.deps.dial(this.ctx).then(
      (broker) => record(bytes.length, undefined, this.openWith(broker, bytes)),
      (failure: unknown) => {
        const error = asGatewayError(failure, 'UPSTREAM_UNREACHABLE', `the MQTT broker ${this.ctx.target.host} is unreachable`);
        this.deps.log.debug('MQTT broker unreachable', { host: this.ctx.target.host, reason: error.message });
        record(0, error, this.refuse(connackUnavailable(this.version)));
      },
    );
  }

  /** The gateway's own CONNACK refusal: sent once its record is stored, then the client's side ends. */
  private refuse(connack: Buffer): () => void {
    this.phase = 'closed';
    const release = this.toClient.hold(connack);
    this.toClient.end(() => this.client.end());
    return release;
  }

  /** The will is a PUBLISH the broker sends later on the device's behalf: judged now, at CONNECT. */
  private judgeWill(connect: IConnectPacket, will: NonNullable<IConnectPacket['will']>): IConnectPacket {
    const payload = typeof will.payload === 'string' ? Buffer.from(will.payload) : will.payload;
    const message: Message = { target: this.ctx.target, method: 'WILL', ...topicOf(will.topic), payload, contentType: will.properties?.contentType };
    const { judged, entry } = this.judge(message, payload.length);
    // Recorded now, in the ledger's next batch: the CONNECT's durable record commits it at the latest.
    this.record(entry);
    if (judged.decision.verdict === 'block') {
      const next = { ...connect };
      delete next.will;
      return next;
    }
    return judged.edits === 0 ? connect : { ...connect, will: { ...will, payload: judged.payload } };
  }

  /** Returns the release of the held CONNECT (undefined when the client left meanwhile). */
  private openWith(broker: Duplex, connect: Buffer): (() => void) | undefined {
    if (this.phase === 'closed') return void broker.destroy();
    this.broker = broker;
    broker.on('data', (chunk: Buffer) => this.guard('broker', () => this.onBrokerData(chunk)));
    broker.on('error', (error) => this.close(`broker error: ${error.message}`));
    broker.on('close', () => this.finish(this.toClient, this.client));
    // Backpressure: a broker reading slowly slows the device down instead of filling the gateway's memory.
    const output = outputTo(broker, () => this.client);
    this.toBrokerOutput = output;
    const release = output.hold(connect);
    this.phase = 'open';
    for (const frame of this.queued.splice(0)) this.guard('client', () => this.onClientFrame(frame));
    return release;
  }

  private onPublish(packet: IPublishPacket, frame: Buffer): void {
    const topic = resolveAlias(packet, this.clientAliases);
    const payload = typeof packet.payload === 'string' ? Buffer.from(packet.payload) : packet.payload;
    const message: Message = { target: this.ctx.target, method: 'PUBLISH', ...topicOf(topic), payload, contentType: packet.properties?.contentType };
    const { judged, entry } = this.judge(message, frame.length);
    if (judged.decision.verdict === 'block') {
      const answer = blockedPublishAnswer(this.version, packet.qos, packet.messageId);
      if (this.version !== 5 && packet.qos === 2 && packet.messageId !== undefined) this.blockedQos2.add(packet.messageId);
      this.record(entry, answer === undefined ? undefined : this.toClient.hold(answer));
      return;
    }
    // An aliased PUBLISH is re-sent with its topic: the PUBLISH that set the alias may have been blocked.
    const rewrite = judged.edits > 0 || topic !== packet.topic;
    const bytes = rewrite ? encode({ ...packet, topic, payload: judged.payload }, this.version) : frame;
    this.record(entry, this.toBrokerOutput?.hold(bytes));
  }

  private toBroker(bytes: Buffer): void {
    this.toBrokerOutput?.pass(bytes);
  }

  private onBrokerData(chunk: Buffer): void {
    for (const frame of this.fromBroker.push(chunk)) {
      const packet: Packet | undefined = this.brokerDecoder?.decode(frame, 'broker');
      if (packet?.cmd === 'publish') this.observe(packet, frame);
      else this.toClient.pass(frame);
    }
  }

  /** The vendor's PUBLISH to the device: recorded as observed, and passed on once that record is stored. */
  private observe(packet: IPublishPacket, frame: Buffer): void {
    const topic = resolveAlias(packet, this.brokerAliases);
    const payload = typeof packet.payload === 'string' ? Buffer.from(packet.payload) : packet.payload;
    const message: Message = { target: this.ctx.target, method: 'INBOUND PUBLISH', ...topicOf(topic), payload, contentType: packet.properties?.contentType };
    this.record(this.judge(message, 0, frame.length, true).entry, this.toClient.hold(frame));
  }

  /** Judges one message and says what to record; inbound ones are observed, never applied. */
  private judge(message: Message, bytesUp: number, bytesDown = 0, inbound = false): { judged: Judgement; entry: Entry } {
    const at = Date.now();
    const judged = judgeMessage(message, this.deps.policy(), this.pseudonymizer, this.deps.limits.maxJsonDepth);
    const decision = inbound ? observedOnly(judged.decision) : judged.decision;
    const forwarded = decision.verdict === 'block' ? 0 : bytesUp;
    const fingerprints = fingerprintsOf(judged.fields, this.pseudonymizer);
    return { judged, entry: { at, decision, method: message.method, path: judged.path, fingerprints, bytesUp: forwarded, bytesDown, error: judged.error } };
  }

  /**
   * One ledger row per CONNECT, will and message, timed from when the packet arrived. `release` (a held
   * packet) is called once the row is committed, or at once when the recorder cannot promise that.
   */
  private record(input: Entry, release?: () => void): void {
    recordSafely(this.deps.recorder, flowRecord({ ...input, ctx: { ...this.ctx, startedAt: input.at } }), release);
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

  /** One side hung up: the other gets what was already queued for it (held packets too), then an end. */
  private finish(output: HeldOutput<Buffer> | undefined, other: Duplex | undefined): void {
    this.phase = 'closed';
    if (output === undefined) other?.end();
    else output.end(() => other?.end());
  }

  private close(reason: string): void {
    this.deps.log.debug('MQTT connection closed', { host: this.ctx.target.host, reason });
    this.phase = 'closed';
    this.toClient.discard();
    this.toBrokerOutput?.discard();
    this.client.destroy();
    this.broker?.destroy();
  }
}

type Entry = Omit<RecordInput, 'ctx'> & { readonly at: number };
