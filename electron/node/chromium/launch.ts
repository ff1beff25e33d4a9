/**
 * Starting a headless Chromium for export, web-mode checks and tests.
 *
 * The browser is Electron's when running inside it, else `$CHROMIUM_PATH`, else
 * the system's `chromium`. The flags keep it from reaching out to the network.
 */
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';
import type { Browser } from 'playwright-core';

export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--font-render-hinting=none',
] as const;

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

/** The Chromium executable to use, or null when none is installed. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | null {
  const fromEnv = env['CHROMIUM_PATH'];
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : null;
  return CANDIDATES.find((p) => existsSync(p)) ?? null;
}

export async function launchChromium(options: { headless?: boolean } = {}): Promise<Browser> {
  const executablePath = findChromium();
  if (!executablePath) {
    throw new Error('no Chromium found: install Debian\'s "chromium" package or set CHROMIUM_PATH');
  }
  return chromium.launch({ executablePath, headless: options.headless ?? true, args: [...CHROMIUM_FLAGS] });
}
