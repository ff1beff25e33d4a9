/**
 * "Never lose a page": the renderer journals unsaved edits; after the server
 * and browser die without saving, the next start offers the page back in the
 * recovery dialog, and 恢复 brings the typed text back exactly once while
 * the file on disk stays untouched. 放弃 removes the entry for good.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CLI, e2eUnavailable, launchChromium, SEED_FILE } from './support/web';
import { methodRoute } from '../../shared/host/web-protocol';

const skip = e2eUnavailable();
const dir = mkdtempSync(join(tmpdir(), 'bm-recovery-e2e-'));
const recoveryDir = join(dir, 'recovery');
const file = join(dir, 'front-page.banmian');
const leadFirst = '[data-block-id="lead"] .bm-body p';
/** Unique per run, so a stray journal from elsewhere could never satisfy the test. */
// Han only: a run of Latin letters and digits typed into Han text gets composition decorations
// (figure-unit glue) that can part it in the DOM text, which this test is not about.
const TYPED = `恢复测试${[...Date.now().toString(10).slice(-6)].map((d) => '零一二三四五六七八九'[Number(d)]).join('')}稿`;

const children: ChildProcess[] = [];
const browsers: Browser[] = [];

/** `banmian web FILE` in a child process, journalling to the test's folder; resolves with its URL. */
function startServer(): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [CLI, 'web', '--port', '0', file], {
    env: { ...process.env, BANMIAN_RECOVERY_DIR: recoveryDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`no URL after 60 s; stderr: ${err}`)), 60_000);
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const line = out.split('\n').find((l) => l.startsWith('http://'));
      if (line) {
        clearTimeout(timer);
        resolve({ child, url: line.trim() });
      }
    });
    child.once('exit', (code) => reject(new Error(`banmian web exited with ${code}: ${err}`)));
  });
}

function killed(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.removeAllListeners('exit');
    child.once('exit', () => resolve());
    child.kill(signal);
  });
}

/**
 * Opens the app and waits for its start-up recovery check, so a test knows
 * whether the dialog will cover the page (`offered` entries) before it clicks.
 */
async function openPage(url: string): Promise<{ browser: Browser; page: Page; offered: number }> {
  const browser = await launchChromium();
  browsers.push(browser);
  const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  const listed = page.waitForResponse((r) => new URL(r.url()).pathname === methodRoute('listRecovered'), { timeout: 60_000 });
  await page.goto(url);
  await page.waitForSelector(leadFirst, { state: 'attached', timeout: 60_000 });
  const answer = (await (await listed).json()) as { ok: boolean; value?: unknown[] };
  return { browser, page, offered: answer.ok ? (answer.value?.length ?? 0) : 0 };
}

/** Puts the recovery dialog aside ("later") when the start offered entries. */
async function dismissRecovery(page: Page, offered: number): Promise<void> {
  if (offered === 0) return;
  const dialog = page.locator('[data-testid="recovery-dialog"]');
  await dialog.locator('[data-testid="recovery-later"]').click();
  await dialog.waitFor({ state: 'detached', timeout: 30_000 });
}

function count(haystack: string, needle: string): number {
  return haystack.split(needle).length - 1;
}

describe.skipIf(skip !== null)(`crash recovery${skip ? ` (skipped: ${skip})` : ''}`, () => {
  let original: Buffer;

  beforeAll(() => {
    copyFileSync(SEED_FILE, file);
    original = readFileSync(file);
  });
  afterEach(async () => {
    for (const b of browsers.splice(0)) await b.close().catch(() => undefined);
    for (const c of children.splice(0)) await killed(c, 'SIGTERM');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('offers unsaved typing back after the server and browser are killed, and 恢复 restores it once', async () => {
    const first = await startServer();
    const { browser, page } = await openPage(first.url);
    // A fresh recovery folder: nothing to offer, nothing in the way of typing.
    expect(await page.locator('[data-testid="recovery-dialog"]').count()).toBe(0);
    await page.click(leadFirst);
    await page.keyboard.press('End');
    await page.keyboard.insertText(TYPED);
    expect(count((await page.textContent('.bm-page')) ?? '', TYPED)).toBe(1);
    // The journal runs about every 3 s after a change.
    await page.waitForTimeout(6000);

    await killed(first.child, 'SIGKILL');
    await browser.close();
    expect(readFileSync(file).equals(original)).toBe(true);

    const second = await startServer();
    const reopened = await openPage(second.url);
    const dialog = reopened.page.locator('[data-testid="recovery-dialog"]');
    await dialog.waitFor({ state: 'visible', timeout: 30_000 });
    await expect(dialog.locator('h2').textContent()).resolves.toBe('恢复未保存的版面');
    const entries = dialog.locator('[data-testid="recovery-entry"]');
    expect(await entries.count()).toBe(1);
    expect(await entries.first().locator('[data-testid="recovery-path"]').textContent()).toBe(file);
    // The view behind the dialog is the file as saved.
    expect(count((await reopened.page.textContent('.bm-page')) ?? '', TYPED)).toBe(0);

    await entries.first().locator('[data-testid="recovery-recover"]').click();
    await dialog.waitFor({ state: 'detached', timeout: 30_000 });
    await reopened.page.waitForFunction((typed) => (document.querySelector('.bm-page')?.textContent ?? '').includes(typed), TYPED, { timeout: 30_000 });
    expect(count((await reopened.page.textContent('.bm-page')) ?? '', TYPED)).toBe(1);
    // Recovered, not saved: the page is dirty and the file still untouched.
    expect(await reopened.page.locator('.bm-status [data-status="dirty"]').count()).toBe(1);
    expect(readFileSync(file).equals(original)).toBe(true);
  });

  it('放弃 removes the entry from the journal, so the next start offers nothing', async () => {
    // The recovered entry above stays until it is saved or discarded.
    const server = await startServer();
    const { page } = await openPage(server.url);
    const dialog = page.locator('[data-testid="recovery-dialog"]');
    await dialog.waitFor({ state: 'visible', timeout: 30_000 });
    const entriesDir = join(recoveryDir, 'entries');
    const before = readdirSync(entriesDir).length;
    expect(before).toBeGreaterThan(0);
    await dialog.locator('[data-testid="recovery-discard"]').first().click();
    await dialog.waitFor({ state: 'detached', timeout: 30_000 });
    expect(readdirSync(entriesDir).length).toBe(before - 1);

    await page.reload();
    await page.waitForSelector(leadFirst, { state: 'attached', timeout: 60_000 });
    // Give the start-up listRecovered call time to answer.
    await page.waitForTimeout(1500);
    expect(await page.locator('[data-testid="recovery-dialog"]').count()).toBe(0);
    expect(count((await page.textContent('.bm-page')) ?? '', TYPED)).toBe(0);
    expect(readFileSync(file).equals(original)).toBe(true);
  });

  it('journals at once when the window loses focus, not only on its timer', async () => {
    const server = await startServer();
    const { page, offered } = await openPage(server.url);
    await dismissRecovery(page, offered);
    await page.click(leadFirst);
    await page.keyboard.press('End');
    await page.keyboard.insertText('失焦即存');
    // The timer would journal about 3 s after the change; leaving the window must not wait for it.
    const journalled = page.waitForRequest((r) => new URL(r.url()).pathname === methodRoute('journal'), { timeout: 2000 });
    await page.evaluate(() => window.dispatchEvent(new Event('blur')));
    await expect(journalled).resolves.toBeTruthy();
  });

  it('keeps typing across a reload of the tab, within the journal timer, shown as unsaved', async () => {
    const server = await startServer();
    const { page, offered } = await openPage(server.url);
    await dismissRecovery(page, offered);
    const typed = `重载不丢${Date.now().toString(36)}`;
    await page.click(leadFirst);
    await page.keyboard.press('End');
    let journalled = 0;
    page.on('request', (r) => {
      if (new URL(r.url()).pathname === methodRoute('journal')) journalled += 1;
    });
    await page.keyboard.insertText(typed);
    await page.waitForSelector('[data-status="dirty"]');
    // Inside the 3 s journal timer: only leaving the page can save it.
    expect(journalled).toBe(0);
    await page.reload();
    await page.waitForSelector(leadFirst, { state: 'attached', timeout: 60_000 });
    expect(count((await page.textContent('.bm-page')) ?? '', typed)).toBe(1);
    await page.waitForSelector('[data-status="dirty"]');
    expect(readFileSync(file).equals(original)).toBe(true);
  });
});
