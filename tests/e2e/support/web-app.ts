/**
 * End-to-end support: the built CLI's `banmian web` serving a page file in a
 * child process (the real server, the real import worker), opened in the
 * system Chromium through playwright-core.
 */
import { spawn } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../../../electron/node/chromium/launch';

export interface WebApp {
  url: string;
  browser: Browser;
  page: Page;
  /**
   * A new `banmian web` process on the same file, opened in the same tab: the
   * page as it is on disk. (Reloading the tab is not that: the host keeps the
   * work the tab journalled when it was hidden, as it should.)
   */
  restart(): Promise<void>;
  close(): Promise<void>;
}

const root = resolve(fileURLToPath(new URL('../../..', import.meta.url)));

/** Starts `node dist/node/cli.mjs web FILE` and resolves with the URL it prints. */
export async function startWebCli(file: string): Promise<{ url: string; child: ChildProcessWithoutNullStreams }> {
  const cli = resolve(root, 'dist/node/cli.mjs');
  if (!existsSync(cli) || !existsSync(resolve(root, 'dist/renderer/index.html'))) throw new Error('dist/ is missing: run `npm run build` first');
  // The journal goes to a fresh folder, never the user's: earlier runs' entries would open the recovery dialog.
  const env = { ...process.env, BANMIAN_RECOVERY_DIR: mkdtempSync(join(tmpdir(), 'bm-recovery-')) };
  const child = spawn(process.execPath, [cli, 'web', file], { cwd: root, stdio: 'pipe', env });
  const url = await new Promise<string>((done, reject) => {
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const line = out.split('\n').find((l) => l.startsWith('http://'));
      if (line) done(line.trim());
    });
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('exit', (code) => reject(new Error(`banmian web exited with ${code}: ${err}`)));
  });
  return { url, child };
}

/** Serves `file` and opens it in Chromium; waits for the page and its fonts. */
export async function openWebApp(file: string, viewport = { width: 1600, height: 1000 }): Promise<WebApp> {
  let { url, child } = await startWebCli(file);
  const browser = await launchChromium();
  const page = await browser.newPage({ viewport });
  const show = async (): Promise<void> => {
    await page.goto(url);
    await page.waitForSelector('.bm-page');
    await page.waitForFunction(() => document.fonts.status === 'loaded');
  };
  await show();
  const app: WebApp = {
    url,
    browser,
    page,
    async restart() {
      child.kill('SIGTERM');
      ({ url, child } = await startWebCli(file));
      app.url = url;
      await show();
    },
    async close() {
      await browser.close();
      child.kill('SIGTERM');
    },
  };
  return app;
}

/** A copy of the reference edition open in web mode (see {@link openEditionCopy}). */
export interface OpenedEditionCopy {
  app: WebApp;
  /** The copy, which saves write to. */
  file: string;
  /** Closes the app and removes the copy's folder. */
  close(): Promise<void>;
}

/**
 * fixtures/reference-edition.banmian copied into a new temporary folder
 * (`prefix`) and opened in web mode, page 1 laid out (its lead placed).
 */
export async function openEditionCopy(prefix: string): Promise<OpenedEditionCopy> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  const file = join(dir, 'edition.banmian');
  await copyFile('fixtures/reference-edition.banmian', file);
  const app = await openWebApp(file);
  await app.page.waitForSelector('.bm-page > [data-block-id="lead"]');
  return {
    app,
    file,
    close: async () => {
      await app.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
