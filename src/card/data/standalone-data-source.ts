import {
  EDIT_HEADER,
  POLICY_EDITS_PATH,
  type ConditionView,
  type DeviceOverviewView,
  type DeviceSummaryView,
  type DevicesView,
  type EditAccessView,
} from '../../page/api-types.js';
import {
  byExposure,
  trustScore,
  CATEGORIES,
  FIELD_ACTIONS,
  type CategoryGroup,
  type ConditionedRuleView,
  type DeviceDetail,
  type DeviceOverview,
  type HouseholdView,
  type Mode,
  type PrivacyAction,
} from '../model.js';
import { editMessage } from './edit-message.js';
import { networkFromPage } from './network-mapping.js';
import { DataSourceError, reportFileName, type ExportedReport, type LiveUpdate, type PrivacyDataSource } from './data-source.js';

type Fetch = (input: string, init?: RequestInit) => Promise<Response>;

function startOfToday(now: number): number {
  const day = new Date(now);
  day.setHours(0, 0, 0, 0);
  return day.getTime();
}

export function overviewFromPage(device: DeviceOverviewView): DeviceOverview {
  const { score, reasons } = trustScore(device.violationsToday, 0, 0);
  return {
    id: device.id,
    name: device.name,
    mode: undefined,
    quarantined: false,
    trustScore: score,
    reasons,
    violationsToday: device.violationsToday,
    destinations: device.destinations,
    bytesUploaded: device.bytesUp,
    lastSeen: device.lastSeen,
  };
}

/** The page's ledger summary in the card's terms; today's counts feed the same trust formula as HA's. */
export function deviceFromPage(summary: DeviceSummaryView, now: number): DeviceDetail {
  const today = startOfToday(now);
  const violations = summary.decisions
    .filter((decision) => decision.violation)
    .map((decision) => ({
      at: decision.at,
      type: 'violation' as const,
      host: decision.host,
      fieldPath: undefined,
      explanation: decision.reason,
    }))
    .sort((a, b) => b.at - a.at);
  const categories: CategoryGroup[] = summary.categories.map((group) => ({
    category: CATEGORIES.find((category) => category === group.category),
    action: undefined,
    fields: group.fields.map((field) => ({
      path: field.path,
      host: field.host,
      action: FIELD_ACTIONS.find((action) => action === field.action) ?? 'allow',
      applied: field.applied,
      opaque: field.opaque,
      count: field.count,
      lastSeen: field.lastSeen,
      why: field.why === undefined || field.why === '' ? undefined : field.why,
    })),
  }));
  const opaque = summary.categories
    .flatMap((group) => group.fields)
    .filter((field) => field.opaque)
    .map((field) => ({ host: field.host, fieldPath: field.path, explanation: '', lastSeen: field.lastSeen }));
  const { score, reasons } = trustScore(
    violations.filter((event) => event.at >= today).length,
    summary.destinations.filter((destination) => destination.firstSeen >= today).length,
    opaque.filter((payload) => (payload.lastSeen ?? 0) >= today).length,
  );
  return {
    id: summary.device.id,
    name: summary.device.name,
    mode: MODES.find((mode) => mode === summary.policy?.mode),
    quarantined: summary.policy?.quarantined ?? false,
    connected: true,
    trustScore: score,
    reasons,
    destinations: summary.destinations.map((destination) => ({
      host: destination.host,
      vendor: destination.name?.vendor ?? destination.vendor ?? undefined,
      party: destination.name?.party,
      countries: destination.name?.countries,
      inspectable: destination.inspectable,
      // The policy's word for this host when it names it (right after an edit, before any traffic), else what happened.
      access: destination.policyAccess ?? (destination.blocked > 0 && destination.forwarded === 0 ? 'block' : 'allow'),
      // The ledger does not say whether a rule or the default decided: no "(default)" hint.
      explicit: true,
      requests: destination.forwarded + destination.blocked,
      blocked: destination.blocked,
      firstSeen: destination.firstSeen,
      lastSeen: destination.lastSeen,
    })),
    categories,
    violations,
    opaque,
    lastSeen: summary.device.lastSeen,
    lockdownProposal: summary.lockdownProposal && {
      observedDays: summary.lockdownProposal.observedDays,
      learningComplete: summary.lockdownProposal.learningComplete,
      destinations: summary.lockdownProposal.destinations.map((d) => ({
        ...d,
        categories: d.categories.flatMap((category) => CATEGORIES.filter((known) => known === category)),
      })),
    },
    ...(summary.conditions === undefined ? {} : { conditions: summary.conditions.map(conditionFromPage) }),
    // An older sidecar's page has no network view.
    network: summary.network === undefined ? undefined : networkFromPage(summary.network),
  };
}

/** The gateway's own reading: a state it holds while Home Assistant is away is the last known one. */
function conditionFromPage(view: ConditionView): ConditionedRuleView {
  const { guards, subject, test, assumed, state, since } = view;
  return { guards, subject, test, applies: view.holds, assumed, state, since, stale: view.live ? undefined : 'ha-away' };
}

const MODES: readonly Mode[] = ['monitor', 'enforce', 'lockdown'];

/**
 * The card's data from the sidecar's own local page (standalone mode, no Home Assistant). Actions go to
 * the page's policy edit API, which writes the policy file; `canEdit` follows what the page says this
 * browser may do (logged in, and no Home Assistant owning the policy). No push channel: the view
 * refreshes when the owner asks and after each change.
 */
export class StandaloneDataSource implements PrivacyDataSource {
  /** Known after the first household() or device(): false until the page said edits are allowed. */
  canEdit = false;
  /** Why edits are not possible here, as the page said (shown by whoever wants to explain). */
  editRefusal: { readonly code: string; readonly message: string } | undefined;
  readonly live = false;
  private readonly baseUrl: string;
  private readonly fetchFn: Fetch;

  constructor(baseUrl = '', fetchFn: Fetch = (input, init) => fetch(input, init)) {
    this.baseUrl = baseUrl.replace(/\/$/, '');
    this.fetchFn = fetchFn;
  }

  async household(): Promise<HouseholdView> {
    const [body] = await Promise.all([this.get('/api/devices', (value) => Array.isArray(value.devices)), this.refreshEditAccess()]);
    const devices = (body as unknown as DevicesView).devices.map(overviewFromPage).sort(byExposure);
    return { connected: true, mode: undefined, devices };
  }

  async device(deviceId: string): Promise<DeviceDetail> {
    const [body] = await Promise.all([
      this.get(`/api/devices/${encodeURIComponent(deviceId)}`, (value) => isRecord(value.device)),
      this.refreshEditAccess(),
    ]);
    return deviceFromPage(body as unknown as DeviceSummaryView, Date.now());
  }

  subscribe(_onUpdate: (update: LiveUpdate) => void): Promise<() => void> {
    return Promise.resolve(() => undefined);
  }

  /** One edit, in the integration's `{operation, data}` shape; resolves once the gateway runs the new policy. */
  async apply(action: PrivacyAction): Promise<void> {
    const { operation, data } = editMessage(action);
    await this.request(POLICY_EDITS_PATH, {
      method: 'POST',
      headers: { accept: 'application/json', 'content-type': 'application/json', [EDIT_HEADER]: '1' },
      body: JSON.stringify({ operation, data }),
    });
  }

  /** An older gateway without the edit API answers 404: read-only, as before. */
  private async refreshEditAccess(): Promise<void> {
    const access = await this.get(POLICY_EDITS_PATH, (value) => typeof value.allowed === 'boolean').catch(() => undefined);
    const view = access as EditAccessView | undefined;
    this.canEdit = view?.allowed === true;
    this.editRefusal = view === undefined || view.allowed
      ? undefined
      : { code: view.code ?? 'read_only', message: view.message ?? 'The page cannot change the policy' };
  }

  async exportReport(deviceId: string): Promise<ExportedReport> {
    const response = await this.request(`/api/devices/${encodeURIComponent(deviceId)}/report?format=md`);
    return { fileName: reportFileName(deviceId, 'md'), mimeType: 'text/markdown', content: await response.text() };
  }

  /** The shape check is shallow: the server is the same program that defines these types. */
  private async get(path: string, looksRight: (body: Record<string, unknown>) => boolean): Promise<Record<string, unknown>> {
    const response = await this.request(path);
    const body: unknown = await response.json().catch(() => undefined);
    if (!isRecord(body) || !looksRight(body)) {
      throw new DataSourceError('invalid_answer', `Unexpected answer from ${path} (HTTP ${response.status})`);
    }
    return body;
  }

  private async request(path: string, init: RequestInit = { headers: { accept: 'application/json' } }): Promise<Response> {
    let response: Response;
    try {
      // Relative to the page (no leading slash), so the API is found under Home Assistant's ingress path too.
      response = await this.fetchFn(`${this.baseUrl}${path}`, { cache: 'no-store', credentials: 'same-origin', ...init });
    } catch (error) {
      throw new DataSourceError('unreachable', `The gateway does not answer (${error instanceof Error ? error.message : String(error)})`);
    }
    if (!response.ok) {
      const body: unknown = await response.clone().json().catch(() => undefined);
      const error = isRecord(body) && isRecord(body.error) ? body.error : undefined;
      throw new DataSourceError(
        typeof error?.code === 'string' ? error.code : `http_${response.status}`,
        typeof error?.message === 'string' ? error.message : `HTTP ${response.status} from ${path}`,
      );
    }
    return response;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
