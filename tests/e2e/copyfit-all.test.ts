/**
 * Every text fits or says so (web mode, Chromium): for each kind of text on
 * the page — 引题, 主题, 副题, byline, 小标题 and body of a story, caption
 * and credit of a photo, a 导读 item, a label — typing until it does not fit
 * flags its block (`data-overset` > 0, the part named in
 * `data-overset-parts`), draws the red frame and the overset mark, adds a
 * copyfit panel row and a preflight error; nothing it typed paints outside
 * the part's frame (the page around the frame is pixel for pixel what it was
 * before); undo clears all of it. The masthead's own lines and its folio
 * lines (not typed on the page) are flagged and clipped the same way.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeBanmianFile } from '../../electron/node/storage/index';
import { pageToJson } from '../../shared/model/load-page';
import { copyfitTestPage } from './support/copyfit-document';
import type { EditorOnFile } from './support/web';
import { e2eUnavailable, openFileInEditor } from './support/web';
import { caretAtEnd, pageAround, partText, readFit, stripsDiffer } from './copyfit-support';

const skip = e2eUnavailable();
/** A folder to write the screenshots of an overset headline and caption to (docs/images). */
const SHOTS = process.env['BM_SHOTS'];

interface Kind {
  part: string;
  block: string;
  /** The element typed into (inside the block). */
  text: string;
  /** The frame the part must keep inside (inside the block; the block itself when empty). */
  frame: string;
  /** Characters typed per step. */
  step: number;
  /** Words the panel row says. */
  zh: string;
  /** Words the preflight finding says (the panel row's when not given). */
  pf?: string;
}

const KINDS: Kind[] = [
  { part: 'kicker', block: 'lead', text: '.bm-kicker .bm-linebox-text', frame: '.bm-kicker', step: 6, zh: '引题超行' },
  { part: 'headline', block: 'lead', text: '.bm-headline .bm-linebox-text', frame: '.bm-headline', step: 6, zh: '标题超行' },
  { part: 'subheadline', block: 'lead', text: '.bm-subheadline .bm-linebox-text', frame: '.bm-subheadline', step: 8, zh: '副题超行' },
  { part: 'headline', block: 'vert', text: '.bm-headline .bm-linebox-text', frame: '.bm-headline', step: 8, zh: '标题超行' },
  { part: 'byline', block: 'lead', text: '.bm-byline .bm-linebox-text', frame: '.bm-byline', step: 12, zh: '署名超行' },
  { part: 'crosshead', block: 'lead', text: '.bm-crosshead .bm-linebox-text', frame: '.bm-crosshead', step: 6, zh: '小标题超行' },
  { part: 'body', block: 'brief', text: '.bm-body > p:last-child', frame: '', step: 20, zh: '正文超出', pf: '稿件溢出' },
  { part: 'credit', block: 'photo', text: '.bm-credit', frame: '.bm-photo-text', step: 10, zh: '图片署名超出' },
  { part: 'caption', block: 'photo', text: 'figcaption', frame: '.bm-photo-text', step: 10, zh: '图片说明超出' },
  { part: 'teaser', block: 'guide', text: '.bm-teaser-item:last-child', frame: '', step: 20, zh: '导读超行' },
  { part: 'label', block: 'label', text: '.bm-label-text', frame: '', step: 4, zh: '栏目标签超行' },
];

describe.skipIf(skip !== null)(`copyfit of every text${skip ? ` (skipped: ${skip})` : ''}`, () => {
  const dir = mkdtempSync(join(tmpdir(), 'bm-copyfit-all-'));
  let app: EditorOnFile;
  let page: Page;

  beforeAll(async () => {
    const file = join(dir, 'copyfit.banmian');
    const written = await writeBanmianFile(file, { pages: [pageToJson(copyfitTestPage())], assets: [] });
    if (!written.ok) throw new Error(written.error.message);
    app = await openFileInEditor(file, '.bm-page [data-block-id="lead"]');
    page = app.page;
    await page.mouse.move(0, 0);
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('the page fits as it opens: no block is overset, no row, no preflight error', async () => {
    await expect.poll(() => page.$$eval('.bm-page > .bm-block[data-overset]', (els) => els.length)).toBeGreaterThan(5);
    expect(await page.$$eval('.bm-page > .bm-block[data-overset]', (els) => els.map((e) => (e as HTMLElement).dataset['overset']))).toEqual(
      expect.arrayContaining(['0']),
    );
    expect(await page.$$eval('.bm-page > .bm-block[data-overset]:not([data-overset="0"])', (els) => els.length)).toBe(0);
    expect(await page.locator('.bm-copyfit-overset').count()).toBe(0);
    expect(await page.locator('.bm-pf-item[data-code="overset"]').count()).toBe(0);
  });

  for (const kind of KINDS) {
    it(`${kind.part}${kind.block === 'vert' ? ' (竖排)' : ''}: typing until it does not fit flags it everywhere, paints nothing outside, and undo clears it`, async () => {
      const block = `.bm-page > [data-block-id="${kind.block}"]`;
      const text = `${block} ${kind.text}`;
      const frame = kind.frame ? `${block} ${kind.frame}` : block;
      const original = await partText(page, text);
      await caretAtEnd(page, text);
      const before = await pageAround(page, frame);
      let steps = 0;
      for (; steps < 40; steps++) {
        const fit = await readFit(page, kind.block);
        if (fit.parts.some((p) => p.part === kind.part)) break;
        await page.keyboard.insertText('溢'.repeat(kind.step));
        // Each step is measured in the next frame or two.
        await page.waitForFunction(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r(true)))));
      }
      await expect.poll(async () => (await readFit(page, kind.block)).parts.map((p) => p.part)).toContain(kind.part);
      const fit = await readFit(page, kind.block);
      expect(fit.overset).toBeGreaterThan(0);
      const part = fit.parts.find((p) => p.part === kind.part)!;
      expect(part.chars).toBeGreaterThan(0);

      // The red frame and the overset mark.
      const look = await page.$eval(block, (el) => {
        const s = getComputedStyle(el);
        return { outline: `${s.outlineStyle} ${s.outlineColor}`, mark: getComputedStyle(el, '::after').content };
      });
      expect(look).toEqual({ outline: 'solid rgb(230, 0, 18)', mark: '"+"' });
      // A head line, byline or crosshead has its own mark at its end too.
      const lineBox = kind.frame.startsWith('.bm-') && kind.frame !== '.bm-photo-text';
      if (lineBox) expect(await page.$eval(frame, (el) => getComputedStyle(el, '::after').content)).toBe('"+"');

      // A copyfit panel row saying which part is over, and a preflight error.
      const row = page.locator(`.bm-copyfit-overset[data-block-id="${kind.block}"][data-part="${kind.part}"]`);
      await expect.poll(() => row.count()).toBe(1);
      const rowText = (await row.textContent()) ?? '';
      expect(rowText).toContain(kind.zh);
      expect(rowText).toMatch(part.lines > 0 ? new RegExp(`${kind.zh} ${part.lines}行`) : new RegExp(`${kind.zh} ${part.chars}字`));
      const finding = page.locator(`.bm-pf-item[data-code="overset"][data-finding-block="${kind.block}"]`);
      await expect.poll(() => finding.textContent()).toContain(kind.pf ?? kind.zh);
      expect(await finding.count()).toBe(1);
      expect(await finding.getAttribute('data-level')).toBe('error');

      // The text is all still there (clipped, not lost), and nothing of it paints outside the frame.
      expect((await partText(page, text)).length).toBe(original.length + steps * kind.step);
      expect(stripsDiffer(before, await pageAround(page, frame))).toEqual([]);

      if (SHOTS && (kind.part === 'headline' || kind.part === 'caption')) {
        // At 100 %: the block with its red frame and mark, and the panel's row.
        await page.keyboard.press('Control+1');
        await page.$eval(block, (el) => el.scrollIntoView({ block: 'center', inline: 'center', behavior: 'instant' }));
        const r = (await page.locator(block).boundingBox())!;
        const clip = { x: r.x - 12, y: r.y - 12, width: r.width + 24, height: r.height + 24 };
        const name = `copyfit-overset-${kind.block === 'vert' ? 'vertical-' : ''}${kind.part}`;
        await page.screenshot({ path: join(SHOTS, `${name}.png`), clip, caret: 'hide' });
        await page.locator('.bm-copyfit').screenshot({ path: join(SHOTS, `${name}-panel.png`) });
        await page.keyboard.press('Control+0');
      }

      // Undo, step by step, back to the text as it was: every sign of overset goes.
      for (let i = 0; i < 60 && (await partText(page, text)) !== original; i++) await page.keyboard.press('Control+z');
      expect(await partText(page, text)).toBe(original);
      await expect.poll(() => readFit(page, kind.block)).toEqual({ overset: 0, parts: [] });
      await expect.poll(() => row.count()).toBe(0);
      await expect.poll(() => finding.count()).toBe(0);
      expect(await page.$eval(block, (el) => getComputedStyle(el, '::after').content)).toBe('none');
      if (lineBox) expect(await page.$eval(frame, (el) => getComputedStyle(el, '::after').content)).toBe('none');
    });
  }
});
