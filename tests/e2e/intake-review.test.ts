/**
 * The intake review end to end, in Chromium against `banmian web`: import
 * the seed text into the bin, open a story's review (识别结果), see intake's
 * decisions in words, correct one, undo the correction, and find the
 * decisions still there after saving and reopening the page.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readBanmianFile, writeBanmianFile } from '../../electron/node/storage/index';
import { pageToJson } from '../../shared/model/load-page';
import { schema } from '../../shared/model/schema';
import { settingsFromPreset } from '../../shared/page/settings';
import type { WebApp } from './support/web-app';
import { openWebApp } from './support/web-app';

const SEED_TEXT = resolve('fixtures/seed/000_06c4c4664c43f101.txt');

let dir: string;
let file: string;
let app: WebApp;
let page: Page;

function emptyPage() {
  return schema.node('page', { settings: settingsFromPreset('duikai') }, [
    schema.node('label', { id: 'l1', col: 0, line: 0, cols: 1, lines: 3 }, [schema.text('要闻')]),
  ]);
}

async function importSeed(): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await page.click('[data-command="importCopy"]');
  await (await chooser).setFiles(SEED_TEXT);
  await page.waitForSelector('.bm-bin-item[data-bin-kind="story"]');
}

/** The review button of the bin story with this headline. */
async function openReview(headline: string): Promise<void> {
  const item = page.locator('.bm-bin-item[data-bin-kind="story"]', { has: page.locator('.bm-bin-headline', { hasText: headline }) });
  await item.locator('[data-review-open]').click();
  await page.waitForSelector('[data-kind="intake-review"]:not([hidden])');
}

async function entries(): Promise<{ text: string; rule: string; role: string | null; corrected: boolean }[]> {
  return page.$$eval('[data-kind="intake-review"] .bm-review-entry', (els) =>
    els.map((e) => {
      const d = (e as HTMLElement).dataset;
      return { text: e.querySelector('.bm-review-text')!.textContent ?? '', rule: d['rule'] ?? '', role: d['role'] ?? null, corrected: d['corrected'] === 'true' };
    }),
  );
}

async function binStoryChars(headline: string): Promise<number> {
  return page.$eval(
    '.bm-bin',
    (bin, h) => {
      const item = [...bin.querySelectorAll<HTMLElement>('.bm-bin-item')].find((e) => e.querySelector('.bm-bin-headline')?.textContent === h);
      return Number(item?.dataset['chars'] ?? -1);
    },
    headline,
  );
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'banmian-review-e2e-'));
  file = join(dir, 'review.banmian');
  const written = await writeBanmianFile(file, { pages: [pageToJson(emptyPage())], assets: [] });
  if (!written.ok) throw new Error(written.error.message);
  app = await openWebApp(file);
  page = app.page;
});

afterAll(async () => {
  await app?.close();
  await rm(dir, { recursive: true, force: true });
});

// Each test starts from the page on disk, in a new host (a reload would bring back the last test's journalled work).
beforeEach(async () => {
  await app.restart();
  await page.waitForSelector('[data-kind="bin"]');
});

describe('intake review (web mode, Chromium)', () => {
  it('lists the decisions on the lead story in plain words, in source order', async () => {
    await importSeed();
    await openReview('党建引领共治共享 构建现代化治理体系');
    const list = await entries();
    const texts = list.map((e) => e.text);
    expect(texts[0]).toBe('第3行 识别为 主题「党建引领共治共享 构建现代化治理体系」');
    expect(texts[1]).toBe('第5行 识别为 署名「首席记者 蒋超」');
    expect(texts[2]).toBe('第7行 识别为 小标题「“数”绘基层治理图景」');
    expect(texts).toContain('第21–23行 段落跨栏接续（1处断开合为一段）「探索基层治理“一件事”，提升了跨部门…」');
    expect(list.filter((e) => e.role === 'crosshead')).toHaveLength(2);
    // Punctuation repairs are told with the paragraph they were made in.
    const why = await page.$$eval('[data-kind="intake-review"] .bm-review-why', (els) => els.map((e) => e.textContent ?? ''));
    expect(why.some((w) => /标点规范 \d+ 处/.test(w))).toBe(true);
  });

  it('tells the caption lifted out of the marathon story and its run-in byline', async () => {
    await importSeed();
    await openReview('2022杭马开跑 跑过风景跑进“亚运”');
    const texts = (await entries()).map((e) => e.text);
    expect(texts).toContain('第83行 识别为 栏目标签「今日视点」');
    expect(texts).toContain('第97–99行 图片说明「选手比赛中。」从段落中提出，署名 方方斌');
    expect(texts).toContain('第87行 识别为 电头署名「本报讯（首席记者 魏乐亿）」');
    expect(texts.some((t) => t.startsWith('第93–101行 段落跨图片说明接续'))).toBe(true);
  });

  it('corrects a crosshead into a paragraph in one step, and one undo restores it', async () => {
    await importSeed();
    const headline = '党建引领共治共享 构建现代化治理体系';
    await openReview(headline);
    const chars = await binStoryChars(headline);
    await page.selectOption('.bm-review-entry[data-line="7"] select[data-part-role]', 'paragraph');
    await page.waitForSelector('.bm-review-entry[data-line="7"][data-role="paragraph"][data-corrected="true"]');
    const corrected = (await entries()).find((e) => e.text.startsWith('第7行'))!;
    expect(corrected.role).toBe('paragraph');
    expect(await page.textContent('.bm-review-entry[data-line="7"] .bm-review-why')).toContain('已更正，原为 小标题');
    expect(await page.$$eval('.bm-review-entry[data-role="crosshead"]', (els) => els.length)).toBe(1);
    // The text is the same; only its role changed.
    expect(await binStoryChars(headline)).toBe(chars);

    await page.click('[data-command="undo"]');
    await page.waitForSelector('.bm-review-entry[data-line="7"][data-role="crosshead"]');
    expect(await page.$$eval('.bm-review-entry[data-role="crosshead"]', (els) => els.length)).toBe(2);
    expect(await page.$$eval('.bm-review-entry[data-corrected="true"]', (els) => els.length)).toBe(0);
    // The import is the step before: one more undo empties the bin and closes the review.
    await page.click('[data-command="undo"]');
    await page.waitForSelector('[data-kind="intake-review"]', { state: 'hidden' });
    expect(await page.$$eval('.bm-bin-item', (els) => els.length)).toBe(0);
  });

  it('splits a rejoined paragraph where the column broke, and turns a run-in byline into text', async () => {
    await importSeed();
    await openReview('杭州市院士专家科创联盟在萧成立');
    await page.click('.bm-review-entry[data-line="77"] [data-split="0"]');
    await page.waitForSelector('.bm-review-entry[data-line="79"]');
    const texts = (await entries()).map((e) => e.text);
    expect(texts).toContain('第77行 正文段落「活动现场对2021年度“浙江院士之家…」');
    expect(texts.some((t) => t.startsWith('第79行 正文段落「站和2022年杭州市院士工作站'))).toBe(true);
    await page.click('.bm-review-entry[data-line="75"] [data-run-in-text]');
    await page.waitForSelector('.bm-review-entry[data-line="75"][data-corrected="true"]');
    expect(await page.textContent('.bm-review-entry[data-line="75"] .bm-review-why')).toContain('电头署名已改为正文');
    await page.click('[data-review-close]');
    expect(await page.isVisible('.bm-bin-list')).toBe(true);
  });

  it('keeps the decisions when the page is saved and opened again', async () => {
    await importSeed();
    await page.click('[data-command="save"]');
    // The saved page holds the bin's stories with their records, and it loads (the records pass validation).
    await expect
      .poll(async () => {
        const r = await readBanmianFile(file);
        return r.ok ? JSON.stringify(r.value.pages).split('"intake":{"parts"').length - 1 : -1;
      })
      .toBe(7); // five stories, the 大美萧山 photo, the 导读 box
    await page.reload();
    await page.waitForSelector('.bm-bin-item[data-bin-kind="story"]');
    await openReview('萧山9人上榜“浙江工匠”培养名单');
    const texts = (await entries()).map((e) => e.text);
    expect(texts[0]).toBe('第57行 识别为 主题「萧山9人上榜“浙江工匠”培养名单」');
    expect(texts).toContain('第59行 识别为 电头署名「本报讯（记者 童宇倩 通讯员 韩超）」');
  });
});
