import { spawn } from 'node:child_process';
import { chromium } from 'playwright-core';
const child = spawn(process.execPath, ['dist/node/cli.mjs', 'web', 'fixtures/seed-front-page.banmian'], { stdio: 'pipe', env: { ...process.env, BANMIAN_RECOVERY_DIR: '/tmp/bm-rec-times' } });
const url = await new Promise((r) => { let o=''; child.stdout.on('data', (d) => { o += d; const l = o.split('\n').find((x) => x.startsWith('http')); if (l) r(l.trim()); }); });
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
await page.goto(url);
await page.waitForSelector('[data-preflight-panel]');
await page.waitForFunction(() => document.fonts.status === 'loaded');
for (const round of [1, 2]) for (const v of ['proof', 'x4', 'x4-cmyk']) {
  await page.click('button[data-command="exportPdf"]');
  await page.selectOption('select[name="variant"]', v);
  page.once('dialog', (d) => void d.accept(`/tmp/times-${v}.pdf`));
  const t0 = Date.now();
  const stages = {};
  await page.click('[data-export-submit]');
  let last = '';
  while (!(await page.$('[data-export-written], [data-export-error]'))) {
    const s = await page.getAttribute('.bm-ex-progress', 'data-export-stage');
    if (s !== last) { stages[s] = Date.now() - t0; last = s; }
    await page.waitForTimeout(50);
  }
  const text = await page.textContent('.bm-ex-result, .bm-ex-failed');
  console.log(round, v, ((Date.now() - t0) / 1000).toFixed(1), 's', JSON.stringify(stages), text);
  await page.click('[data-export-close]');
}
await browser.close(); child.kill();
