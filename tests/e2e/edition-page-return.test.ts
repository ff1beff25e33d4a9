/**
 * A page shown again is set exactly as it was laid out fresh
 * (docs/decisions/0029-page-switch-speed.md): the reference edition opens on
 * page 1 (a fresh layout), PageDown shows page 2 for the first time (fresh
 * too) and page 3; coming back to page 2 and to page 1, every body
 * paragraph's line-end marks and Han–Western gaps (its decorated HTML) and
 * every block's copyfit numbers equal the fresh ones. And a return does not
 * set the page again: no half-width mark is taken off a paragraph of the
 * shown page while it settles (before 0029 every return started each
 * paragraph over from no marks and measured every line).
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { e2eUnavailable } from './support/web';
import { openEditionCopy } from './support/web-app';
import type { OpenedEditionCopy, WebApp } from './support/web-app';

const skip = e2eUnavailable();

interface Typeset {
  paragraphs: string[];
  halts: number;
  copyfit: string[];
}

/** The shown page as set: body paragraphs' HTML (marks, gaps, glue) and each block's copyfit attributes. */
function typeset(page: Page): Promise<Typeset> {
  return page.evaluate(() => {
    const root = document.querySelector('.bm-page')!;
    return {
      // Class names sorted: the order decorations merge their classes in is not typesetting.
      paragraphs: [...root.querySelectorAll('.bm-body p')].map((p) => {
        const copy = p.cloneNode(true) as Element;
        for (const el of copy.querySelectorAll('[class]')) el.setAttribute('class', [...el.classList].sort().join(' '));
        return copy.innerHTML;
      }),
      halts: root.querySelectorAll('.bm-halt').length,
      copyfit: [...root.querySelectorAll('[data-block-id]')].map((b) =>
        ['data-block-id', 'data-overset', 'data-overset-parts', 'data-underset-lines'].map((a) => b.getAttribute(a) ?? '-').join(' '),
      ),
    };
  });
}

/** Waits for page `index` to be shown with its typesetting settled and fonts in. */
async function shown(page: Page, index: number): Promise<void> {
  await expect.poll(() => page.getAttribute('[data-status="page"]', 'data-value')).toBe(String(index));
  await page.waitForFunction(
    () =>
      document.querySelector('.ProseMirror')?.getAttribute('data-typeset') === 'settled' &&
      document.fonts.status === 'loaded' &&
      new Promise<boolean>((done) => requestAnimationFrame(() => requestAnimationFrame(() => done(true)))),
    undefined,
    { polling: 'raf' },
  );
}

/** Starts counting half-width marks taken off a paragraph (not with a whole page going away). */
function watchHalts(page: Page): Promise<void> {
  return page.evaluate(() => {
    const w = window as unknown as { bmHaltsRemoved: number; bmHaltObserver?: MutationObserver };
    w.bmHaltObserver?.disconnect();
    w.bmHaltsRemoved = 0;
    w.bmHaltObserver = new MutationObserver((records) => {
      for (const r of records) {
        if (!(r.target instanceof Element) || !r.target.closest('p')) continue;
        for (const n of r.removedNodes) {
          if (n instanceof Element && (n.matches('.bm-halt') || n.querySelector('.bm-halt'))) w.bmHaltsRemoved++;
        }
      }
    });
    w.bmHaltObserver.observe(document.querySelector('.ProseMirror')!, { childList: true, subtree: true });
  });
}

async function haltsRemoved(page: Page): Promise<number> {
  // Let the observer's records arrive.
  await page.evaluate(() => new Promise((done) => setTimeout(done, 0)));
  return page.evaluate(() => (window as unknown as { bmHaltsRemoved: number }).bmHaltsRemoved);
}

describe.skipIf(skip !== null)(`a page shown again${skip ? ` (skipped: ${skip})` : ''}`, () => {
  let opened: OpenedEditionCopy | undefined;
  let app: WebApp;
  let page: Page;

  beforeAll(async () => {
    opened = await openEditionCopy('bm-edition-return-');
    app = opened.app;
    page = app.page;
  }, 120_000);

  afterAll(() => opened?.close());

  it('has the same line-end marks, gaps and copyfit numbers as its fresh layout, without setting it again', async () => {
    await shown(page, 0);
    const fresh1 = await typeset(page);
    expect(fresh1.halts).toBeGreaterThan(0);
    expect(fresh1.copyfit.some((c) => /^lead \d/.test(c))).toBe(true);
    await page.click('.bm-page > [data-block-id="lead"] .bm-body p >> nth=0');

    await page.keyboard.press('PageDown');
    await shown(page, 1);
    const fresh2 = await typeset(page);
    expect(fresh2.paragraphs.length).toBeGreaterThan(0);
    await page.keyboard.press('PageDown');
    await shown(page, 2);

    await watchHalts(page);
    await page.keyboard.press('PageUp');
    await shown(page, 1);
    expect(await typeset(page)).toEqual(fresh2);
    if (fresh2.halts > 0) expect(await haltsRemoved(page)).toBe(0);

    await watchHalts(page);
    await page.keyboard.press('PageUp');
    await shown(page, 0);
    expect(await typeset(page)).toEqual(fresh1);
    expect(await haltsRemoved(page)).toBe(0);
  });
});
