/**
 * The floors an export is measured against: a static copy of the reference
 * page as print mode laid it out (same text, same bundled faces, same
 * pictures, no script), served on 127.0.0.1, and Chromium printing it
 *
 * - warm: `printToPDF` of the copy already loaded in a running browser (what
 *   an export in a running app cannot go below);
 * - cold: `chromium --headless --print-to-pdf` from the command line (what
 *   the export command cannot go below: a browser start, a load, a print).
 */
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import { mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import type { Browser } from 'playwright-core';
import { CHROMIUM_FLAGS, findChromium } from '../electron/node/chromium/launch';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.jpg': 'image/jpeg',
  '.png': 'image/png',
};

export interface StaticCopy {
  url: string;
  /** Page size in CSS px, for `printToPDF`. */
  width: number;
  height: number;
  close(): Promise<void>;
}

/**
 * Writes a static copy of the print page at `printUrl` into `dir` (its
 * pictures downloaded beside it, the renderer's assets linked) and serves it.
 */
export async function makeStaticCopy(
  browser: Browser,
  options: { printUrl: string; rendererDir: string; dir: string },
): Promise<StaticCopy> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(options.printUrl);
  await page.waitForSelector('html[data-bm-ready="true"]', { state: 'attached', timeout: 60_000 });
  const { html, images, width, height } = await page.evaluate(async () => {
    const found: { src: string; name: string; bytes: number[] }[] = [];
    for (const [i, img] of [...document.querySelectorAll('img')].entries()) {
      const src = img.getAttribute('src') ?? '';
      if (!src || src.startsWith('data:')) continue;
      const bytes = new Uint8Array(await (await fetch(img.src)).arrayBuffer());
      const name = `picture-${i}${bytes[0] === 0x89 ? '.png' : '.jpg'}`;
      found.push({ src, name, bytes: [...bytes] });
      img.setAttribute('src', name);
    }
    for (const s of document.querySelectorAll('script, meta[http-equiv]')) s.remove();
    for (const l of document.querySelectorAll('[crossorigin]')) l.removeAttribute('crossorigin');
    const sheet = document.querySelector<HTMLElement>('.bm-print-sheet');
    const r = sheet?.getBoundingClientRect();
    return { html: `<!doctype html>\n${document.documentElement.outerHTML}`, images: found, width: r?.width ?? 0, height: r?.height ?? 0 };
  });
  await context.close();
  await mkdir(options.dir, { recursive: true });
  await symlink(join(options.rendererDir, 'assets'), join(options.dir, 'assets')).catch(() => undefined);
  for (const img of images) await writeFile(join(options.dir, img.name), Buffer.from(img.bytes));
  await writeFile(join(options.dir, 'index.html'), html);
  const server: Server = createServer((req, res) => {
    const rel = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://127.0.0.1').pathname)).replace(/^\/+/, '') || 'index.html';
    if (rel.startsWith('..')) return void res.writeHead(403).end();
    readFile(join(options.dir, rel)).then(
      (bytes) => res.writeHead(200, { 'content-type': TYPES[extname(rel)] ?? 'application/octet-stream' }).end(bytes),
      () => res.writeHead(404).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/index.html`,
    width,
    height,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Milliseconds of `printToPDF` of the copy, loaded once in `browser` and printed `runs` times. */
export async function measureWarmFloor(browser: Browser, copy: StaticCopy, runs: number): Promise<number[]> {
  const context = await browser.newContext({ viewport: { width: Math.ceil(copy.width), height: Math.ceil(copy.height) } });
  const page = await context.newPage();
  await page.goto(copy.url, { waitUntil: 'load' });
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  const samples: number[] = [];
  // The first print warms Chromium's printing code; it is not the floor.
  for (let i = 0; i <= runs; i++) {
    const t0 = performance.now();
    await page.pdf({ width: `${copy.width}px`, height: `${copy.height}px`, printBackground: true, preferCSSPageSize: true });
    if (i > 0) samples.push(performance.now() - t0);
  }
  await context.close();
  return samples;
}

/**
 * Milliseconds of `printToPDF` of the live print page (print mode, scripts
 * running) loaded once and printed `runs` times: the warm floor's twin, to
 * tell Chromium's printing from what the export does around it.
 */
export async function measureLivePrint(browser: Browser, printUrl: string, copy: StaticCopy, runs: number): Promise<number[]> {
  const context = await browser.newContext({ viewport: { width: Math.ceil(copy.width), height: Math.ceil(copy.height) } });
  const page = await context.newPage();
  await page.goto(printUrl, { waitUntil: 'load' });
  await page.waitForSelector('html[data-bm-ready="true"]', { state: 'attached', timeout: 60_000 });
  const samples: number[] = [];
  for (let i = 0; i <= runs; i++) {
    const t0 = performance.now();
    await page.pdf({ width: `${copy.width}px`, height: `${copy.height}px`, printBackground: true, preferCSSPageSize: true });
    if (i > 0) samples.push(performance.now() - t0);
  }
  await context.close();
  return samples;
}

/** Milliseconds of `chromium --headless --print-to-pdf` of the copy, a fresh browser each run. */
export async function measureColdFloor(copy: StaticCopy, out: string, runs: number): Promise<number[]> {
  const chromium = findChromium();
  if (!chromium) throw new Error('no Chromium found');
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await new Promise<void>((resolve, reject) => {
      const child = spawn(chromium, [...CHROMIUM_FLAGS, '--headless', '--no-pdf-header-footer', `--print-to-pdf=${out}`, copy.url], { stdio: 'ignore' });
      child.on('error', reject);
      child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`chromium --print-to-pdf exited with ${code}`))));
    });
    samples.push(performance.now() - t0);
  }
  return samples;
}
