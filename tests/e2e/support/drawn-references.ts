/**
 * What the editor draws of an edition's references on the page it shows: each
 * story's jump lines （下转第N版） / （上接第N版） (generated content of its
 * body's last and first paragraph, page.css) and each 导读 item's 详见第N版,
 * read back from the rendered pseudo-elements, not from the document.
 */
import type { Page } from 'playwright-core';

export interface DrawnReferences {
  /** Jump lines by story id, （上接…） before （下转…） when a story has both. */
  jumps: Record<string, string>;
  /** Each 导读 item's drawn page reference, in order ('' when it draws none). */
  teasers: string[];
}

/** The jump lines and 导读 numbers drawn on the page the editor shows. */
export function drawnReferences(tab: Page): Promise<DrawnReferences> {
  return tab.evaluate(() => {
    const jumps: Record<string, string> = {};
    for (const s of document.querySelectorAll<HTMLElement>('.bm-story[data-block-id]')) {
      const body = s.querySelector(':scope > .bm-body');
      const after = body?.lastElementChild ? getComputedStyle(body.lastElementChild, '::after').content : 'none';
      const before = body?.firstElementChild ? getComputedStyle(body.firstElementChild, '::before').content : 'none';
      const text = [before, after].filter((c) => c !== 'none' && c !== 'normal').map((c) => JSON.parse(c) as string).join(' ');
      if (text) jumps[s.dataset['blockId']!] = text;
    }
    // 详见第N版 is drawn from the item's page (page.css: `'　详见第' attr(data-page) '版'`).
    const teasers = [...document.querySelectorAll<HTMLElement>('.bm-teaser-item')].map((e) => (getComputedStyle(e, '::after').content.includes('详见第') ? `详见第${e.dataset['page']}版` : ''));
    return { jumps, teasers };
  });
}
