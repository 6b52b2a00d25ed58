// Test helpers for the browser tests (test/browser/): Debian's Chromium (/usr/bin/chromium) driven by
// playwright-core, with WebGPU (SwiftShader) and WebGL2 on; and a static server for a built folder on
// 127.0.0.1. Where CI is set the browser must start (CI installs it with scripts/install_system_deps.sh
// --test); elsewhere a test may skip with the reason.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';

/** The flags Chromium needs here: WebGPU on, nothing that reaches the (closed) network. */
export const CHROMIUM_ARGS = [
  '--enable-unsafe-webgpu',
  '--enable-features=Vulkan',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--disable-default-apps',
  ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
];

/** True where browser tests must run rather than skip: CI installs Chromium. */
export const chromiumRequired = (): boolean => Boolean(process.env.CI);

export type ChromiumStatus = { ready: true } | { ready: false; reason: string };

/** Whether the browser is installed (the launch itself is tried by openBrowser). */
export function chromiumStatus(): ChromiumStatus {
  return existsSync(CHROMIUM) ? { ready: true } : { ready: false, reason: `${CHROMIUM} is missing; install it with scripts/install_system_deps.sh --test` };
}

export interface OpenBrowser {
  browser: Browser;
  context: BrowserContext;
  close(): Promise<void>;
}

/** Launches headless Chromium with a fresh profile (removed on close). */
export async function openBrowser(options: { viewport?: { width: number; height: number }; acceptDownloads?: boolean } = {}): Promise<OpenBrowser> {
  const profile = mkdtempSync(join(tmpdir(), 'netc-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: options.viewport ?? { width: 1400, height: 900 },
    acceptDownloads: options.acceptDownloads ?? true,
    timeout: 60_000,
  });
  const browser = context.browser() as Browser;
  return {
    browser,
    context,
    async close() {
      await context.close().catch(() => undefined);
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
