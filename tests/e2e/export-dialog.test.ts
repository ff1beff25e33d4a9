/**
 * The app's 导出 PDF dialog in web mode, on the reference page: variant,
 * progress through 排版/打印/后处理/检查 reported by the host, the written
 * PDF/X-4 CMYK file's boxes, and preflight errors (an overset story made by
 * typing) refusing the export until the editor ticks 仍然导出.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WebApp } from './support/web-app';
import { openWebApp } from './support/web-app';
import { e2eUnavailable, SEED_FILE } from './support/web';

const skip = e2eUnavailable();
const dir = mkdtempSync(join(tmpdir(), 'bm-export-dialog-'));

/**
 * Records every value `data-export-stage` takes on the dialog's progress list:
 * from each mutation's old value (several stages committed in one task reach
 * the observer in one callback), then the value now.
 */
async function recordStages(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { bmStages: string[] };
    w.bmStages = [];
    // The list before an export says `idle`: not a stage.
    const push = (s: string | null | undefined) => {
      if (s && s !== 'idle' && w.bmStages.at(-1) !== s) w.bmStages.push(s);
    };
    const seen = (records: MutationRecord[]) => {
      for (const r of records) if (r.type === 'attributes' && (r.target as Element).matches('.bm-ex-progress')) push(r.oldValue);
      push(document.querySelector('.bm-ex-progress')?.getAttribute('data-export-stage'));
    };
    new MutationObserver(seen).observe(document.body, { subtree: true, attributes: true, attributeOldValue: true, attributeFilter: ['data-export-stage'], childList: true });
  });
}

async function openDialog(page: Page): Promise<void> {
  await page.click('button[data-command="exportPdf"]');
  await page.waitForSelector('dialog[data-export-dialog]');
}

function boxesMm(pdf: string): Record<string, number[]> {
  const info = execFileSync('pdfinfo', ['-box', pdf], { encoding: 'utf8' });
  const out: Record<string, number[]> = {};
  for (const name of ['MediaBox', 'TrimBox', 'BleedBox']) {
    const m = new RegExp(`^${name}:\\s+([-\\d.]+)\\s+([-\\d.]+)\\s+([-\\d.]+)\\s+([-\\d.]+)`, 'm').exec(info);
    out[name] = m!.slice(1, 5).map((pt) => (Number(pt) * 25.4) / 72);
  }
  return out;
}

describe.skipIf(skip !== null)(`export dialog (web mode)${skip ? ` (skipped: ${skip})` : ''}`, () => {
  let app: WebApp;
  let page: Page;

  beforeAll(async () => {
    app = await openWebApp(SEED_FILE);
    page = app.page;
    await page.waitForSelector('[data-preflight-panel]');
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('exports the reference page as PDF/X-4 CMYK, showing the host progress stage by stage', async () => {
    await openDialog(page);
    expect(await page.getAttribute('.bm-ex-preflight', 'data-errors')).toBe('0');
    await page.selectOption('dialog[data-export-dialog] select[name="variant"]', 'x4-cmyk');
    await recordStages(page);
    const out = join(dir, 'seed-x4-cmyk.pdf');
    page.once('dialog', (d) => void d.accept(out));
    const started = Date.now();
    await page.click('[data-export-submit]');
    await page.waitForSelector('[data-export-written]', { timeout: 170_000 });
    const seconds = (Date.now() - started) / 1000;
    console.log(`export dialog: x4-cmyk of the reference page in ${seconds.toFixed(1)} s`);
    const stages = await page.evaluate(() => (window as unknown as { bmStages: string[] }).bmStages);
    // Every stage the host went through was shown, in order, then the result.
    expect(stages).toEqual(['layout', 'print', 'postprocess', 'check', 'done']);
    expect(await page.getAttribute('[data-export-written]', 'data-export-written')).toBe(out);
    expect(await page.getAttribute('.bm-ex-preflight', 'data-preflight')).toBe('after');
    expect(existsSync(out)).toBe(true);
    const box = boxesMm(out);
    const [tx0, ty0, tx1, ty1] = box['TrimBox']!;
    const [bx0, by0, bx1, by1] = box['BleedBox']!;
    expect(Math.abs(tx1! - tx0! - 390)).toBeLessThan(0.01);
    expect(Math.abs(ty1! - ty0! - 545)).toBeLessThan(0.01);
    for (const d of [tx0! - bx0!, ty0! - by0!, bx1! - tx1!, by1! - ty1!]) expect(Math.abs(d - 3)).toBeLessThan(0.01);
    // Marks on: the MediaBox leaves room outside the bleed.
    expect(box['MediaBox']![2]! - box['MediaBox']![0]!).toBeGreaterThan(396 + 10);
    await page.click('[data-export-close]');
    await page.waitForSelector('dialog[data-export-dialog]', { state: 'detached' });
  }, 200_000);

  it('shows an overset story typed into being in the live panel; clicking it selects the story', async () => {
    const story = await page.$$eval('[data-kind="story"][data-overset="0"]', (els) => els.map((e) => e.getAttribute('data-block-id')!).filter(Boolean));
    const id = story[0]!;
    expect(await page.$(`[data-preflight-panel] [data-code="overset"]`)).toBeNull();
    // The caret at the end of the story's last paragraph, put there as an editor does: a click just after its last character.
    const end = await page.evaluate((blockId) => {
      const ps = document.querySelectorAll(`[data-block-id="${blockId}"] .bm-body p`);
      const last = ps[ps.length - 1]!;
      last.scrollIntoView({ block: 'center' });
      const range = document.createRange();
      range.selectNodeContents(last);
      const r = [...range.getClientRects()].pop()!;
      return { x: r.right - 1, y: r.top + r.height / 2, text: last.textContent ?? '' };
    }, id);
    await page.mouse.click(end.x, end.y);
    const typed = '加一段让稿件溢出的文字。'.repeat(40);
    await page.keyboard.insertText(typed);
    // Where the text went, if not where it was typed: the failure then says so.
    const landed = () => page.evaluate(({ blockId, tail }) => document.querySelector(`[data-block-id="${blockId}"]`)?.textContent?.includes(tail) ?? false, { blockId: id, tail: end.text.slice(-6) + typed.slice(0, 6) });
    try {
      await expect.poll(landed, { timeout: 10_000 }).toBe(true);
    } catch (e) {
      const where = await page.evaluate((t) => ({
        blocks: [...document.querySelectorAll('[data-block-id]')].filter((b) => b.textContent?.includes(t)).map((b) => b.getAttribute('data-block-id')),
        active: document.activeElement?.outerHTML.slice(0, 160),
        selection: String(window.getSelection()?.anchorNode?.parentElement?.outerHTML.slice(0, 160)),
        dialogs: [...document.querySelectorAll('dialog[open], [role="dialog"], [role="alertdialog"]')].map((d) => d.outerHTML.slice(0, 160)),
        hit: document.elementFromPoint(0, 0) && null,
      }), typed.slice(0, 6));
      const hit = await page.evaluate(({ x, y }) => document.elementFromPoint(x, y)?.outerHTML.slice(0, 160), end);
      throw new Error(`typed text not in ${id}: ${JSON.stringify({ ...where, clicked: end, hit })}`, { cause: e });
    }
    const finding = `[data-preflight-panel] [data-code="overset"][data-finding-block="${id}"]`;
    await page.waitForSelector(finding, { timeout: 10_000 });
    expect(await page.getAttribute('[data-preflight-panel]', 'data-errors')).not.toBe('0');
    const text = await page.textContent(finding);
    expect(text).toMatch(/稿件溢出 \d+ 字/);
    expect(text).toMatch(/第\d+(–\d+)?栏 第\d+行/);
    await page.click(finding);
    await page.waitForSelector(`.ProseMirror-selectednode[data-block-id="${id}"]`);
    (globalThis as { oversetId?: string }).oversetId = id;
  }, 60_000);

  it('refuses to export the overset page until 仍然导出 is ticked, then writes it with the error in its preflight', async () => {
    const id = (globalThis as { oversetId?: string }).oversetId!;
    await openDialog(page);
    await page.waitForSelector(`.bm-ex-preflight [data-code="overset"][data-finding-block="${id}"]`);
    expect(await page.isDisabled('[data-export-submit]')).toBe(true);
    await page.selectOption('dialog[data-export-dialog] select[name="variant"]', 'proof');
    expect(await page.isDisabled('[data-export-submit]')).toBe(true);
    await page.check('[data-export-override]');
    expect(await page.isDisabled('[data-export-submit]')).toBe(false);
    const out = join(dir, 'overset-proof.pdf');
    page.once('dialog', (d) => void d.accept(out));
    await page.click('[data-export-submit]');
    await page.waitForSelector('[data-export-written]', { timeout: 120_000 });
    // The host's own preflight (as print mode laid the page out) found the overset too.
    await page.waitForSelector(`.bm-ex-preflight[data-preflight="after"] [data-code="overset"][data-finding-block="${id}"]`);
    expect(existsSync(out)).toBe(true);
  }, 150_000);
});
