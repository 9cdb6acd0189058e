import type { StatusView } from '../api-types.js';
import { formatTime, h, type Child } from './dom.js';

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

export function formatDuration(seconds: number): string {
  const days = Math.floor(seconds / 86_400);
  const hours = Math.floor((seconds % 86_400) / 3_600);
  const minutes = Math.floor((seconds % 3_600) / 60);
  if (days > 0) return `${days} d ${hours} h`;
  if (hours > 0) return `${hours} h ${minutes} min`;
  return `${minutes} min ${Math.floor(seconds % 60)} s`;
}
