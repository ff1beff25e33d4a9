/**
 * End-to-end support for the arrange tests: a small known page written to a
 * temporary `.banmian`, served in web mode, opened in Chromium; and helpers
 * that read blocks and drive the mouse in page grid units.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { Node } from 'prosemirror-model';
import { launchChromium } from '../../electron/node/chromium/launch';
import { writeBanmianFile } from '../../electron/node/storage/index';
import { startWebServer } from '../../electron/node/web/server';
import type { WebServer } from '../../electron/node/web/server';
import { pageToJson } from '../../shared/model/load-page';
import { schema } from '../../shared/model/schema';
import type { GridBox } from '../../shared/page/geometry';
import { gridMetrics } from '../../shared/page/geometry';
import { settingsFromPreset } from '../../shared/page/settings';

const SENTENCE = '萧山日报讯昨天上午，二〇二二杭州马拉松鸣枪开跑，三万名跑者从黄龙体育中心出发，沿途市民夹道欢迎。';

function story(id: string, box: GridBox, head: string, paragraphs: number): Node {
  const body = Array.from({ length: paragraphs }, () => schema.node('paragraph', null, [schema.text(SENTENCE)]));
  return schema.node('story', { id, ...box }, [
    schema.node('headgroup', null, [schema.node('headline', { sizePt: 22, lines: 4 }, [schema.text(head)])]),
    schema.node('body', null, body),
  ]);
}

/**
 * The arrange test page on the 对开 grid (8 columns × 120 lines):
 * `lead` fits loosely (empty lines), `short` is overset, `side` is short,
 * a rule under them; lines 41–119 are free.
 */
export function arrangeTestPage(): Node {
  return schema.node('page', { settings: settingsFromPreset('duikai') }, [
    story('lead', { col: 0, line: 0, cols: 3, lines: 40 }, '马拉松鸣枪开跑', 4),
    story('short', { col: 3, line: 0, cols: 2, lines: 20 }, '三万跑者', 12),
    story('side', { col: 5, line: 0, cols: 3, lines: 30 }, '城市微笑', 1),
    schema.node('rule', { id: 'rule', col: 0, line: 40, cols: 8, lines: 1 }),
  ]);
}

export interface ArrangeSession {
  browser: Browser;
  page: Page;
  server: WebServer;
  /**
   * The test page as it is on disk, from a new host in the same tab (a reload
   * would bring back the work the tab journalled when it was hidden).
   */
  restart(): Promise<void>;
  close(): Promise<void>;
}

/** Serves `doc` in web mode and opens it in Chromium, ready to arrange. */
export async function openArrangeSession(doc: Node = arrangeTestPage()): Promise<ArrangeSession> {
  const rendererDir = resolve('dist', 'renderer');
  if (!existsSync(join(rendererDir, 'index.html'))) throw new Error('dist/renderer is missing: run `npm run build` first');
  const dir = await mkdtemp(join(tmpdir(), 'banmian-arrange-'));
  const file = join(dir, 'arrange.banmian');
  const written = await writeBanmianFile(file, { pages: [pageToJson(doc)], assets: [] });
  if (!written.ok) throw new Error(written.error.message);
  // Recovery is not what these tests are about: no journal, so no recovery dialog from an earlier host.
  let server = await startWebServer({ file, rendererDir, journal: null });
  const browser = await launchChromium();
  const page = await browser.newPage({ viewport: { width: 1500, height: 1000 } });
  const show = async (): Promise<void> => {
    await page.goto(server.url);
    await page.waitForSelector('.bm-page [data-block-id="lead"]');
    // Copyfit has measured once fonts are in.
    await page.waitForFunction(() => document.fonts.status === 'loaded');
  };
  await show();
  const session: ArrangeSession = {
    browser,
    page,
    server,
    async restart() {
      await server.close();
      server = await startWebServer({ file, rendererDir, journal: null });
      session.server = server;
      await show();
    },
    async close() {
      await browser.close();
      await server.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
  return session;
}

/** A block's grid box, as its element states it. */
export async function blockBox(page: Page, id: string): Promise<GridBox> {
  return page.$eval(`.bm-page [data-block-id="${id}"]`, (el) => {
    const d = (el as HTMLElement).dataset;
    return { col: Number(d['col']), line: Number(d['line']), cols: Number(d['cols']), lines: Number(d['lines']) };
  });
}

export interface ScreenGrid {
  /** Screen px per page px. */
  scale: number;
  /** Screen px of one column pitch and one line. */
  colPx: number;
  linePx: number;
}

/** The grid's size on screen at the current zoom (the test page is 对开). */
export async function screenGrid(page: Page): Promise<ScreenGrid> {
  const scale = await page.$eval('.bm-page', (el) => el.getBoundingClientRect().width / (el as HTMLElement).offsetWidth);
  const m = gridMetrics(settingsFromPreset('duikai'));
  return { scale, colPx: (m.columnPx + m.gutterPx) * scale, linePx: m.linePx * scale };
}

/** Centre of an element on screen. */
export async function centre(page: Page, selector: string): Promise<{ x: number; y: number }> {
  const box = await page.locator(selector).boundingBox();
  if (!box) throw new Error(`${selector} is not on screen`);
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/** Drags from the centre of `selector` by (dx, dy) screen px in small steps, like a hand. */
export async function dragBy(page: Page, selector: string, dx: number, dy: number, options: { release?: boolean } = {}): Promise<void> {
  const from = await centre(page, selector);
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(from.x + dx, from.y + dy, { steps: 12 });
  if (options.release ?? true) await page.mouse.up();
}

/** Ctrl-clicks (⌘ on a Mac) somewhere inside a block, here its centre. */
export async function ctrlClickBlock(page: Page, id: string): Promise<void> {
  const at = await centre(page, `.bm-page [data-block-id="${id}"]`);
  await page.keyboard.down('Control');
  await page.mouse.click(at.x, at.y);
  await page.keyboard.up('Control');
}
