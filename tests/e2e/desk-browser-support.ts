/**
 * What the desk's browser tests share: a desk on one backend (the embedded
 * PGlite, or a real PostgreSQL from Debian's package started in a temporary
 * folder, as tests/electron/desk does) serving a small page of four stories
 * (`a1`) and the reference edition of 8 pages, one `banmian web --desk …`
 * server and Chromium page per user, and the readings the tests make: a
 * story's text on screen, the desk's document through a fresh Node client,
 * a local copy saved with Save As.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { Node } from 'prosemirror-model';
import { afterAll, beforeAll } from 'vitest';
import { schema } from '../../shared/model/schema';
import { launchChromium } from '../../electron/node/chromium/launch';
import type { DeskDb } from '../../electron/node/desk/desk-db';
import { NodeDeskClient } from '../../electron/node/desk/desk-client';
import type { DeskServer } from '../../electron/node/desk/desk-server';
import { startDeskServer } from '../../electron/node/desk/desk-server';
import { createEdition, createTables } from '../../electron/node/desk/desk-store';
import { deskUsers } from '../../electron/node/desk/desk-users';
import type { WebServer } from '../../electron/node/web/server';
import { startWebServer } from '../../electron/node/web/server';
import { readBanmianFile } from '../../electron/node/storage';
import { editionDocument } from '../../electron/node/desk/edition-source';
import { editionFromPages } from '../../shared/edition/edition-from-pages';
import type { Journal } from '../../electron/node/recovery/index';
import { createJournal } from '../../electron/node/recovery/index';
import { pageWithStories, storyPos, storyText, USERS } from '../../bench/desk-page';
import type { Backend } from '../electron/desk/desk-harness';
import { openBackend, postgresAvailable } from '../electron/desk/desk-harness';

export type { Backend };
export { storyPos, storyText };

/** The page of four stories. */
export const EDITION = 'a1';
/** The reference edition of 8 pages, served whole (docs/decisions/0028). */
export const REFERENCE = 'reference';
export const STORIES = ['s1', 's2', 's3', 's4'];

/** Both backends; PostgreSQL's half is skipped, with the reason, where Debian's `initdb` is absent. */
export const BACKENDS: Backend[] = ['pglite', 'postgres'];

/** Why a backend cannot run here, or null. */
export function backendUnavailable(backend: Backend): string | null {
  return backend === 'postgres' && !postgresAvailable() ? 'PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb)' : null;
}

export const token = (user: string): string => USERS.users.find((u) => u.name === user)!.token;

/** One backend's desk and browser for a describe block. */
export interface DeskBrowser {
  readonly dir: string;
  readonly desk: DeskServer;
  readonly browser: Browser;
  /** Each user's first page's crash-recovery journal. */
  readonly journals: Map<string, Journal>;
  /** A page of `user` joined to a desk edition (`a1` unless told) through its own web server; `ready` shows it is on screen. */
  openAs(user: string, edition?: string, ready?: string): Promise<Page>;
  /** Starts the desk again on the same database (after `desk.close()`), on `port`. */
  restartDesk(port: number): Promise<DeskServer>;
  /** The desk's document of an edition now, through a fresh client. */
  deskDocument(edition?: string): Promise<Node>;
}

/**
 * Registers the hooks of one backend's desk browser suite (nothing when
 * `skip`): the database, the two editions, the desk, Chromium; all closed
 * and removed at the end.
 */
export function deskBrowserSuite(backend: Backend, options: { skip?: boolean } = {}): DeskBrowser {
  let dir = '';
  let db: DeskDb | null = null;
  let dispose: (() => void) | null = null;
  let desk: DeskServer | null = null;
  let browser: Browser | null = null;
  const webs: WebServer[] = [];
  const journals = new Map<string, Journal>();
  const previousState = process.env['XDG_STATE_HOME'];
  const users = deskUsers(USERS);
  const start = (port = 0) => startDeskServer({ db: db!, users, schema, port });

  beforeAll(async () => {
    if (options.skip) return;
    dir = mkdtempSync(join(tmpdir(), 'bm-desk-e2e-'));
    process.env['XDG_STATE_HOME'] = dir;
    const handle = await openBackend(backend);
    dispose = handle.dispose;
    db = await handle.open();
    await createTables(db);
    await createEdition(db, EDITION, pageWithStories(STORIES.length).toJSON());
    const reference = await editionDocument('fixtures/reference-edition.banmian');
    if (!reference.ok) throw new Error(reference.error.message);
    await createEdition(db, REFERENCE, reference.value.doc, reference.value.assets);
    desk = await start();
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    for (const w of webs) await w.close();
    await desk?.close();
    await db?.close();
    dispose?.();
    if (previousState === undefined) delete process.env['XDG_STATE_HOME'];
    else process.env['XDG_STATE_HOME'] = previousState;
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const suite: DeskBrowser = {
    get dir() {
      return dir;
    },
    get desk() {
      return desk!;
    },
    get browser() {
      return browser!;
    },
    journals,
    async openAs(user, edition = EDITION, ready = '.bm-page [data-block-id="s1"]') {
      const journal = createJournal(join(dir, `journal-${user}-${webs.length}`));
      // A user's first page keeps its journal here (a second page of the same user, on another edition, has its own).
      if (!journals.has(user)) journals.set(user, journal);
      const web = await startWebServer({ journal, desk: { url: desk!.url, edition, user, token: token(user) } });
      webs.push(web);
      const page = await browser!.newPage({ viewport: { width: 1400, height: 900 } });
      await page.goto(web.url);
      await page.waitForSelector(ready);
      await page.waitForSelector('[data-desk-state="online"]');
      return page;
    },
    async restartDesk(port) {
      desk = await start(port);
      return desk;
    },
    async deskDocument(edition = EDITION) {
      const c = new NodeDeskClient({ url: desk!.url, edition, user: 'sub3', token: token('sub3'), schema });
      await c.connect();
      const doc = c.state!.doc;
      c.close();
      return doc;
    },
  };
  return suite;
}

/** The text of a story on screen, other people's caret labels left out. */
export function screenText(page: Page, id: string): Promise<string> {
  return page.$eval(`.bm-page [data-block-id="${id}"]`, (el) => {
    const copy = el.cloneNode(true) as HTMLElement;
    for (const c of copy.querySelectorAll('.bm-desk-caret')) c.remove();
    return copy.textContent ?? '';
  });
}

/**
 * Puts the caret at the end of a story's text (its last paragraph), after clicking into it as a person would.
 * Only the editable text counts: a shaped story's slots also show clones of its paragraphs (`.bm-slot-clone`),
 * and a caret put into a clone is not the editor's.
 */
export async function caretAtEnd(page: Page, id: string): Promise<void> {
  const selector = `.bm-page [data-block-id="${id}"] p:not(.bm-slot-clone p)`;
  await page.locator(selector).first().scrollIntoViewIfNeeded();
  await page.locator(selector).first().click();
  const put = () =>
    page.evaluate((selector) => {
      const all = document.querySelectorAll(selector);
      const el = all[all.length - 1]!;
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT, {
        acceptNode: (n) => (n.parentElement?.closest('.bm-desk-caret') ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
      });
      let last: Text | null = null;
      for (let n = walker.nextNode(); n; n = walker.nextNode()) last = n as Text;
      document.getSelection()!.collapse(last!, last!.data.length);
      return { node: last, offset: last!.data.length };
    }, selector);
  await put();
  await page.waitForTimeout(50);
  // The editor took it (it may redraw the caret's text node: then it is put again once).
  const kept = await page.evaluate((selector) => {
    const all = document.querySelectorAll(selector);
    const el = all[all.length - 1]!;
    const sel = document.getSelection()!;
    return sel.isCollapsed && sel.anchorNode !== null && el.contains(sel.anchorNode) && sel.anchorOffset === (sel.anchorNode.textContent ?? '').length;
  }, selector);
  if (!kept) {
    await put();
    await page.waitForTimeout(50);
  }
}

/** Waits until the page has sent everything and the desk confirmed it. */
export async function synced(page: Page): Promise<void> {
  await page.waitForSelector('[data-desk-state="online"][data-pending="false"]', { timeout: 30_000 });
}

/** Saves the page's document as a local copy (Save As) and reads it back as an edition. */
export async function savedEdition(page: Page, path: string): Promise<Node> {
  page.once('dialog', (d) => void d.accept(path));
  await page.keyboard.press('Control+Shift+s');
  // The file once written (an info message may already be up from before: placing an image says so).
  let saved = await readBanmianFile(path);
  for (let waited = 0; !saved.ok && waited < 30_000; waited += 200) {
    await page.waitForTimeout(200);
    saved = await readBanmianFile(path);
  }
  if (!saved.ok) throw new Error(saved.error.message);
  const built = editionFromPages('copy', saved.value.pages);
  if (!built.ok) throw new Error(built.message);
  return built.doc;
}
