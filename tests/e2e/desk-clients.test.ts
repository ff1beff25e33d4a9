/**
 * The renderer's desk client end to end, on the embedded PGlite and on a
 * real PostgreSQL (docs/decisions/0036): one `banmian web --desk …` server
 * per user, a Chromium page per user. Concurrent typing converges to the
 * desk's document, typing in a story another user holds is refused with a
 * message that keeps the text, undo is per user, an IME composition
 * survives a remote step, and a client keeps working while the desk is down
 * and catches up when it is back.
 */
import { pageCount } from '../../shared/edition/page-scope';
import { join } from 'node:path';
import type { CDPSession, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { schema } from '../../shared/model/schema';
import { NodeDeskClient } from '../../electron/node/desk/desk-client';
import { readBanmianFile } from '../../electron/node/storage';
import { editionFromPages } from '../../shared/edition/edition-from-pages';
import { blockBox, ctrlClickBlock } from './arrange-support';
import type { DeskBrowser } from './desk-browser-support';
import { BACKENDS, backendUnavailable, caretAtEnd, deskBrowserSuite, EDITION, REFERENCE, screenText, STORIES, storyPos, storyText, synced, token } from './desk-browser-support';

/** The desk's document now, through a fresh client: each story's text, and `line:ID` its top line. */
async function deskDoc(suite: DeskBrowser): Promise<Record<string, string>> {
  const doc = await suite.deskDocument();
  const texts = Object.fromEntries(STORIES.map((id) => [id, storyText(doc, id)]));
  for (const id of STORIES) texts[`line:${id}`] = String(doc.nodeAt(storyPos(doc, id))!.attrs['line']);
  return texts;
}

/** Waits until every page shows the desk's document, story by story. */
async function convergedOn(suite: DeskBrowser, pages: Page[]): Promise<Record<string, string>> {
  for (const p of pages) await synced(p);
  const truth = await deskDoc(suite);
  for (const p of pages) {
    for (const id of STORIES) {
      await p.waitForFunction(
        ({ id, text }) => {
          const el = document.querySelector(`.bm-page [data-block-id="${id}"]`);
          if (!el) return false;
          const copy = el.cloneNode(true) as HTMLElement;
          for (const c of copy.querySelectorAll('.bm-desk-caret')) c.remove();
          return copy.textContent === text;
        },
        { id, text: truth[id]! },
        { timeout: 20_000 },
      );
      await p.waitForSelector(`.bm-page [data-block-id="${id}"][data-line="${truth[`line:${id}`]}"]`, { timeout: 20_000 });
    }
  }
  return truth;
}

describe.each(BACKENDS)('desk clients in the browser on %s', (backend) => {
  const skip = backendUnavailable(backend);
  const suite = deskBrowserSuite(backend, { skip: skip !== null });
  const openAs = (user: string, edition?: string, ready?: string) => suite.openAs(user, edition, ready);
  const converged = (pages: Page[]) => convergedOn(suite, pages);
  let a: Page;
  let b: Page;
  const both = it.skipIf(skip !== null);
  if (skip) it.skip(`(skipped: ${skip})`, () => {});

  beforeAll(async () => {
    if (skip) return;
    a = await openAs('sub1');
    b = await openAs('sub2');
  }, 180_000);

  both('shows who is on the desk in the status bar', async () => {
    await a.waitForFunction(() => document.querySelector('[data-status="desk"]')?.textContent?.includes('sub2'));
    const status = (await a.textContent('[data-status="desk"]')) ?? '';
    expect(status).toContain('已连接版面服务器');
    expect(status).toContain('sub1');
  });

  both('converges when two people type in different stories at once', async () => {
    await caretAtEnd(a, 's1');
    await caretAtEnd(b, 's2');
    await Promise.all([a.keyboard.type('abcdefgh', { delay: 30 }), b.keyboard.type('12345678', { delay: 30 })]);
    const truth = await converged([a, b]);
    expect(truth['s1']).toBe('·abcdefgh');
    expect(truth['s2']).toBe('·12345678');
    // The other's caret is on the page, with the name.
    await b.waitForSelector('.bm-desk-caret[data-desk-user="sub1"]');
    // Each holds the story typed in, shown on the frame.
    await b.waitForSelector('.bm-page [data-block-id="s1"][data-desk-holder="sub1"]');
  });

  both('refuses typing in a story another person holds, says so, and keeps the text', async () => {
    const before = await screenText(a, 's1');
    await caretAtEnd(b, 's1');
    await b.keyboard.type('xyz');
    const message = await b.waitForSelector('.bm-message-error .bm-message-text', { timeout: 20_000 });
    const text = (await message.textContent()) ?? '';
    expect(text).toContain('已由sub1签出');
    expect(text).toContain('「xyz」');
    await converged([a, b]);
    expect(await screenText(b, 's1')).toBe(before);
    expect(await screenText(a, 's1')).toBe(before);
    await b.click('.bm-message-close');
    // Checking in gives it back: the frame no longer names a holder, on either page.
    await a.click('[data-checkin="s1"]');
    for (const p of [a, b]) await p.waitForSelector('.bm-page [data-block-id="s1"]:not([data-desk-holder])');
  });

  both('undoes only one’s own steps', async () => {
    await caretAtEnd(a, 's1');
    await a.keyboard.type('A');
    await converged([a, b]);
    await caretAtEnd(b, 's2');
    await b.keyboard.type('B');
    await converged([a, b]);
    // Then a's step lands after b's: b's Ctrl+Z must still take back b's own, not a's.
    await a.keyboard.type('C');
    await converged([a, b]);
    await b.keyboard.press('Control+z');
    const truth = await converged([a, b]);
    expect(truth['s2']).toBe('·12345678');
    expect(truth['s1']).toBe('·abcdefghAC');
  });

  both('keeps an IME composition whole when a remote step arrives during it', async () => {
    await caretAtEnd(b, 's2');
    await caretAtEnd(a, 's1');
    const cdp: CDPSession = await b.context().newCDPSession(b);
    await cdp.send('Input.imeSetComposition', { text: 'zhong', selectionStart: 5, selectionEnd: 5 });
    await cdp.send('Input.imeSetComposition', { text: '中', selectionStart: 1, selectionEnd: 1 });
    // a's typing reaches b mid-composition.
    await a.keyboard.type('远程');
    await b.waitForFunction(
      () => document.querySelector('.bm-page [data-block-id="s1"]')?.textContent?.includes('远程'),
      undefined,
      { timeout: 20_000 },
    );
    await cdp.send('Input.imeSetComposition', { text: '中文', selectionStart: 2, selectionEnd: 2 });
    await cdp.send('Input.insertText', { text: '中文' });
    await cdp.detach();
    const truth = await converged([a, b]);
    expect(truth['s2']).toBe('·12345678中文');
    expect(truth['s1']).toBe('·abcdefghAC远程');
  });

  both('converges when the layout editor moves a story while its holder types in it', async () => {
    const mei = await openAs('mei');
    const line = (await blockBox(mei, 's1')).line;
    await caretAtEnd(a, 's1');
    await ctrlClickBlock(mei, 's1');
    await Promise.all([
      a.keyboard.type('移动中', { delay: 40 }),
      (async () => {
        for (let i = 0; i < 3; i++) await mei.keyboard.press('ArrowDown', { delay: 40 });
      })(),
    ]);
    const truth = await converged([a, b, mei]);
    expect(truth['line:s1']).toBe(String(line + 3));
    expect(truth['s1']).toBe('·abcdefghAC远程移动中');
    // The layout editor's move is not a's to undo: a's Ctrl+Z takes back a's typing only.
    await a.keyboard.press('Control+z');
    const after = await converged([a, b, mei]);
    expect(after['line:s1']).toBe(String(line + 3));
    expect(after['s1']).toBe('·abcdefghAC远程');
    await mei.close();
  });

  both('saves a local copy of the desk’s page with Save As', async () => {
    const truth = await converged([a, b]);
    const copy = join(suite.dir, 'copy.banmian');
    b.once('dialog', (d) => void d.accept(copy));
    await b.keyboard.press('Control+Shift+s');
    await b.waitForSelector('[data-message-kind="info"]');
    const saved = await readBanmianFile(copy);
    if (!saved.ok) throw new Error(saved.error.message);
    const doc = schema.nodeFromJSON(saved.value.pages[0]);
    for (const id of STORIES) expect(storyText(doc, id)).toBe(truth[id]);
  });

  both('joins another desk identity through 连接版面服务器…; a reporter may not type in others’ stories', async () => {
    const c = await openAs('sub3');
    await c.keyboard.press('Control+Shift+k');
    await c.waitForSelector('[data-desk-dialog] input[name="url"]');
    await c.fill('[data-desk-dialog] input[name="url"]', suite.desk.url);
    await c.fill('[data-desk-dialog] input[name="edition"]', EDITION);
    await c.fill('[data-desk-dialog] input[name="user"]', 'rep');
    await c.fill('[data-desk-dialog] input[name="token"]', token('rep'));
    await c.click('[data-desk-dialog] [data-connect]');
    await c.waitForFunction(() => document.querySelector('[data-status="desk"][data-desk-state="online"]')?.textContent?.includes('rep'));
    await caretAtEnd(c, 's2');
    await c.keyboard.type('记');
    const message = await c.waitForSelector('.bm-message-error .bm-message-text', { timeout: 20_000 });
    expect(await message.textContent()).toContain('记者只能修改自己的稿件');
    expect(await message.textContent()).toContain('「记」');
    await converged([a, b, c]);
    await c.close();
  });

  both('on the reference edition, a client on page 1 and a client on page 3 type at once, converge, and see where the other is', async () => {
    const p1 = await openAs('sub1', REFERENCE, '.bm-page > [data-block-id="lead"]');
    const p3 = await openAs('sub2', REFERENCE, '.bm-page > [data-block-id="lead"]');
    await p3.selectOption('[data-status="page"]', '2');
    await p3.waitForSelector('[data-status="page"][data-value="2"]');
    // Presence carries the page: each status bar says where the other is (page index 0 and 2: 第1版, 第3版).
    await p1.waitForSelector('[data-status="desk"] [data-desk-user="sub2"][data-desk-page="2"]', { timeout: 20_000 });
    expect(await p1.textContent('[data-status="desk"] [data-desk-user="sub2"]')).toContain('sub2（第3版）');
    await p3.waitForSelector('[data-status="desk"] [data-desk-user="sub1"][data-desk-page="0"]', { timeout: 20_000 });

    const target1 = p1.locator('.bm-page > [data-block-id="lead"] .bm-body p').first();
    const target3 = p3.locator('.bm-page > [data-kind="story"] .bm-body p').first();
    const id3 = await target3.evaluate((el) => (el.closest('[data-block-id]') as HTMLElement).dataset['blockId']!);
    for (const [p, target] of [[p1, target1], [p3, target3]] as const) {
      await target.scrollIntoViewIfNeeded();
      await target.click();
      await p.keyboard.press('End');
    }
    await Promise.all([p1.keyboard.type('头版改稿', { delay: 30 }), p3.keyboard.type('三版改稿', { delay: 30 })]);
    for (const p of [p1, p3]) await synced(p);

    // The desk's edition has both edits, each on its page.
    const c = new NodeDeskClient({ url: suite.desk.url, edition: REFERENCE, user: 'sub3', token: token('sub3'), schema });
    await c.connect();
    const truth = c.state!.doc;
    c.close();
    expect(truth.type.name).toBe('edition');
    expect(pageCount(truth)).toBe(8);
    expect(truth.child(0).textContent).toContain('头版改稿');
    expect(truth.child(2).textContent).toContain('三版改稿');
    expect(storyText(truth, id3)).toContain('三版改稿');
    // Page 3's edit is on screen for the client on page 1 once it goes there.
    await p1.selectOption('[data-status="page"]', '2');
    await p1.waitForFunction((id) => document.querySelector(`.bm-page [data-block-id="${id}"]`)?.textContent?.includes('三版改稿'), id3, { timeout: 20_000 });

    // Both converged to the desk's edition: a local copy saved from either has all 8 pages, the same as the desk's.
    for (const [p, name] of [[p1, 'copy-1.banmian'], [p3, 'copy-3.banmian']] as const) {
      await synced(p);
      const copy = join(suite.dir, name);
      p.once('dialog', (d) => void d.accept(copy));
      await p.keyboard.press('Control+Shift+s');
      await p.waitForSelector('[data-message-kind="info"]');
      const saved = await readBanmianFile(copy);
      if (!saved.ok) throw new Error(saved.error.message);
      expect(saved.value.pages).toHaveLength(8);
      const built = editionFromPages(name, saved.value.pages);
      if (!built.ok) throw new Error(built.message);
      expect(built.doc.eq(truth)).toBe(true);
    }
    await p1.close();
    await p3.close();
  });

  both('keeps working while the desk is down and catches up when it is back', async () => {
    const port = suite.desk.port;
    await suite.desk.close();
    await b.waitForSelector('[data-desk-state="offline"]', { timeout: 20_000 });
    expect(await b.textContent('[data-status="desk"]')).toContain('未连接版面服务器');
    await caretAtEnd(b, 's2');
    await b.keyboard.type('离线');
    expect(await screenText(b, 's2')).toBe('·12345678中文离线');
    // Steps the desk has not confirmed are in the crash-recovery journal (leaving the window journals at once).
    expect(await b.getAttribute('[data-status="desk"]', 'data-pending')).toBe('true');
    await b.evaluate(() => window.dispatchEvent(new Event('blur')));
    const journal = suite.journals.get('sub2')!;
    await expect
      .poll(async () => {
        const list = await journal.list();
        if (!list.ok || list.value.length === 0) return '';
        const read = await journal.read(list.value[0]!.id);
        return read.ok ? storyText(schema.nodeFromJSON(read.value.pages[0]), 's2') : '';
      }, { timeout: 10_000 })
      .toBe('·12345678中文离线');
    await suite.restartDesk(port);
    await b.waitForSelector('[data-desk-state="online"]', { timeout: 30_000 });
    await a.waitForSelector('[data-desk-state="online"]', { timeout: 30_000 });
    const truth = await converged([a, b]);
    expect(truth['s2']).toBe('·12345678中文离线');
  });
});
