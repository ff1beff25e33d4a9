import { it } from 'vitest';
import { launchChromium, openEditor, PROJECT_ROOT, startTestServer } from './support/web';
import { join } from 'node:path';
it('shot', { timeout: 600_000 }, async () => {
  const server = await startTestServer(join(PROJECT_ROOT, 'fixtures', 'reference-edition.banmian'));
  const browser = await launchChromium();
  const { page } = await openEditor(browser, server, { waitFor: '[data-kind="story"][data-overset]' });
  await page.click('button[data-command="pagePlan"]');
  await page.waitForSelector('.bm-plan-page[data-folio="3"] img', { timeout: 300_000 });
  await page.screenshot({ path: '/tmp/thumbs-bench/plan-partial.png' });
  await page.waitForFunction(() => document.querySelectorAll('.bm-plan-page img').length === 8, null, { timeout: 300_000 });
  await page.screenshot({ path: '/tmp/thumbs-bench/plan-drafts.png' });
  await page.waitForFunction(() => document.querySelectorAll('.bm-plan-overset[data-layout="print"]').length === 7, null, { timeout: 400_000 });
  await page.screenshot({ path: '/tmp/thumbs-bench/plan-print.png' });
  await browser.close();
  await server.close();
});
