/**
 * 取消 in the export dialog, web mode, on the reference page: cancelled while
 * the host's Chromium prints, the dialog says 已取消, the print browser is
 * gone, the earlier export at the same path is byte for byte as it was and
 * nothing else appears in its folder; the next export works (a fresh browser).
 * Also 选择… for the output profile: web mode's file picker uploads the file,
 * the host checks it, a display profile is refused with one line.
 */
import { execFileSync } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../electron/node/chromium/launch';
import { shippedProfilePath } from '../../electron/node/pdf/output-profile';
import { startWebCli } from './support/web-app';
import { e2eUnavailable, SEED_FILE } from './support/web';

const skip = e2eUnavailable();
const dir = mkdtempSync(join(tmpdir(), 'bm-export-cancel-'));
const EARLIER = Buffer.from('%PDF-1.6\n% yesterday’s export of this page: a cancelled export must not touch it\n');

/** Chromium processes started by `pid` (the web server), at any depth. */
function chromiumUnder(pid: number): number[] {
  const rows = execFileSync('ps', ['-eo', 'pid=,ppid=,comm='], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .map((l) => l.trim().split(/\s+/))
    .map(([p, pp, comm]) => ({ pid: Number(p), ppid: Number(pp), comm: comm ?? '' }));
  const under = new Set([pid]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const r of rows) {
      if (under.has(r.pid) || !under.has(r.ppid)) continue;
      under.add(r.pid);
      grew = true;
    }
  }
  return rows.filter((r) => r.pid !== pid && under.has(r.pid) && /chrom/i.test(r.comm)).map((r) => r.pid);
}

describe.skipIf(skip !== null)(`export cancel and profile picker (web mode)${skip ? ` (skipped: ${skip})` : ''}`, () => {
  let child: ChildProcessWithoutNullStreams;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    ({ child } = await startWebCli(SEED_FILE).then(async (started) => {
      browser = await launchChromium();
      page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
      await page.goto(started.url);
      await page.waitForSelector('.bm-page');
      await page.waitForFunction(() => document.fonts.status === 'loaded');
      await page.waitForSelector('[data-preflight-panel]');
      return started;
    }));
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    child?.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  });

  async function openDialog(): Promise<void> {
    await page.click('button[data-command="exportPdf"]');
    await page.waitForSelector('dialog[data-export-dialog]');
  }

  it('cancels during 打印: 已取消, the print browser killed, the earlier file intact, nothing else written', async () => {
    const out = join(dir, 'seed.pdf');
    writeFileSync(out, EARLIER);
    await openDialog();
    await page.selectOption('dialog[data-export-dialog] select[name="variant"]', 'x4-cmyk');
    page.once('dialog', (d) => void d.accept(out));
    await page.click('[data-export-submit]');
    // The dialog learns the stage by polling (web mode): a quick, warm print may show as done at once.
    await page.waitForSelector('.bm-ex-progress li[data-stage="print"]:is([data-state="active"], [data-state="done"])', { timeout: 120_000 });
    expect(chromiumUnder(child.pid!).length).toBeGreaterThan(0);
    const clicked = Date.now();
    await page.click('[data-export-cancel]');
    await page.waitForSelector('[data-export-cancelled]', { timeout: 30_000 });
    const seconds = (Date.now() - clicked) / 1000;
    console.log(`export cancel: 取消 during 打印 → 已取消 in ${seconds.toFixed(2)} s`);
    expect(await page.textContent('[data-export-cancelled]')).toContain('已取消');
    // Stopped in the stage it was in — 打印, or the next one when the print ended while the click
    // was on its way (a kept, warm print is quick): the stages before it done, none after it started.
    const states = await page.$$eval('.bm-ex-progress li[data-stage]', (lis) => lis.map((li) => [li.getAttribute('data-stage'), li.getAttribute('data-state')] as const));
    const at = states.findIndex(([, state]) => state === 'cancelled');
    const printAt = states.findIndex(([stage]) => stage === 'print');
    expect(at, JSON.stringify(states)).toBeGreaterThanOrEqual(printAt);
    expect(states.slice(0, at).every(([, state]) => state === 'done'), JSON.stringify(states)).toBe(true);
    expect(states.slice(at + 1).every(([, state]) => state === 'pending'), JSON.stringify(states)).toBe(true);
    // A cancel may land as late as the last stage, writing (a warm export is quick): the atomic
    // writer checks before its rename, so the earlier file is intact either way (below).
    expect(await page.getAttribute('dialog[data-export-dialog]', 'data-phase')).toBe('cancelled');
    if (at === printAt) {
      // Cancelled while printing: the print browser is gone (the server's own Chromium processes, not ours).
      // A cancel after the print keeps the warm print page for the next export.
      const deadline = Date.now() + 10_000;
      while (chromiumUnder(child.pid!).length > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      expect(chromiumUnder(child.pid!)).toEqual([]);
    }
    expect(readdirSync(dir)).toEqual(['seed.pdf']);
    expect(Buffer.compare(readFileSync(out), EARLIER)).toBe(0);
    await page.click('[data-export-close]');
    await page.waitForSelector('dialog[data-export-dialog]', { state: 'detached' });
  }, 180_000);

  it('exports to the same path afterwards, on a fresh print browser', async () => {
    const out = join(dir, 'seed.pdf');
    await openDialog();
    await page.selectOption('dialog[data-export-dialog] select[name="variant"]', 'proof');
    page.once('dialog', (d) => void d.accept(out));
    await page.click('[data-export-submit]');
    await page.waitForSelector('[data-export-written]', { timeout: 120_000 });
    expect(readdirSync(dir)).toEqual(['seed.pdf']);
    const written = readFileSync(out);
    expect(written.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(written.byteLength).toBeGreaterThan(10_000);
    await page.click('[data-export-close]');
    await page.waitForSelector('dialog[data-export-dialog]', { state: 'detached' });
  }, 150_000);

  it('选择… picks an output profile through web mode’s file picker; the host refuses a display profile in one line', async () => {
    await openDialog();
    await page.selectOption('dialog[data-export-dialog] select[name="variant"]', 'x4-cmyk');
    await page.selectOption('dialog[data-export-dialog] select[name="profile"]', 'custom');
    const srgbPng = await sharp({ create: { width: 1, height: 1, channels: 3, background: '#fff' } }).withIccProfile('srgb').png().toBuffer();
    const srgb = join(dir, 'sRGB.icc');
    writeFileSync(srgb, (await sharp(srgbPng).metadata()).icc!);
    let chooser = page.waitForEvent('filechooser');
    await page.click('[data-choose-profile]');
    await (await chooser).setFiles(srgb);
    await page.waitForSelector('[data-profile-error]');
    // zh-CN, the host's own Chinese line (English: "sRGB.icc is an RGB display profile, not a CMYK output (printer) profile").
    expect(await page.textContent('[data-profile-error]')).toBe('ICC 文件不可用：sRGB.icc 是RGB显示器配置文件，不是 CMYK 输出（印刷）配置文件');
    expect(await page.inputValue('input[name="profilePath"]')).toBe('');

    chooser = page.waitForEvent('filechooser');
    await page.click('[data-choose-profile]');
    const picked = await chooser;
    expect(await picked.element().getAttribute('accept')).toContain('.icc');
    await picked.setFiles(shippedProfilePath());
    await page.waitForSelector('[data-profile-chosen]');
    expect(await page.$('[data-profile-error]')).toBeNull();
    const path = await page.inputValue('input[name="profilePath"]');
    // The host kept the upload under its content hash; the export reads it from there.
    expect(path).toMatch(/[0-9a-f]{64}\.icc$/);
    expect(Buffer.compare(readFileSync(path), readFileSync(shippedProfilePath()))).toBe(0);
    expect(await page.isDisabled('[data-export-submit]')).toBe(false);
    await page.click('[data-export-close]');
  }, 60_000);
});
