/**
 * The baseline for drag latency: the same browser producing a frame after a
 * pointer move on a page where nothing listens to it (the bare editor page).
 * Same probe shape as drag-latency.ts: pointermove → rAF → task.
 */
import type { Page } from 'playwright-core';
import { summarize } from './stats';
import type { Summary } from './stats';

export function installPointerProbe(): void {
  const w = window as unknown as { __bmPointer: number[] };
  w.__bmPointer = [];
  const channel = new MessageChannel();
  let pending: ((now: number) => void)[] = [];
  channel.port1.onmessage = () => {
    const now = performance.now();
    const run = pending;
    pending = [];
    for (const f of run) f(now);
  };
  window.addEventListener(
    'pointermove',
    () => {
      const t0 = performance.now();
      requestAnimationFrame(() => {
        pending.push((now) => w.__bmPointer.push(now - t0));
        channel.port2.postMessage(0);
      });
    },
    true,
  );
}

export async function measurePointerBaseline(page: Page, steps = 200): Promise<Summary> {
  await page.evaluate(installPointerProbe);
  await page.mouse.move(100, 100);
  for (let i = 1; i <= steps; i++) {
    await page.mouse.move(100 + (160 * i) / steps, 100 + (240 * i) / steps);
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0))));
  }
  return summarize((await page.evaluate('window.__bmPointer')) as number[]);
}
