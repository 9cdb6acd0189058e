/**
 * The browser side of the real-frontend suite: Debian's chromium (installed by scripts/browser-env.sh)
 * driven by playwright-core, with a fresh profile, logging into Home Assistant through its real login page.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Dialog, type Page } from 'playwright-core';
import { REPO } from './ha-harness.js';

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];

export const DESKTOP = { width: 1280, height: 800 } as const;
export const PHONE = { width: 390, height: 844 } as const;

/** The chromium binary, installed on first use; the reason when it cannot be had. */
export function chromiumPath(): string | { readonly unavailable: string } {
  const result = spawnSync(join(REPO, 'scripts/browser-env.sh'), [], { encoding: 'utf8', timeout: 600_000 });
  if (result.status !== 0) return { unavailable: `scripts/browser-env.sh: ${(result.stderr || result.error?.message || '').trim()}` };
  return result.stdout.trim();
}

export class Browser {
  /** Every dialog (alert, confirm) a page opened: hostile markup that ran would show up here. */
  readonly dialogs: string[] = [];
  /** Uncaught page errors, for the failure message when something does not render. */
  readonly pageErrors: string[] = [];
  private constructor(
    private readonly context: BrowserContext,
    private readonly profile: string,
    readonly page: Page,
  ) {}

  static async launch(executablePath: string): Promise<Browser> {
    const profile = mkdtempSync(join(tmpdir(), 'pg-e2e-chromium-'));
    const context = await chromium.launchPersistentContext(profile, {
      executablePath,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: DESKTOP,
      locale: 'en-US',
      timezoneId: 'UTC',
    });
    const page = context.pages()[0] ?? (await context.newPage());
    const browser = new Browser(context, profile, page);
    page.on('dialog', (dialog: Dialog) => {
      browser.dialogs.push(`${dialog.type()}: ${dialog.message()}`);
      void dialog.dismiss();
    });
    page.on('pageerror', (error) => browser.pageErrors.push(error.message));
    return browser;
  }

  /** The real login page: opening Home Assistant unauthenticated redirects to it; back on `/` once done. */
  async logIn(baseUrl: string, username: string, password: string): Promise<void> {
    const page = this.page;
    await page.goto(`${baseUrl}/`);
    await page.waitForURL(/\/auth\/authorize/, { timeout: 30_000 });
    await page.getByRole('textbox', { name: /username/i }).fill(username);
    await page.getByLabel(/password/i).first().fill(password);
    await page.getByRole('button', { name: /log in/i }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/auth/') && !url.search.includes('auth_callback'), { timeout: 30_000 });
    // The app is up when its sidebar lists the panels.
    await page.locator('ha-sidebar').first().waitFor({ state: 'attached', timeout: 30_000 });
  }

  async close(): Promise<void> {
    await this.context.close();
    rmSync(this.profile, { recursive: true, force: true });
  }
}
