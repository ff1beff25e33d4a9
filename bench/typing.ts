/**
 * Types characters one at a time into the focused editor of a page and
 * returns the probe's samples (see frame-probe.ts). Each character goes
 * in as IME-committed text (CDP Input.insertText), the way Chinese is typed,
 * and the next one waits for a frame so samples do not overlap.
 */
import type { Page } from 'playwright-core';
import { installFrameProbe } from './frame-probe';
import type { ProbeSamples } from './frame-probe';
import type { Summary } from './stats';
import { summarize } from './stats';

export interface TypingResult {
  processing: Summary;
  frame: Summary;
  /** The frame after each keystroke: the page's layout passes, style, layout and paint. */
  frameWork: Summary;
  /** Per keystroke, processing plus the frame's work: the whole relayout. */
  relayout: Summary;
}

const TEXT = '萧山区持续推进基层治理现代化建设，让群众获得感成色更足、幸福感更可持续、安全感更有保障。';

export async function typeAndMeasure(page: Page, count: number): Promise<TypingResult> {
  await page.evaluate(installFrameProbe, 'beforeinput');
  const cdp = await page.context().newCDPSession(page);
  for (let i = 0; i < count; i++) {
    await cdp.send('Input.insertText', { text: TEXT[i % TEXT.length]! });
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0))));
  }
  const probe = (await page.evaluate('window.__bmProbe')) as ProbeSamples;
  if (probe.processing.length < count * 0.9) {
    throw new Error(`only ${probe.processing.length} of ${count} keystrokes reached the editor`);
  }
  const n = Math.min(probe.processing.length, probe.frameWork.length);
  const relayout = Array.from({ length: n }, (_, i) => probe.processing[i]! + probe.frameWork[i]!);
  return { processing: summarize(probe.processing), frame: summarize(probe.frame), frameWork: summarize(probe.frameWork), relayout: summarize(relayout) };
}
