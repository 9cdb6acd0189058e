import type { DeviceOverviewView, DeviceSummaryView, StatusView } from '../api-types.js';
import { formatBytes, formatTime, h, table, type Child } from './dom.js';

/** How many recent violations the device view lists. */
export const RECENT_VIOLATIONS = 20;

export function renderStatus(status: StatusView): HTMLElement {
  const { proxy, policy } = status;
  const rows: [string, Child][] = [
    ['Version', status.version],
    ['Running for', formatDuration(status.uptimeSeconds)],
    ['Proxy', h('code', {}, proxy.http)],
    ['Transparent HTTP', proxy.transparentHttp === null ? 'off' : h('code', {}, proxy.transparentHttp)],
    ['Transparent HTTPS', proxy.transparentTls === null ? 'off' : h('code', {}, proxy.transparentTls)],
    status.hub === null
      ? ['Policy', `${policy.mode} mode, loaded ${formatTime(policy.loadedAt)} from ${policy.file}`]
      : ['Policy', 'from Home Assistant (the last one it sent is kept on disk while it is away)'],
  ];
  if (status.hub !== null) {
    const { hub } = status;
    const error = hub.lastError === null ? '' : `; last error: ${hub.lastError}`;
    rows.push(['Home Assistant', `${hub.url}: ${hub.state}, ${hub.outbox} reports waiting${error}`]);
  }
  const list = h('dl', { class: 'status' });
  for (const [term, value] of rows) list.append(h('dt', {}, term), h('dd', {}, value));
  const wrapper = h('div', {}, list);
  if (policy.lastError !== null) {
    const problems = h('ul', {}, ...policy.lastError.details.map((line) => h('li', {}, h('code', {}, line))));
    wrapper.append(
      h(
        'div',
        { class: 'error', role: 'alert' },
        h('p', {}, `The last edit of the policy was rejected (${policy.lastError.code}); the previous policy is still in force.`),
        h('p', {}, policy.lastError.message),
        problems,
      ),
    );
  }
  return wrapper;
}

export function renderDeviceList(devices: readonly DeviceOverviewView[], onSelect: (id: string) => void): HTMLElement {
  if (devices.length === 0) {
    return h('p', { class: 'placeholder' }, 'No device has sent anything through the gateway yet.');
  }
  const rows = devices.map((device) => {
    const open = h('button', { class: 'link', type: 'button' }, device.name);
    open.addEventListener('click', () => onSelect(device.id));
    return [
      open,
      h('code', {}, device.id),
      device.destinations,
      device.fields,
      badges(device.categories),
      device.violationsToday > 0 ? h('span', { class: 'violation' }, device.violationsToday) : '0',
      `${formatBytes(device.bytesUp)} / ${formatBytes(device.bytesDown)}`,
      formatTime(device.lastSeen),
    ];
  });
  return table(
    ['Device', 'Id', 'Destinations', 'Fields', 'Categories', 'Violations today', 'Up / down', 'Last seen'],
    rows,
  );
}

export function renderDeviceSummary(summary: DeviceSummaryView): HTMLElement {
  const deviceId = encodeURIComponent(summary.device.id);
  const reports = h(
    'p',
    { class: 'downloads' },
    h('a', { href: `/api/devices/${deviceId}/report?format=md`, download: '' }, 'Privacy report (Markdown)'),
    h('a', { href: `/api/devices/${deviceId}/report?format=json`, download: '' }, 'Privacy report (JSON)'),
  );
  return h(
    'div',
    {},
    h('p', {}, `Since ${formatTime(summary.since)}. First seen ${formatTime(summary.device.firstSeen)}.`),
    reports,
    h('h3', {}, 'Destinations'),
    destinations(summary),
    h('h3', {}, 'Fields sent'),
    fields(summary),
    h('h3', {}, 'Recent violations'),
    violations(summary),
  );
}

function destinations(summary: DeviceSummaryView): HTMLElement {
  if (summary.destinations.length === 0) return h('p', { class: 'placeholder' }, 'No destinations.');
  const rows = summary.destinations.map((d) => [
    h('code', {}, `${d.scheme}://${d.host}:${d.port}`),
    d.vendor ?? '—',
    d.inspectable ? 'inspected' : h('span', { class: 'violation' }, 'uninspectable (pinned certificate)'),
    d.forwarded,
    d.blocked,
    d.errors,
    formatTime(d.firstSeen),
    formatTime(d.lastSeen),
  ]);
  return table(['Destination', 'Vendor', 'Inspection', 'Forwarded', 'Blocked', 'Errors', 'First seen', 'Last seen'], rows);
}

function fields(summary: DeviceSummaryView): HTMLElement {
  const rows = summary.categories.flatMap((category) =>
    category.fields.map((field) => [
      h('span', { class: 'badge' }, category.label),
      field.host,
      h('code', {}, field.path),
      field.opaque ? 'opaque' : '',
      field.applied || field.action === 'allow' ? field.action : `${field.action} (not applied: monitor mode)`,
      field.count,
      formatTime(field.firstSeen),
      formatTime(field.lastSeen),
    ]),
  );
  if (rows.length === 0) return h('p', { class: 'placeholder' }, 'No inspected fields.');
  return table(['Category', 'Destination', 'Field', 'Readable', 'Action', 'Count', 'First seen', 'Last seen'], rows, 'fields');
}

function violations(summary: DeviceSummaryView): HTMLElement {
  const recent = summary.decisions.filter((d) => d.violation).slice(0, RECENT_VIOLATIONS);
  if (recent.length === 0) return h('p', { class: 'placeholder' }, 'No violations.');
  const rows = recent.map((d) => [
    formatTime(d.at),
    h('code', {}, `${d.method ?? ''} ${d.host}${d.path ?? ''}`.trim()),
    d.verdict,
    d.mode,
    d.ruleId ?? '—',
    d.reason,
  ]);
  return table(['When', 'Request', 'Outcome', 'Mode', 'Rule', 'Why'], rows, 'violations');
}

function badges(categories: readonly string[]): HTMLElement {
  return h('span', {}, ...categories.map((category) => h('span', { class: 'badge' }, category)));
}

export function formatDuration(seconds: number): string {
  const days = Math.floor(seconds / 86_400);
  const hours = Math.floor((seconds % 86_400) / 3_600);
  const minutes = Math.floor((seconds % 3_600) / 60);
  if (days > 0) return `${days} d ${hours} h`;
  if (hours > 0) return `${hours} h ${minutes} min`;
  return `${minutes} min ${Math.floor(seconds % 60)} s`;
}
