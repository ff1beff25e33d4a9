/**
 * 引题 and 副题 from the properties panel (web mode, Chromium): a layout
 * editor removes a story's kicker, undoes it, adds a subheadline and types
 * its words straight away; each change is one undo step and the story's
 * head takes the new line's grid lines.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeBanmianFile } from '../../electron/node/storage/index';
import { pageToJson } from '../../shared/model/load-page';
import { gridMetrics } from '../../shared/page/geometry';
import { settingsFromPreset } from '../../shared/page/settings';
import { ctrlClickBlock } from './arrange-support';
import { boxTestPage } from './support/box-document';
import type { EditorOnFile } from './support/web';
import { e2eUnavailable, openFileInEditor } from './support/web';

const skip = e2eUnavailable();
const SHOTS = process.env['BM_SHOTS'];
const metrics = gridMetrics(settingsFromPreset('duikai'));

describe.skipIf(skip !== null)(`引题 and 副题 in the properties panel${skip ? ` (skipped: ${skip})` : ''}`, () => {
  const dir = mkdtempSync(join(tmpdir(), 'bm-head-lines-'));
  let app: EditorOnFile;
  let page: Page;
  const story = '.bm-page [data-block-id="plain"]';
  const panel = '.bm-properties[data-target="plain"]';

  /** The story's head lines: type and text, and the height each takes in grid lines. */
  const headLines = () =>
    page.$eval(
      story,
      (el, linePx) =>
        [...el.querySelectorAll('header > *')].map((line) => {
          const kind = line.classList.contains('bm-kicker') ? 'kicker' : line.classList.contains('bm-subheadline') ? 'subheadline' : 'headline';
          const scale = el.getBoundingClientRect().width / (el as HTMLElement).offsetWidth;
          return `${kind}:${line.textContent}:${Math.round(line.getBoundingClientRect().height / scale / linePx)}`;
        }),
      metrics.linePx,
    );

  beforeAll(async () => {
    const file = join(dir, 'heads.banmian');
    const written = await writeBanmianFile(file, { pages: [pageToJson(boxTestPage())], assets: [] });
    if (!written.ok) throw new Error(written.error.message);
    app = await openFileInEditor(file, story);
    page = app.page;
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('removes the 引题 with 删除引题, one undo step, and offers 添加引题 in its place', async () => {
    await ctrlClickBlock(page, 'plain');
    await page.waitForSelector(panel);
    expect(await headLines()).toEqual(['kicker:引题：城市的节日:2', 'headline:马拉松鸣枪开跑:4']);
    expect(await page.locator(`${panel} [data-prop="kicker.add"]`).count()).toBe(0);
    await page.click(`${panel} [data-prop="kicker.remove"]`);
    await expect.poll(headLines).toEqual(['headline:马拉松鸣枪开跑:4']);
    await page.waitForSelector(`${panel} [data-prop="kicker.add"]`);
    expect(await page.textContent(`${panel} [data-prop="kicker.add"]`)).toBe('添加引题');
    if (SHOTS) await page.locator('.bm-properties [data-group="head"]').screenshot({ path: join(SHOTS, 'head-lines-add.png') });

    await page.keyboard.press('Control+z');
    await expect.poll(headLines).toEqual(['kicker:引题：城市的节日:2', 'headline:马拉松鸣枪开跑:4']);
  });

  it('adds a 副题 with 添加副题 and types it at once; one undo takes the typing, one more the line', async () => {
    await ctrlClickBlock(page, 'plain');
    await page.waitForSelector(`${panel} [data-prop="subheadline.add"]`);
    expect(await page.textContent(`${panel} [data-prop="subheadline.add"]`)).toBe('添加副题');
    await page.click(`${panel} [data-prop="subheadline.add"]`);
    await expect.poll(headLines).toEqual(['kicker:引题：城市的节日:2', 'headline:马拉松鸣枪开跑:4', 'subheadline::2']);
    // The caret is in the new line: typing fills it.
    await page.keyboard.type('三万跑者齐聚黄龙');
    await expect.poll(headLines).toEqual(['kicker:引题：城市的节日:2', 'headline:马拉松鸣枪开跑:4', 'subheadline:三万跑者齐聚黄龙:2']);
    // The panel follows the caret's story and now offers 删除副题.
    await page.waitForSelector(`${panel} [data-prop="subheadline.remove"]`);
    if (SHOTS) {
      await page.locator(story).screenshot({ path: join(SHOTS, 'head-lines-story.png') });
      await page.locator('.bm-properties').screenshot({ path: join(SHOTS, 'head-lines-panel.png') });
    }
    await page.keyboard.press('Control+z');
    await expect.poll(headLines).toEqual(['kicker:引题：城市的节日:2', 'headline:马拉松鸣枪开跑:4', 'subheadline::2']);
    await page.keyboard.press('Control+z');
    await expect.poll(headLines).toEqual(['kicker:引题：城市的节日:2', 'headline:马拉松鸣枪开跑:4']);
  });
});
