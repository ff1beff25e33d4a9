/**
 * The baseline for drag latency: the same browser producing a frame after a
 * pointer move on a page where nothing listens to it (the bare editor page),
 * measured with the same frame probe as typing.
 */
import type { Page } from 'playwright-core';
import { installFrameProbe } from './frame-probe';
import type { ProbeSamples } from './frame-probe';
import { summarize } from './stats';
import type { Summary } from './stats';

export async function measurePointerBaseline(page: Page, steps = 200): Promise<Summary> {
  await page.evaluate(installFrameProbe, 'pointermove');
  await page.mouse.move(100, 100);
  for (let i = 1; i <= steps; i++) {
    await page.mouse.move(100 + (160 * i) / steps, 100 + (240 * i) / steps);
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0))));
  }
  return summarize(((await page.evaluate('window.__bmProbe')) as ProbeSamples).frame);
}
