/**
 * Web mode as a person uses it: `banmian web FILE` prints one URL; the
 * editor opens on the reference page in Chromium; images arrive as screen
 * proxies; Ctrl+E exports a PDF through the host; `npm start` without the
 * Electron binary says so in one line and serves web mode.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROXY_MAX_SIDE } from '../../electron/node/host/asset-proxy';
import { CLI, e2eUnavailable, launchChromium, SEED_FILE, START } from './support/web';

const skip = e2eUnavailable();
const dir = mkdtempSync(join(tmpdir(), 'bm-web-e2e-'));

/** Starts a Node script and resolves with the first `count` lines of its stdout. */
function startAndRead(args: string[], count: number, env: NodeJS.ProcessEnv = {}): Promise<{ child: ChildProcess; lines: string[] }> {
  // The journal goes to the test's folder, never the user's.
  const child = spawn(process.execPath, args, { env: { ...process.env, BANMIAN_RECOVERY_DIR: join(dir, 'recovery'), ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`no output after 60 s; stderr: ${err}`)), 60_000);
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const lines = out.split('\n');
      if (lines.length > count) {
        clearTimeout(timer);
        resolve({ child, lines: lines.slice(0, count) });
      }
    });
    child.on('exit', (code) => reject(new Error(`exited with ${code}: ${err}`)));
  });
}

function stop(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.removeAllListeners('exit');
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

describe.skipIf(skip !== null)(`web mode${skip ? ` (skipped: ${skip})` : ''}`, () => {
  let browser: Browser;
  let web: ChildProcess | undefined;
  let url: string;

  beforeAll(async () => {
    const started = await startAndRead([CLI, 'web', SEED_FILE], 1);
    web = started.child;
    url = started.lines[0]!;
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await stop(web);
    rmSync(dir, { recursive: true, force: true });
  });

  it('prints exactly one line: the 127.0.0.1 URL with its token', () => {
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{43}$/);
  });

  it('opens the reference page in the editor, photos as screen proxies', async () => {
    const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(url);
    await page.waitForSelector('[data-block-id="lead"]', { timeout: 60_000 });
    expect(await page.locator('[data-kind="story"]').count()).toBeGreaterThan(3);
    await page.waitForFunction(() => [...document.querySelectorAll('img')].some((img) => img.complete && img.naturalWidth > 0), null, {
      timeout: 30_000,
    });
    const sizes = await page.$$eval('img', (imgs) => imgs.map((img) => Math.max(img.naturalWidth, img.naturalHeight)));
    expect(sizes.length).toBeGreaterThan(0);
    for (const size of sizes) expect(size).toBeLessThanOrEqual(PROXY_MAX_SIDE);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('exports the open page to a PDF with Ctrl+E, answering the path prompt', async () => {
    const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
    const page = await context.newPage();
    await page.goto(url);
    await page.waitForSelector('[data-block-id="lead"]', { timeout: 60_000 });
    const out = join(dir, 'from-browser.pdf');
    page.once('dialog', (d) => void d.accept(out));
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('Control+E');
    await page.click('[data-export-submit]');
    await expect.poll(() => existsSync(out), { timeout: 120_000, interval: 500 }).toBe(true);
    await context.close();
  });
});

describe.skipIf(skip !== null)(`npm start without the Electron binary${skip ? ` (skipped: ${skip})` : ''}`, () => {
  let child: ChildProcess | undefined;
  afterAll(() => stop(child));

  it('says so in one line, then serves web mode on the reference page', async () => {
    // ELECTRON_SKIP_BINARY_DOWNLOAD makes the one download attempt return at once.
    const started = await startAndRead([START], 2, { ELECTRON_SKIP_BINARY_DOWNLOAD: '1' });
    child = started.child;
    const [notice, url] = started.lines;
    expect(notice).toMatch(/Electron binary is unavailable.*web mode/);
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=/);
    const token = new URL(url!).searchParams.get('token')!;
    const initial = await fetch(new URL('/api/initialDocument', url), { method: 'POST', headers: { 'X-Banmian-Token': token, 'Content-Type': 'application/json' }, body: '[]' });
    const body = (await initial.json()) as { ok: boolean; value: { name: string } };
    expect(body.ok && body.value.name).toBe('seed-front-page.banmian');
  });
});
