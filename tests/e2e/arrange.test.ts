import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { measureDragLatency } from '../../bench/drag-latency';
import { blockBox, centre, ctrlClickBlock, dragBy, openArrangeSession, screenGrid } from './arrange-support';
import type { ArrangeSession } from './arrange-support';

let session: ArrangeSession;
let page: Page;

const HANDLES = ['e', 'move', 'n', 'ne', 'nw', 's', 'se', 'sw', 'w'];

/** The test page as it is on disk (see ArrangeSession.restart). */
async function reload(): Promise<void> {
  await session.restart();
  // Copyfit has published its first measurement.
  await page.waitForSelector('.bm-copyfit-row[data-status="overset"]');
}

async function overlapping(): Promise<string[]> {
  return page.$$eval('.bm-page [data-overlap="true"]', (els) => els.map((e) => (e as HTMLElement).dataset['blockId']!).sort());
}

async function order(): Promise<string[]> {
  return page.$$eval('.bm-page > [data-block-id]', (els) => els.map((e) => (e as HTMLElement).dataset['blockId']!));
}

beforeAll(async () => {
  session = await openArrangeSession();
  page = session.page;
});

afterAll(async () => {
  await session?.close();
});

beforeEach(async () => {
  await reload();
});

describe('arrange (web mode, Chromium)', () => {
  it('selects a story by Ctrl-click and shows all nine handles', async () => {
    expect(await page.$$('[data-handle]')).toHaveLength(0);
    await ctrlClickBlock(page, 'short');
    const handles = await page.$$eval('[data-handle]', (els) => els.map((e) => (e as HTMLElement).dataset['handle']!).sort());
    expect(handles).toEqual(HANDLES);
    expect(await page.$$eval('[data-handle]', (els) => els.every((e) => (e as HTMLElement).dataset['blockId'] === 'short'))).toBe(true);
    // The handles are outside the editable page (never widgets inside text).
    expect(await page.$$('.bm-page [data-handle]')).toHaveLength(0);
    expect(await page.getAttribute('.bm-copyfit-row[data-block-id="short"]', 'aria-selected')).toBe('true');
  });

  it('selects a block by clicking its frame edge, and a text click leaves block selection', async () => {
    const box = (await page.locator('.bm-page [data-block-id="side"]').boundingBox())!;
    await page.mouse.click(box.x + 1, box.y + box.height / 2);
    expect(await page.$$eval('[data-handle="se"]', (els) => els.map((e) => (e as HTMLElement).dataset['blockId']))).toEqual(['side']);
    const text = await centre(page, '.bm-page [data-block-id="lead"] .bm-body p >> nth=0');
    await page.mouse.click(text.x, text.y);
    // ProseMirror reads a click's DOM selection asynchronously (selectionchange).
    await expect.poll(async () => (await page.$$('[data-handle]')).length).toBe(0);
  });

  it('moves a block by exactly N columns and lines with the move handle; one undo restores it', async () => {
    await ctrlClickBlock(page, 'side');
    const grid = await screenGrid(page);
    const before = await blockBox(page, 'side');
    await dragBy(page, '[data-handle="move"]', -2 * grid.colPx, 47 * grid.linePx, { release: false });
    // While dragging only the ghost moves: no transaction yet.
    expect(await page.$$('.bm-arrange-ghost')).toHaveLength(1);
    expect(await blockBox(page, 'side')).toEqual(before);
    expect(await page.isDisabled('[data-command="undo"]')).toBe(true);
    await page.mouse.up();
    expect(await page.$$('.bm-arrange-ghost')).toHaveLength(0);
    expect(await blockBox(page, 'side')).toEqual({ ...before, col: before.col - 2, line: before.line + 47 });
    await page.keyboard.press('Control+z');
    expect(await blockBox(page, 'side')).toEqual(before);
    expect(await page.isDisabled('[data-command="undo"]')).toBe(true);
  });

  it('drops the drag on Escape', async () => {
    await ctrlClickBlock(page, 'side');
    const grid = await screenGrid(page);
    const before = await blockBox(page, 'side');
    await dragBy(page, '[data-handle="move"]', 0, 50 * grid.linePx, { release: false });
    await page.keyboard.press('Escape');
    await page.mouse.up();
    expect(await blockBox(page, 'side')).toEqual(before);
    expect(await page.$$('.bm-arrange-ghost')).toHaveLength(0);
  });

  it('resizes by the se handle, snapping to the grid, keeping the top-left corner', async () => {
    await ctrlClickBlock(page, 'side');
    const grid = await screenGrid(page);
    // Not quite whole units: the drag snaps to the nearest column and line.
    await dragBy(page, '[data-handle="se"]', -1.2 * grid.colPx, 6.3 * grid.linePx);
    expect(await blockBox(page, 'side')).toEqual({ col: 5, line: 0, cols: 2, lines: 36 });
    const el = await page.$eval('.bm-page [data-block-id="side"]', (e) => (e as HTMLElement).style.height);
    expect(parseFloat(el)).toBeGreaterThan(0);
  });

  it('resizing an overset story until it fits updates the copyfit panel live', async () => {
    expect(await page.getAttribute('.bm-copyfit-row[data-block-id="short"]', 'data-status')).toBe('overset');
    await ctrlClickBlock(page, 'short');
    const grid = await screenGrid(page);
    await dragBy(page, '[data-handle="s"]', 0, 19 * grid.linePx);
    expect(await blockBox(page, 'short')).toEqual({ col: 3, line: 0, cols: 2, lines: 39 });
    await page.waitForSelector('.bm-copyfit-row[data-block-id="short"]:not([data-status="overset"])');
    expect(await page.getAttribute('.bm-page [data-block-id="short"]', 'data-overset')).toBe('0');
  });

  it('nudges a selected block by one line or column per arrow key, each an undo step', async () => {
    await ctrlClickBlock(page, 'rule');
    const text = await page.textContent('.bm-page');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    expect(await blockBox(page, 'rule')).toEqual({ col: 0, line: 43, cols: 8, lines: 1 });
    await page.keyboard.press('ArrowUp');
    expect((await blockBox(page, 'rule')).line).toBe(42);
    await ctrlClickBlock(page, 'side');
    await page.keyboard.press('ArrowLeft');
    expect((await blockBox(page, 'side')).col).toBe(4);
    // The grid's edge stops the block; the key does nothing else.
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    expect((await blockBox(page, 'side')).col).toBe(5);
    expect(await page.textContent('.bm-page')).toBe(text);
    await page.keyboard.press('Control+z');
    expect((await blockBox(page, 'side')).col).toBe(4);
  });

  it('warns on both blocks when one is moved over another, and clears when undone', async () => {
    expect(await overlapping()).toEqual([]);
    await ctrlClickBlock(page, 'side');
    const grid = await screenGrid(page);
    await dragBy(page, '[data-handle="move"]', -1 * grid.colPx, 0);
    expect(await blockBox(page, 'side')).toMatchObject({ col: 4, line: 0 });
    expect(await overlapping()).toEqual(['short', 'side']);
    expect(await page.$$eval('.bm-page .bm-overlap', (els) => els.length)).toBe(2);
    // Visible: a red dashed outline on each.
    const outline = await page.$eval('.bm-page [data-block-id="short"]', (e) => getComputedStyle(e).outlineStyle);
    expect(outline).toBe('dashed');
    await page.keyboard.press('Control+z');
    expect(await overlapping()).toEqual([]);
  });

  it('moves a Shift multi-selection together in one undo step', async () => {
    await ctrlClickBlock(page, 'lead');
    const side = await centre(page, '.bm-page [data-block-id="side"]');
    await page.keyboard.down('Control');
    await page.keyboard.down('Shift');
    await page.mouse.click(side.x, side.y);
    await page.keyboard.up('Shift');
    await page.keyboard.up('Control');
    expect(await page.$$eval('.bm-arrange-frame', (els) => els.map((e) => (e as HTMLElement).dataset['blockId']).sort())).toEqual(['lead', 'side']);
    const grid = await screenGrid(page);
    await dragBy(page, '[data-handle="move"][data-block-id="side"]', 0, 45 * grid.linePx);
    expect((await blockBox(page, 'lead')).line).toBe(45);
    expect((await blockBox(page, 'side')).line).toBe(45);
    await page.keyboard.press('ArrowUp');
    expect((await blockBox(page, 'lead')).line).toBe(44);
    await page.keyboard.press('Control+z');
    await page.keyboard.press('Control+z');
    expect((await blockBox(page, 'lead')).line).toBe(0);
    expect((await blockBox(page, 'side')).line).toBe(0);
  });

  it('stacks, duplicates and deletes with the keyboard and the panel', async () => {
    expect(await order()).toEqual(['lead', 'short', 'side', 'rule']);
    await ctrlClickBlock(page, 'lead');
    await page.keyboard.press('Control+]');
    expect(await order()).toEqual(['short', 'lead', 'side', 'rule']);
    await page.keyboard.press('Control+Shift+]');
    expect(await order()).toEqual(['short', 'side', 'rule', 'lead']);
    await page.click('[data-arrange-action="sendToBack"]');
    expect(await order()).toEqual(['lead', 'short', 'side', 'rule']);
    await page.keyboard.press('Control+d');
    expect(await order()).toEqual(['lead', 'lead-2', 'short', 'side', 'rule']);
    expect(await blockBox(page, 'lead-2')).toEqual({ col: 1, line: 1, cols: 3, lines: 40 });
    // The copy is selected and overlaps its original: both warn.
    expect(await page.$$eval('[data-handle="move"]', (els) => els.map((e) => (e as HTMLElement).dataset['blockId']))).toEqual(['lead-2']);
    expect(await overlapping()).toContain('lead-2');
    await page.keyboard.press('Delete');
    expect(await order()).toEqual(['lead', 'short', 'side', 'rule']);
    await ctrlClickBlock(page, 'side');
    await page.keyboard.press('Backspace');
    expect(await order()).toEqual(['lead', 'short', 'rule']);
    await page.keyboard.press('Control+z');
    expect(await order()).toEqual(['lead', 'short', 'side', 'rule']);
  });

  it('lists every story in the copyfit panel with its fit, and a click selects and reveals it', async () => {
    const rows = await page.$$eval('.bm-copyfit-row', (els) =>
      els.map((e) => {
        const d = (e as HTMLElement).dataset;
        return { id: d['blockId'], status: d['status'], overset: Number(d['overset']), available: Number(d['linesAvailable']) };
      }),
    );
    expect(rows.map((r) => r.id)).toEqual(['lead', 'short', 'side']);
    const short = rows.find((r) => r.id === 'short')!;
    expect(short.status).toBe('overset');
    // The panel shows the editor's own measurement.
    expect(short.overset).toBe(Number(await page.getAttribute('.bm-page [data-block-id="short"]', 'data-overset')));
    expect(short.overset).toBeGreaterThan(0);
    // 2 columns × (20 lines − 4 headline lines).
    expect(short.available).toBe(32);
    expect(rows.find((r) => r.id === 'side')!.status).toBe('underset');
    const color = await page.$eval('.bm-copyfit-row[data-block-id="short"] .bm-copyfit-status', (e) => getComputedStyle(e).color);
    expect(color).toBe('rgb(230, 0, 18)');
    await page.click('.bm-copyfit-row[data-block-id="side"]');
    expect(await page.$$eval('[data-handle="move"]', (els) => els.map((e) => (e as HTMLElement).dataset['blockId']))).toEqual(['side']);
  });

  it('shows the grid overlay on demand, outside the printed page', async () => {
    expect(await page.isVisible('.bm-arrange-grid')).toBe(false);
    await page.click('[data-arrange-action="grid"]');
    expect(await page.isVisible('.bm-arrange-grid')).toBe(true);
    expect(await page.$$('.bm-page .bm-arrange-grid')).toHaveLength(0);
    const display = await page.evaluate(async () => {
      const layer = document.querySelector('.bm-arrange-layer')!;
      return getComputedStyle(layer).display;
    });
    expect(display).not.toBe('none');
    await page.emulateMedia({ media: 'print' });
    expect(await page.$eval('.bm-arrange-layer', (e) => getComputedStyle(e).display)).toBe('none');
    await page.emulateMedia({ media: 'screen' });
    await page.keyboard.press("Control+'");
    expect(await page.isVisible('.bm-arrange-grid')).toBe(false);
  });

  it('measures drag latency (pointer move → next frame)', async () => {
    const latency = await measureDragLatency(page, { blockId: 'side', steps: 120, dx: -150, dy: 300 });
    console.log(
      `drag latency: all moves median ${latency.all.median.toFixed(2)} ms, p95 ${latency.all.p95.toFixed(2)} ms (n=${latency.all.n}); ` +
        `ghost moved median ${latency.moved.median.toFixed(2)} ms, p95 ${latency.moved.p95.toFixed(2)} ms (n=${latency.moved.n})`,
    );
    expect(latency.moved.n).toBeGreaterThan(10);
    // A frame at 60 Hz is 16.7 ms; the ghost must keep up with the hand.
    expect(latency.moved.median).toBeLessThan(50);
    expect(await blockBox(page, 'side')).toEqual({ col: 5, line: 0, cols: 3, lines: 30 });
  });
});
