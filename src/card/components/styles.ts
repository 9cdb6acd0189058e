import { css } from 'lit';

/**
 * Home Assistant's theme variables, with fallbacks for the standalone page (light, or dark when the
 * browser prefers it). Components read only the --pg-* names defined here.
 */
export const themeStyles = css`
  :host {
    --pg-text: var(--primary-text-color, #212121);
    --pg-text-secondary: var(--secondary-text-color, #5f6368);
    --pg-background: var(--ha-card-background, var(--card-background-color, #ffffff));
    --pg-divider: var(--divider-color, rgba(0, 0, 0, 0.12));
    --pg-primary: var(--primary-color, #03a9f4);
    --pg-on-primary: var(--text-primary-color, #ffffff);
    --pg-error: var(--error-color, #db4437);
    --pg-warning: var(--warning-color, #ffa600);
    --pg-success: var(--success-color, #43a047);
    --pg-radius: var(--ha-card-border-radius, 12px);
    --pg-chip-background: var(--secondary-background-color, rgba(127, 127, 127, 0.12));
    color: var(--pg-text);
    font-family: var(--ha-font-family-body, var(--paper-font-body1_-_font-family, system-ui, sans-serif));
  }
  @media (prefers-color-scheme: dark) {
    :host {
      --pg-text: var(--primary-text-color, #e1e1e1);
      --pg-text-secondary: var(--secondary-text-color, #9e9e9e);
      --pg-background: var(--ha-card-background, var(--card-background-color, #1c1c1c));
      --pg-divider: var(--divider-color, rgba(225, 225, 225, 0.12));
    }
  }
  button {
    font: inherit;
    color: inherit;
    background: var(--pg-chip-background);
    border: 1px solid var(--pg-divider);
    border-radius: 999px;
    padding: 2px 10px;
    min-height: 28px;
    cursor: pointer;
  }
  button:hover {
    border-color: var(--pg-primary);
  }
  button:focus-visible {
    outline: 2px solid var(--pg-primary);
    outline-offset: 2px;
  }
  button[aria-pressed='true'] {
    background: var(--pg-primary);
    color: var(--pg-on-primary);
    border-color: var(--pg-primary);
  }
  button[disabled] {
    cursor: progress;
    opacity: 0.6;
  }
  button.danger {
    color: var(--pg-error);
    border-color: var(--pg-error);
  }
  h3 {
    font-size: 1rem;
    font-weight: 500;
    margin: 16px 0 8px;
  }
  .secondary {
    color: var(--pg-text-secondary);
    font-size: 0.875rem;
  }
  .chip {
    display: inline-block;
    padding: 0 8px;
    border-radius: 999px;
    background: var(--pg-chip-background);
    font-size: 0.8125rem;
    line-height: 1.6;
  }
  .chip.bad {
    background: var(--pg-error);
    color: var(--pg-on-primary);
  }
  .chip.warn {
    background: var(--pg-warning);
    color: #000;
  }
  code {
    font-family: var(--ha-font-family-code, ui-monospace, monospace);
    font-size: 0.8125rem;
    overflow-wrap: anywhere;
  }
  table {
    width: 100%;
    border-collapse: collapse;
    font-size: 0.875rem;
  }
  th,
  td {
    text-align: start;
    padding: 6px 4px;
    border-bottom: 1px solid var(--pg-divider);
    vertical-align: top;
  }
  th {
    color: var(--pg-text-secondary);
    font-weight: 500;
  }
  .banner {
    padding: 8px 12px;
    border-radius: 8px;
    border-inline-start: 4px solid var(--pg-warning);
    background: var(--pg-chip-background);
    margin-bottom: 12px;
  }
  .banner.error {
    border-color: var(--pg-error);
  }
  .sr-only {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
  }
`;

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(1)} ${units[unit] ?? 'TiB'}`;
}

export function formatTime(epochMs: number | undefined, language: string | undefined, never: string): string {
  if (epochMs === undefined) return never;
  return new Date(epochMs).toLocaleString(language);
}
