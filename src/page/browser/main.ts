import { fetchDeviceSummary, fetchDevices, fetchStatus } from './api.js';
import { h, replaceChildren } from './dom.js';
import { renderDeviceList, renderDeviceSummary, renderStatus } from './render.js';

/** How often the page refreshes what it shows; the ledger flushes on a similar cadence. */
const REFRESH_MS = 10_000;

function part(role: string): HTMLElement {
  const element = document.querySelector<HTMLElement>(`[data-role="${role}"]`);
  if (!element) throw new Error(`The page is missing its ${role} element`);
  return element;
}

function showError(container: Element, error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  replaceChildren(container, h('p', { class: 'error', role: 'alert' }, message));
}

/** The device the owner opened; kept in the URL fragment so a reload shows it again. */
function selectedDevice(): string | undefined {
  const id = decodeURIComponent(location.hash.replace(/^#device=/, ''));
  return location.hash.startsWith('#device=') && id !== '' ? id : undefined;
}

async function refreshStatus(): Promise<void> {
  const container = part('status-body');
  try {
    const status = await fetchStatus();
    replaceChildren(container, renderStatus(status));
    part('ca-fingerprint').textContent = status.ca.fingerprintSha256;
  } catch (error) {
    showError(container, error);
  }
}

async function refreshDevices(): Promise<void> {
  // A page that includes the card's components (<privacy-gateway-standalone>) leaves the devices to them.
  const container = document.querySelector<HTMLElement>('[data-role="device-list"]');
  if (!container) return;
  try {
    const { devices } = await fetchDevices();
    replaceChildren(
      container,
      renderDeviceList(devices, (id) => {
        location.hash = `device=${encodeURIComponent(id)}`;
      }),
    );
  } catch (error) {
    showError(container, error);
  }
}

async function refreshDevice(): Promise<void> {
  const section = document.getElementById('device');
  if (!section) return;
  const id = selectedDevice();
  section.hidden = id === undefined;
  if (id === undefined) return;
  const body = part('device-body');
  try {
    const summary = await fetchDeviceSummary(id);
    part('device-title').textContent = summary.device.name;
    replaceChildren(body, renderDeviceSummary(summary));
  } catch (error) {
    part('device-title').textContent = id;
    showError(body, error);
  }
}

function refreshAll(): void {
  void refreshStatus();
  void refreshDevices();
  void refreshDevice();
}

window.addEventListener('hashchange', () => void refreshDevice());
document.addEventListener('DOMContentLoaded', () => {
  refreshAll();
  setInterval(refreshAll, REFRESH_MS);
});
