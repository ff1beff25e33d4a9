/**
 * Three browser clients on the reference edition, on PGlite and on a real
 * PostgreSQL (docs/decisions/0036): the layout editor (mei) moves blocks
 * while two subeditors type in stories on pages 1 and 3; one subeditor tries
 * the other's story and is refused with a message; an IME composition goes
 * on while the layout editor moves the story it is in; Ctrl+Z takes back
 * only its user's steps; an image the layout editor places reaches the other
 * clients through the desk; and all three end with the desk's edition.
 */
import { pageCount } from '../../shared/edition/page-scope';
import { join } from 'node:path';
import type { CDPSession, Page } from 'playwright-core';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { ctrlClickBlock } from './arrange-support';
import { BACKENDS, backendUnavailable, caretAtEnd, deskBrowserSuite, REFERENCE, savedEdition, screenText, storyPos, storyText, synced } from './desk-browser-support';

const READY = '.bm-page > [data-block-id="masthead"], .bm-page > [data-block-id="lead"]';

/** Shows page `index` (0-based) of the edition. */
async function goToPage(page: Page, index: number): Promise<void> {
  await page.selectOption('[data-status="page"]', String(index));
  await page.waitForSelector(`[data-status="page"][data-value="${index}"]`);
}

/** Ctrl-clicks a block to select it as a layout editor does, scrolled into view first. */
async function selectBlock(page: Page, id: string): Promise<void> {
  await page.locator(`.bm-page [data-block-id="${id}"]`).scrollIntoViewIfNeeded();
  await ctrlClickBlock(page, id);
  await page.waitForSelector(`[data-handle="move"][data-block-id="${id}"]`);
}

/** Waits until a page shows `id` at grid line `line` and with text ending in `tail`. */
async function shows(page: Page, id: string, line: number, tail: string): Promise<void> {
  await page.waitForSelector(`.bm-page [data-block-id="${id}"][data-line="${line}"]`, { timeout: 30_000 });
  await page.waitForFunction(
    ({ id, tail }) => {
      const el = document.querySelector(`.bm-page [data-block-id="${id}"]`);
      if (!el) return false;
      const copy = el.cloneNode(true) as HTMLElement;
      for (const c of copy.querySelectorAll('.bm-desk-caret')) c.remove();
      return (copy.textContent ?? '').endsWith(tail);
    },
    { id, tail },
    { timeout: 30_000 },
  );
}

describe.each(BACKENDS)('three desk clients on the reference edition on %s', (backend) => {
  const skip = backendUnavailable(backend);
  const suite = deskBrowserSuite(backend, { skip: skip !== null });
  const run = it.skipIf(skip !== null);
  if (skip) it.skip(`(skipped: ${skip})`, () => {});
  /** sub1 works on page 1, sub2 on page 3, mei (layout) goes where the blocks are. */
  let sub1: Page;
  let sub2: Page;
  let mei: Page;
  let lead = { line: 0, text: '' };
  let p3c = { line: 0, text: '' };

  const line = async (id: string) => {
    const doc = await suite.deskDocument(REFERENCE);
    return Number(doc.nodeAt(storyPos(doc, id))!.attrs['line']);
  };
  const text = async (id: string) => storyText(await suite.deskDocument(REFERENCE), id);
  const all = () => Promise.all([sub1, sub2, mei].map((p) => synced(p)));

  beforeAll(async () => {
    if (skip) return;
    sub1 = await suite.openAs('sub1', REFERENCE, READY);
    sub2 = await suite.openAs('sub2', REFERENCE, READY);
    mei = await suite.openAs('mei', REFERENCE, READY);
    await goToPage(sub2, 2);
    await goToPage(mei, 2);
    lead = { line: await line('lead'), text: await text('lead') };
    p3c = { line: await line('p3-c'), text: await text('p3-c') };
  }, 180_000);

  run('the layout editor moves a story on page 3 while its subeditor types in it and another types on page 1', async () => {
    await caretAtEnd(sub1, 'lead');
    await caretAtEnd(sub2, 'p3-c');
    await selectBlock(mei, 'p3-c');
    await Promise.all([
      sub1.keyboard.type('头版三人', { delay: 40 }),
      sub2.keyboard.type('三版三人', { delay: 40 }),
      (async () => {
        for (let i = 0; i < 3; i++) await mei.keyboard.press('ArrowDown', { delay: 40 });
      })(),
    ]);
    await all();
    expect(await text('lead')).toBe(`${lead.text}头版三人`);
    expect(await text('p3-c')).toBe(`${p3c.text}三版三人`);
    expect(await line('p3-c')).toBe(p3c.line + 3);
    // Each client on page 3 shows the move and the typing; the client on page 1 its own story.
    for (const p of [sub2, mei]) await shows(p, 'p3-c', p3c.line + 3, '三版三人');
    await shows(sub1, 'lead', lead.line, '头版三人');
  });

  run('a subeditor typing in the story the other holds is refused, with the message, and nothing changes', async () => {
    await goToPage(sub2, 0);
    await caretAtEnd(sub2, 'lead');
    await sub2.keyboard.type('抢');
    const message = await sub2.waitForSelector('.bm-message-error .bm-message-text', { timeout: 30_000 });
    const said = (await message.textContent()) ?? '';
    expect(said).toContain('已由sub1签出');
    expect(said).toContain('「抢」');
    await all();
    expect(await text('lead')).toBe(`${lead.text}头版三人`);
    await shows(sub2, 'lead', lead.line, '头版三人');
    await sub2.click('.bm-message-close');
    await goToPage(sub2, 2);
  });

  run('an IME composition on page 1 goes on whole while the layout editor moves a block there', async () => {
    await goToPage(mei, 0);
    await selectBlock(mei, 'craftsmen');
    const craftsmen = await line('craftsmen');
    await caretAtEnd(sub1, 'lead');
    const cdp: CDPSession = await sub1.context().newCDPSession(sub1);
    await cdp.send('Input.imeSetComposition', { text: 'zhong', selectionStart: 5, selectionEnd: 5 });
    await cdp.send('Input.imeSetComposition', { text: '中', selectionStart: 1, selectionEnd: 1 });
    // The move reaches sub1 mid-composition.
    await mei.keyboard.press('ArrowDown');
    await sub1.waitForSelector(`.bm-page [data-block-id="craftsmen"][data-line="${craftsmen + 1}"]`, { timeout: 30_000 });
    await cdp.send('Input.imeSetComposition', { text: '中文', selectionStart: 2, selectionEnd: 2 });
    await cdp.send('Input.insertText', { text: '中文' });
    await cdp.detach();
    await all();
    expect(await text('lead')).toBe(`${lead.text}头版三人中文`);
    expect(await line('craftsmen')).toBe(craftsmen + 1);
    for (const p of [sub1, mei]) await shows(p, 'lead', lead.line, '头版三人中文');
    expect(await screenText(sub1, 'lead')).not.toContain('zhong');
  });

  run('Ctrl+Z takes back only its own user’s steps', async () => {
    const craftsmen = await line('craftsmen');
    // sub1's last step is the composition; mei's move on the same page stays.
    await sub1.keyboard.press('Control+z');
    await all();
    expect(await text('lead')).toBe(`${lead.text}头版三人`);
    expect(await line('craftsmen')).toBe(craftsmen);
    // mei's last step is that move; sub1's typing stays.
    await mei.keyboard.press('Control+z');
    await all();
    expect(await line('craftsmen')).toBe(craftsmen - 1);
    expect(await text('lead')).toBe(`${lead.text}头版三人`);
    // sub2's typing on page 3 goes (remote steps between its keys may have cut it into more than one undo step);
    // mei's earlier move of that story stays.
    for (let i = 0; i < 4 && (await text('p3-c')) !== p3c.text; i++) {
      await sub2.keyboard.press('Control+z');
      await all();
      expect(p3c.text + '三版三人').toContain(await text('p3-c'));
      expect(await line('p3-c')).toBe(p3c.line + 3);
    }
    expect(await text('p3-c')).toBe(p3c.text);
    for (const p of [sub1, mei]) await shows(p, 'lead', lead.line, '头版三人');
    await shows(sub2, 'p3-c', p3c.line + 3, p3c.text.slice(-4));
  });

  run('an image the layout editor places during the session reaches the other clients', async () => {
    await goToPage(mei, 2);
    const frame = '.bm-page [data-block-id="p3-ad"]';
    await mei.locator(frame).scrollIntoViewIfNeeded();
    // An empty frame (the reference edition's advertisement slot).
    await mei.waitForSelector(`${frame} .bm-photo-empty`);
    // A picture no one has had before (not among the edition's images).
    const bytes = await sharp({ create: { width: 1800, height: 1200, channels: 3, background: { r: 180, g: 60, b: 30 } } })
      .composite([{ input: { create: { width: 600, height: 400, channels: 3, background: { r: 20, g: 90, b: 160 } } }, left: 300, top: 200 }])
      .jpeg()
      .toBuffer();
    await mei.evaluate(
      ({ selector, base64 }) => {
        const el = document.querySelector<HTMLElement>(selector)!;
        const r = el.getBoundingClientRect();
        const clientX = r.left + r.width / 2;
        const clientY = r.top + r.height / 3;
        const bin = atob(base64);
        const data = new Uint8Array(bin.length);
        for (let i = 0; i < bin.length; i++) data[i] = bin.charCodeAt(i);
        const dt = new DataTransfer();
        dt.items.add(new File([data], '新图.jpg', { type: 'image/jpeg' }));
        const target = document.elementFromPoint(clientX, clientY) ?? el;
        for (const kind of ['dragenter', 'dragover', 'drop']) {
          target.dispatchEvent(new DragEvent(kind, { dataTransfer: dt, bubbles: true, cancelable: true, clientX, clientY }));
        }
      },
      { selector: frame, base64: bytes.toString('base64') },
    );
    await mei.waitForSelector(`${frame}[data-ppi]`, { timeout: 30_000 });
    await all();
    const doc = await suite.deskDocument(REFERENCE);
    const hash = String(doc.nodeAt(storyPos(doc, 'p3-ad'))!.attrs['asset']);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    // sub2, on page 3, shows it: its host fetched it from the desk by hash.
    await sub2.locator(frame).scrollIntoViewIfNeeded();
    await sub2.waitForFunction(
      (selector) => {
        const img = document.querySelector<HTMLImageElement>(`${selector} img.bm-photo-image`);
        return img !== null && img.complete && img.naturalWidth > 0;
      },
      frame,
      { timeout: 30_000 },
    );
    expect(await sub2.getAttribute(frame, 'data-ppi')).toBe(await mei.getAttribute(frame, 'data-ppi'));
    // sub2's app learned the image's entry too: its live preflight judges the frame as filled, not as missing its image.
    await sub2.waitForFunction(
      () => {
        const at = (code: string) => document.querySelector(`[data-preflight-panel] [data-finding-block="p3-ad"][data-code="${code}"]`);
        return document.querySelector('[data-preflight-panel]') !== null && !at('empty-frame') && !at('image-missing');
      },
      undefined,
      { timeout: 30_000 },
    );
  });

  run('all three end with the desk’s edition, each a local copy of all 8 pages with every image', async () => {
    await all();
    const truth = await suite.deskDocument(REFERENCE);
    expect(pageCount(truth)).toBe(8);
    // sub1 never showed page 3's new image: its Save As fetches it from the desk.
    for (const [p, name] of [[sub1, 'sub1'], [sub2, 'sub2'], [mei, 'mei']] as const) {
      const saved = await savedEdition(p, join(suite.dir, `three-${name}.banmian`));
      expect(saved.eq(truth)).toBe(true);
    }
  });

  /*
   * A remote move that makes the story being composed in wrap around another
   * block (here lead onto the rule under it): the shape plugin holds every
   * story's shape while the composition lasts (were the body switched from the
   * multicol to the shaped view under it, Chromium would end the composition
   * and its text would come out twice, 「中中文」); the wrap follows once the
   * composition ends.
   */
  it.skipIf(skip !== null)('an IME composition survives a remote move that makes its story wrap', async () => {
    await goToPage(mei, 0);
    await selectBlock(mei, 'lead');
    await caretAtEnd(sub1, 'lead');
    const before = await text('lead');
    const cdp: CDPSession = await sub1.context().newCDPSession(sub1);
    await cdp.send('Input.imeSetComposition', { text: 'zhong', selectionStart: 5, selectionEnd: 5 });
    await cdp.send('Input.imeSetComposition', { text: '中', selectionStart: 1, selectionEnd: 1 });
    await mei.keyboard.press('ArrowDown');
    await sub1.waitForSelector(`.bm-page [data-block-id="lead"][data-line="${lead.line + 1}"]`, { timeout: 30_000 });
    await cdp.send('Input.imeSetComposition', { text: '中文', selectionStart: 2, selectionEnd: 2 });
    await cdp.send('Input.insertText', { text: '中文' });
    await cdp.detach();
    await all();
    expect(await text('lead')).toBe(`${before}中文`);
    // The wrap the move asked for came once the composition was over.
    await sub1.waitForSelector('.bm-page [data-block-id="lead"] .bm-shaped', { state: 'attached', timeout: 30_000 });
  });
});
