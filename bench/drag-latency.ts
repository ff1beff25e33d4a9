/**
 * Drag latency of the arrange layer: from a `pointermove` during a handle
 * drag to the end of the next animation frame (rAF, then a task: the frame
 * with the ghost's new position has been produced). Samples where the snapped
 * ghost moved are reported apart from those where it stayed (most moves stay
 * inside one grid cell and cost almost nothing).
 *
 * Procedure (what `measureDragLatency` does): open a page in web mode, select
 * a block, press its `move` handle, move the mouse in `steps` small steps
 * (one per frame) across several columns and lines, then Escape (the
 * document is never changed). Add it to
 * `npm run bench` by calling it with a playwright Page showing a page.
 */
import type { Page } from 'playwright-core';
import { summarize } from './stats';
import type { Summary } from './stats';

/** In-page instrumentation; runs in the browser (passed to page.evaluate). */
export function installDragProbe(): void {
  const w = window as unknown as { __bmDrag?: { all: number[]; moved: number[] } };
  // Installed once per page; a second call only clears the samples.
  if (w.__bmDrag) {
    w.__bmDrag = { all: [], moved: [] };
    return;
  }
  w.__bmDrag = { all: [], moved: [] };
  const samples = () => w.__bmDrag!;
  const channel = new MessageChannel();
  let pending: ((now: number) => void)[] = [];
  channel.port1.onmessage = () => {
    const now = performance.now();
    const run = pending;
    pending = [];
    for (const f of run) f(now);
  };
  const ghostKey = () => {
    const g = document.querySelector<HTMLElement>('.bm-arrange-ghost');
    return g ? g.style.cssText : '';
  };
  window.addEventListener(
    'pointermove',
    () => {
      const t0 = performance.now();
      const before = ghostKey();
      requestAnimationFrame(() => {
        pending.push((now) => {
          const dt = now - t0;
          samples().all.push(dt);
          if (ghostKey() !== before) samples().moved.push(dt);
        });
        channel.port2.postMessage(0);
      });
    },
    true,
  );
}

export interface DragLatency {
  /** Every pointermove during the drag. */
  all: Summary;
  /** Moves after which the snapped ghost had moved. */
  moved: Summary;
}

/**
 * Measures drag latency on `blockId` (selected by Ctrl-click). The gesture
 * ends with Escape, so the document is unchanged.
 */
export async function measureDragLatency(page: Page, options: { blockId: string; steps?: number; dx?: number; dy?: number }): Promise<DragLatency> {
  const steps = options.steps ?? 200;
  await page.evaluate(installDragProbe);
  const block = await page.locator(`.bm-page [data-block-id="${options.blockId}"]`).boundingBox();
  if (!block) throw new Error(`block ${options.blockId} is not on screen`);
  await page.keyboard.down('Control');
  await page.mouse.click(block.x + block.width / 2, block.y + block.height / 2);
  await page.keyboard.up('Control');
  const handle = await page.locator(`[data-handle="move"][data-block-id="${options.blockId}"]`).boundingBox();
  if (!handle) throw new Error('no move handle');
  const x0 = handle.x + handle.width / 2;
  const y0 = handle.y + handle.height / 2;
  await page.mouse.move(x0, y0);
  await page.mouse.down();
  await page.evaluate(() => {
    const w = window as unknown as { __bmDrag: { all: number[]; moved: number[] } };
    w.__bmDrag.all = [];
    w.__bmDrag.moved = [];
  });
  const dx = options.dx ?? 160;
  const dy = options.dy ?? 240;
  for (let i = 1; i <= steps; i++) {
    await page.mouse.move(x0 + (dx * i) / steps, y0 + (dy * i) / steps);
    // One move per frame, as a hand's pointer arrives.
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0))));
  }
  await page.keyboard.press('Escape');
  await page.mouse.up();
  const samples = await page.evaluate(() => (window as unknown as { __bmDrag: { all: number[]; moved: number[] } }).__bmDrag);
  return { all: summarize(samples.all), moved: summarize(samples.moved) };
}
