/**
 * Blocks inside a boxed story keep inside the box (web mode, Chromium): a
 * rule and a 导读 box stay inside the box's inset, and a photo never covers
 * the border, whatever the inset — with an inset of one character, and with
 * none (then it keeps off the border's own depth). Read from the page: the
 * block elements' boxes against the story's box less its inset or border.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Node } from 'prosemirror-model';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeBanmianFile } from '../../electron/node/storage/index';
import { pageToJson } from '../../shared/model/load-page';
import { schema } from '../../shared/model/schema';
import { gridMetrics } from '../../shared/page/geometry';
import { settingsFromPreset } from '../../shared/page/settings';
import type { EditorOnFile } from './support/web';
import { e2eUnavailable, openFileInEditor } from './support/web';

const skip = e2eUnavailable();
const settings = settingsFromPreset('duikai');
const metrics = gridMetrics(settings);

/** A boxed story `id` at column `col` with a photo, a rule and a 导读 box along its left, bottom and right edges. */
function boxed(id: string, col: number, attrs: Record<string, unknown>): Node[] {
  return [
    schema.node('story', { id, col, line: 0, cols: 4, lines: 40, frame: 'double', frameWeightPt: 2, ...attrs }, [
      schema.node('headgroup', null, [schema.node('headline', { lines: 4 }, [schema.text('框内')])]),
      schema.node('body', null, [schema.node('paragraph', null, [schema.text('正文。'.repeat(40))])]),
    ]),
    schema.node('photo', { id: `${id}-photo`, col, line: 20, cols: 2, lines: 20, captionLines: 2 }, [schema.node('caption', null, [schema.text('图片说明')])]),
    schema.node('rule', { id: `${id}-rule`, col: col + 2, line: 39, cols: 2, lines: 1, weightPt: 1 }),
    schema.node('teaser', { id: `${id}-guide`, col: col + 2, line: 0, cols: 2, lines: 8 }, [schema.node('teaser_item', { page: '3' }, [schema.text('跑者的一天')])]),
  ];
}

describe.skipIf(skip !== null)(`blocks inside a boxed story${skip ? ` (skipped: ${skip})` : ''}`, () => {
  const dir = mkdtempSync(join(tmpdir(), 'bm-copyfit-box-'));
  let app: EditorOnFile;

  beforeAll(async () => {
    const file = join(dir, 'box.banmian');
    const doc = schema.node('page', { settings }, [...boxed('inset', 0, { frameInset: 1 }), ...boxed('flush', 4, { frameInset: 0 })]);
    const written = await writeBanmianFile(file, { pages: [pageToJson(doc)], assets: [] });
    if (!written.ok) throw new Error(written.error.message);
    app = await openFileInEditor(file, '.bm-page [data-block-id="flush-guide"]');
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** How far each block's box stays in from the story's box on each side it is near, page px at 100 %. */
  const gaps = (story: string) =>
    app.page.evaluate((id) => {
      const s = document.querySelector(`.bm-page > [data-block-id="${id}"]`)!;
      const zoom = s.getBoundingClientRect().width / (s as HTMLElement).offsetWidth;
      const sr = s.getBoundingClientRect();
      const out: Record<string, number> = {};
      for (const kind of ['photo', 'rule', 'guide']) {
        const r = document.querySelector(`.bm-page > [data-block-id="${id}-${kind}"]`)!.getBoundingClientRect();
        const g = { left: (r.left - sr.left) / zoom, top: (r.top - sr.top) / zoom, right: (sr.right - r.right) / zoom, bottom: (sr.bottom - r.bottom) / zoom };
        // The sides the block lies along (its grid box touches the story's there).
        out[kind] = Math.min(...Object.values(g).filter((v) => v < 60));
      }
      return out;
    }, story);

  it('keeps the photo, the rule and the 导读 box inside the inset of one character', async () => {
    await expect.poll(() => app.page.locator('.bm-page > [data-block-id="inset-rule"][data-box-inset]').count()).toBe(1);
    const g = await gaps('inset');
    // One character across, one line down: the larger of the two is not needed, each side keeps at least the smaller.
    const inset = Math.min(metrics.charPx, metrics.linePx);
    for (const v of Object.values(g)) expect(v).toBeGreaterThanOrEqual(inset - 0.02);
  });

  it('keeps them off a 2 pt double border with no inset (three weights deep)', async () => {
    await expect.poll(() => app.page.locator('.bm-page > [data-block-id="flush-guide"][data-box-inset]').count()).toBe(1);
    const g = await gaps('flush');
    const depth = 3 * ((2 * 4) / 3);
    for (const v of Object.values(g)) expect(v).toBeGreaterThanOrEqual(depth - 0.02);
  });
});
