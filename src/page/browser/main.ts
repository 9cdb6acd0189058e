import { fetchStatus } from './api.js';
import { h, replaceChildren } from './dom.js';
import { renderStatus } from './render.js';

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

// The devices are the card's standalone components (<privacy-gateway-standalone>); this script keeps
// the status and the CA fingerprint current.
document.addEventListener('DOMContentLoaded', () => {
  void refreshStatus();
  setInterval(() => void refreshStatus(), REFRESH_MS);
});
