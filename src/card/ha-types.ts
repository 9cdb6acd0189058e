import type { HassConnection } from './data/ha-data-source.js';

/**
 * The part of Home Assistant's `hass` object the card reads. The frontend's own type is not published
 * as a package; this one is structural, so the real object and the tests' fakes both fit.
 */
export interface HomeAssistant {
  readonly connection: HassConnection;
  readonly connected?: boolean;
  readonly user?: { readonly id: string; readonly is_admin: boolean; readonly name?: string } | null;
  readonly language?: string;
  readonly locale?: { readonly language?: string };
  readonly themes?: unknown;
  readonly selectedTheme?: unknown;
  readonly states?: unknown;
}

export function hassLanguage(hass: HomeAssistant | undefined): string | undefined {
  return hass?.locale?.language ?? hass?.language;
}

/**
 * Whether a new `hass` matters to the card. Home Assistant hands every card a new object on every state
 * change in the house; the card only depends on the connection, the user, the language and the theme.
 */
export function hassChangeMatters(previous: HomeAssistant | undefined, next: HomeAssistant | undefined): boolean {
  if (previous === undefined || next === undefined) return previous !== next;
  return (
    previous.connection !== next.connection ||
    previous.connected !== next.connected ||
    previous.user?.id !== next.user?.id ||
    previous.user?.is_admin !== next.user?.is_admin ||
    hassLanguage(previous) !== hassLanguage(next) ||
    previous.themes !== next.themes ||
    previous.selectedTheme !== next.selectedTheme
  );
}

/** Lovelace's sections-view sizing (HA frontend `LovelaceGridOptions`). */
export interface LovelaceGridOptions {
  readonly columns?: number | 'full';
  readonly rows?: number | 'auto';
  readonly min_columns?: number;
  readonly max_columns?: number;
  readonly min_rows?: number;
  readonly max_rows?: number;
}

export interface CustomCardEntry {
  readonly type: string;
  readonly name: string;
  readonly description: string;
  readonly preview?: boolean;
  readonly documentationURL?: string;
}

declare global {
  interface Window {
    customCards?: CustomCardEntry[];
  }
}
