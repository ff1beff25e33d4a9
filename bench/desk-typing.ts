/**
 * Local keystroke relayout with a desk connected vs the same page alone
 * (issue 15: within 1.1× single-user). Both tabs show the same document —
 * the reference page's first page with its photos emptied, since a desk
 * serves the document and not its images — once from a file and once
 * joined to a desk on an embedded PGlite in a temporary state folder. Runs
 * alternate (file, desk, file, desk, …) so machine noise falls on both.
 */
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { schema } from '../shared/model/schema';
import { openPglite } from '../electron/node/desk/desk-db';
import { startDeskServer } from '../electron/node/desk/desk-server';
import { createEdition, createTables } from '../electron/node/desk/desk-store';
import { deskUsers } from '../electron/node/desk/desk-users';
import { readBanmianFile, writeBanmianFile } from '../electron/node/storage';
import { startWebServer } from '../electron/node/web/server';
import { createJournal } from '../electron/node/recovery/journal';
import type { Summary } from './stats';
import { summarize } from './stats';
import { typeAndMeasure } from './typing';

export interface DeskTypingOptions {
  browser: Browser;
  /** The reference page's file. */
  fixture: string;
  tmp: string;
  runs: number;
  keystrokes: number;
  /** Waits until the page's stories are laid out. */
  ready(page: Page): Promise<void>;
  /** Puts the caret at the end of the last paragraph of a block. */
  clickEnd(page: Page, selector: string): Promise<void>;
}

export interface DeskTypingResult {
  alone: Summary;
  desk: Summary;
}

/** The first page of `fixture` with every photo frame emptied (the desk does not serve images). */
async function pageWithoutImages(fixture: string): Promise<unknown> {
  const loaded = await readBanmianFile(fixture);
  if (!loaded.ok) throw new Error(loaded.error.message);
  const clear = (n: unknown): unknown => {
    if (!n || typeof n !== 'object') return n;
    const o = n as { attrs?: Record<string, unknown>; content?: unknown[] };
    const attrs = o.attrs && typeof o.attrs['asset'] === 'string' ? { ...o.attrs, asset: '' } : o.attrs;
    return { ...o, ...(attrs ? { attrs } : {}), ...(o.content ? { content: o.content.map(clear) } : {}) };
  };
  return clear(schema.nodeFromJSON(loaded.value.pages[0]).toJSON());
}

/** The longest story's id. */
async function longestStory(page: Page): Promise<string> {
  return page.evaluate(() => {
    let best: Element | null = null;
    for (const s of document.querySelectorAll('[data-kind="story"]')) {
      if (!best || (s.textContent ?? '').length > (best.textContent ?? '').length) best = s;
    }
    return best?.getAttribute('data-block-id') ?? '';
  });
}

export async function measureDeskTyping(options: DeskTypingOptions): Promise<DeskTypingResult> {
  const { browser, tmp, runs, keystrokes } = options;
  const pageJson = await pageWithoutImages(options.fixture);
  const file = join(tmp, 'desk-bench-page.banmian');
  const written = await writeBanmianFile(file, { pages: [pageJson], assets: [] });
  if (!written.ok) throw new Error(written.error.message);

  const db = await openPglite(join(tmp, 'desk-bench-db'));
  await createTables(db);
  const user = { name: 'bench', role: 'layout' as const, token: 'token-of-the-bench-0', stories: [] };
  const users = deskUsers({ users: [user], idleMinutes: 10, goneSeconds: 60 });
  const desk = await startDeskServer({ db, users, schema, port: 0 });
  const aloneRelayout: number[] = [];
  const deskRelayout: number[] = [];
  try {
    // The first page typed into in a browser pays for faces and line-end passes warming up
    // (about 3× here, either mode): type into one first, unmeasured.
    const warm = await startWebServer({ file, journal: createJournal(join(tmp, 'desk-bench-recovery-warm')) });
    try {
      const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
      await page.goto(warm.url);
      await options.ready(page);
      await options.clickEnd(page, `[data-block-id="${await longestStory(page)}"]`);
      await typeAndMeasure(page, Math.min(keystrokes, 60));
      await page.close();
    } finally {
      await warm.close();
    }
    for (let run = 0; run < runs; run++) {
      // A fresh edition per run: every run types into the same text.
      const edition = `bench-${run}`;
      await createEdition(db, edition, pageJson);
      // A fresh host per run too: a host gives a reloaded page back the work it journalled.
      const alone = await startWebServer({ file, journal: createJournal(join(tmp, `desk-bench-recovery-a${run}`)) });
      const joined = await startWebServer({
        journal: createJournal(join(tmp, `desk-bench-recovery-${run}`)),
        desk: { url: desk.url, edition, user: user.name, token: user.token },
      });
      try {
        for (const [url, into, isDesk] of [
          [alone.url, aloneRelayout, false],
          [joined.url, deskRelayout, true],
        ] as const) {
          const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
          await page.goto(url);
          await options.ready(page);
          if (isDesk) await page.waitForSelector('[data-desk-state="online"]');
          const story = await longestStory(page);
          await options.clickEnd(page, `[data-block-id="${story}"]`);
          const typed = await typeAndMeasure(page, keystrokes);
          if (isDesk) await page.waitForSelector('[data-desk-state="online"][data-pending="false"]', { timeout: 60_000 });
          into.push(typed.relayout.median);
          await page.close();
        }
      } finally {
        await joined.close();
        await alone.close();
      }
    }
  } finally {
    await desk.close();
    await db.close();
  }
  return { alone: summarize(aloneRelayout), desk: summarize(deskRelayout) };
}
