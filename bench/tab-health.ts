/**
 * Two health measures of a tab, taken the same way for Banmian and its
 * baselines: long tasks (main-thread tasks over 50 ms, which an editor
 * feels as a stall) counted while something is done to the page, and the
 * JavaScript heap in use after a full garbage collection plus the DOM's
 * node count (what an open page holds).
 */
import type { Page } from 'playwright-core';

/** Starts counting the page's long tasks from now (again from zero when called again). */
export async function startLongTaskCount(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __bmLongTasks?: number[]; __bmLongTaskObserver?: PerformanceObserver };
    w.__bmLongTasks = [];
    if (w.__bmLongTaskObserver) return;
    w.__bmLongTaskObserver = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__bmLongTasks?.push(e.duration);
    });
    w.__bmLongTaskObserver.observe({ type: 'longtask' });
  });
}

/** The durations of the long tasks since {@link startLongTaskCount}, ms. */
export async function longTasks(page: Page): Promise<number[]> {
  // Entries are delivered after the task: give the observer a turn.
  await page.evaluate(() => new Promise((r) => setTimeout(r, 50)));
  return page.evaluate(() => (window as unknown as { __bmLongTasks?: number[] }).__bmLongTasks ?? []);
}

/** JavaScript heap in use after a full collection, MB, and the DOM's node count. */
export async function tabMemory(page: Page): Promise<{ heapMb: number; nodes: number }> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const heap = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
  await cdp.send('Performance.enable');
  const metrics = (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
  await cdp.detach();
  const nodes = metrics.metrics.find((m) => m.name === 'Nodes')?.value ?? 0;
  return { heapMb: heap.usedSize / 1024 / 1024, nodes };
}
