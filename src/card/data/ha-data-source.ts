import type { DeviceDetail, HouseholdView, PrivacyAction } from '../model.js';
import { networkFromHa } from './network-mapping.js';
import { DataSourceError, asDataSourceError, reportFileName, type ExportedReport, type LiveUpdate, type PrivacyDataSource } from './data-source.js';
import { proposalOf } from './ha-proposal.js';
import { deviceFromHa, fromEventData, householdFromHa, toSeenEvent, type ObservedHistory, type SeenEvent } from './ha-mapping.js';
import {
  CardEventSchema,
  DeviceReportSchema,
  DevicesResultSchema,
  describeIssues,
  type PolicyEditMessage,
} from './ha-protocol.js';
import { z } from '../zod.js';
import { editMessage } from './edit-message.js';

export { editMessage };
import { CATEGORIES, FIELD_ACTIONS } from '../model.js';

const seenTime = z.pipe(
  z.nullish(z.string()),
  z.transform((value) => {
    const ms = value ? Date.parse(value) : Number.NaN;
    return Number.isNaN(ms) ? undefined : ms;
  }),
);
const tally = z.catch(z.int().check(z.nonnegative()), 0);

/**
 * device_report's `observed_destinations` and `fields` (docs/HUB_PROTOCOL.md). They belong with
 * DeviceReportSchema in ha-protocol.ts; until they move there they are parsed here, from the same answer.
 * A list that does not parse is treated as absent: the card then shows what it saw live.
 */
const ObservedSchema = z.object({
  generated_at: seenTime,
  observed_destinations: z.catch(
    z.optional(
      z.array(
        z.object({
          host: z.string(),
          vendor: z.nullish(z.string()),
          party: z.catch(z.optional(z.enum(['first', 'support', 'third', 'unknown'])), undefined),
          countries: z.catch(z.array(z.string()), []),
          inspectable: z.nullish(z.boolean()),
          requests: tally,
          blocked: tally,
          first_seen: seenTime,
          last_seen: seenTime,
        }),
      ),
    ),
    undefined,
  ),
  fields: z.catch(
    z.optional(
      z.array(
        z.object({
          path: z.string(),
          categories: z.catch(z.array(z.enum(CATEGORIES)), []),
          action: z.catch(z.enum(FIELD_ACTIONS), 'allow'),
          opaque: z.catch(z.boolean(), false),
          count: tally,
          host: z.nullish(z.string()),
          last_seen: seenTime,
          why: z.catch(z.optional(z.string()), undefined),
        }),
      ),
    ),
    undefined,
  ),
});

function observedOf(answer: unknown): ObservedHistory & { readonly generatedAt: number | undefined } {
  const parsed = ObservedSchema.safeParse(answer);
  if (!parsed.success) return { destinations: undefined, fields: undefined, generatedAt: undefined };
  const { observed_destinations: destinations, fields, generated_at: generatedAt } = parsed.data;
  return {
    generatedAt,
    destinations: destinations?.map((d) => ({
      host: d.host,
      vendor: d.vendor ?? undefined,
      party: d.party,
      countries: d.countries,
      inspectable: d.inspectable ?? undefined,
      requests: d.requests,
      blocked: d.blocked,
      firstSeen: d.first_seen,
      lastSeen: d.last_seen,
    })),
    fields: fields?.map((f) => ({
      path: f.path,
      categories: f.categories,
      action: f.action,
      opaque: f.opaque,
      count: f.count,
      host: f.host ?? undefined,
      lastSeen: f.last_seen,
      why: f.why === '' ? undefined : f.why,
    })),
  };
}

export interface HassMessage {
  readonly type: string;
  readonly [key: string]: unknown;
}

/** The part of home-assistant-js-websocket's `Connection` the card uses (`hass.connection`). */
export interface HassConnection {
  sendMessagePromise<Result>(message: HassMessage): Promise<Result>;
  subscribeMessage<Result>(
    callback: (result: Result) => void,
    subscribeMessage: HassMessage,
    options?: { resubscribe?: boolean },
  ): Promise<() => Promise<void>>;
}

/** An answer that does not have the documented shape: an integration of another version, most likely. */
function parseAnswer<T>(
  schema: { safeParse(value: unknown): { success: true; data: T } | { success: false; error: { issues: Parameters<typeof describeIssues>[0] } } },
  value: unknown,
  command: string,
): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new DataSourceError('invalid_answer', `Unexpected answer to ${command}: ${describeIssues(result.error.issues)}`);
}

/** How many live events the card keeps per device for its timeline (a week of a busy device). */
const MAX_EVENTS_PER_DEVICE = 2_000;


/**
 * The card's data over Home Assistant's websocket: the integration's card commands and its live
 * subscription. The report's own history (`events`, `observed_destinations`, `fields`) fills the view;
 * events seen through the subscription are kept too, so the timeline grows while the card is open
 * (and an integration that keeps no history still shows what happened since).
 */
export class HaDataSource implements PrivacyDataSource {
  readonly live = true;
  readonly canEdit: boolean;
  private readonly connection: HassConnection;
  private readonly events = new Map<string, SeenEvent[]>();

  constructor(connection: HassConnection, isAdmin: boolean) {
    this.connection = connection;
    this.canEdit = isAdmin;
  }

  async household(): Promise<HouseholdView> {
    const result = await this.send({ type: 'privacy_gateway/devices' });
    return householdFromHa(parseAnswer(DevicesResultSchema, result, 'privacy_gateway/devices'));
  }

  async device(deviceId: string): Promise<DeviceDetail> {
    const answer = await this.send({ type: 'privacy_gateway/device_report', device_id: deviceId });
    const report = parseAnswer(DeviceReportSchema, answer, 'privacy_gateway/device_report');
    const observed = observedOf(answer);
    if (report.events !== undefined && observed.generatedAt !== undefined) {
      // The integration keeps every event before pushing it: its history replaces what was seen live
      // until it answered, so an event is not shown twice (once live, once from the report).
      const since = observed.generatedAt;
      this.events.set(deviceId, (this.events.get(deviceId) ?? []).filter((event) => event.at > since));
    }
    for (const event of report.events ?? []) {
      if (event.ts !== undefined) this.remember(fromEventData(event.event_type, { ...event.data, device_id: deviceId }, event.ts));
    }
    return {
      ...deviceFromHa(report, this.events.get(deviceId) ?? [], observed),
      lockdownProposal: proposalOf(answer),
      network: networkFromHa(report.stats, answer),
    };
  }

  async subscribe(onUpdate: (update: LiveUpdate) => void): Promise<() => void> {
    const unsubscribe = await this.connection
      .subscribeMessage<unknown>((message) => {
        const update = this.receive(message);
        if (update !== undefined) onUpdate(update);
      }, { type: 'privacy_gateway/subscribe' })
      .catch((error: unknown) => {
        throw asDataSourceError(error);
      });
    // A connection already closed rejects the unsubscribe; there is nothing left to stop then.
    return () => void unsubscribe().catch(() => undefined);
  }

  async apply(action: PrivacyAction): Promise<void> {
    await this.send(editMessage(action));
  }

  async exportReport(deviceId: string): Promise<ExportedReport> {
    const raw = await this.send({ type: 'privacy_gateway/device_report', device_id: deviceId });
    const report = parseAnswer(DeviceReportSchema, raw, 'privacy_gateway/device_report');
    return { fileName: reportFileName(report.name, 'json'), mimeType: 'application/json', content: JSON.stringify(raw, null, 2) };
  }

  private receive(message: unknown): LiveUpdate | undefined {
    const parsed = CardEventSchema.safeParse(message);
    // An event type from a newer integration is not an error: the card just does not show it.
    if (!parsed.success) return undefined;
    const event = parsed.data;
    switch (event.type) {
      case 'sidecar':
        return { kind: 'sidecar', connected: event.connected };
      case 'device':
        return { kind: 'device', deviceId: event.device_id };
      case 'policy':
        return { kind: 'policy' };
      case 'event': {
        const seen = toSeenEvent(event, Date.now());
        this.remember(seen);
        return { kind: 'event', deviceId: seen.deviceId };
      }
    }
  }

  private remember(event: SeenEvent): void {
    if (event.deviceId === undefined) return;
    const list = this.events.get(event.deviceId) ?? [];
    if (list.some((known) => known.at === event.at && known.type === event.type && known.fieldPath === event.fieldPath && known.host === event.host)) return;
    list.push(event);
    if (list.length > MAX_EVENTS_PER_DEVICE) list.splice(0, list.length - MAX_EVENTS_PER_DEVICE);
    this.events.set(event.deviceId, list);
  }

  private async send(message: HassMessage | PolicyEditMessage): Promise<unknown> {
    try {
      return await this.connection.sendMessagePromise<unknown>(message);
    } catch (error) {
      throw asDataSourceError(error);
    }
  }
}
