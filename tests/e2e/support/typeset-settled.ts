/**
 * Waiting for the typesetting pipeline (renderer/typesetting/typeset-pipeline.ts)
 * instead of polling its results: the editor's root says `data-typeset="settled"`
 * once every pass (line ends, Han–Western gaps, push-in, copyfit) has run on
 * the layout as it is, with no face still loading.
 */
import type { Page } from 'playwright-core';
import { TYPESET_ATTRIBUTE } from '../../../renderer/typesetting/typeset-pipeline';

/** Resolves when the page's fonts are loaded and its typesetting has settled. */
export async function typesetSettled(page: Page, timeout = 30_000): Promise<void> {
  await page.waitForFunction(
    (attribute) => document.fonts.status === 'loaded' && document.querySelector(`.ProseMirror[${attribute}]`)?.getAttribute(attribute) === 'settled',
    TYPESET_ATTRIBUTE,
    { timeout },
  );
}
