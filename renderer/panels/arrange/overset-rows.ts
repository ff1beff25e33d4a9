/**
 * The overset rows of the copyfit panel: one per text part of any block that
 * does not fit (标题超行 2行, 图片说明超出 8字 …), in page order, from the
 * copyfit store's measurement. A story whose body alone is over shows in the
 * story table too; its row here says the same in words.
 */
import type { Node } from 'prosemirror-model';
import type { BlockFit, PartOverset } from '../../../shared/copyfit/block-fit';
import { describeOverset } from '../../../shared/copyfit/block-fit';
import { language } from '../../i18n/i18n';

export interface OversetRow {
  /** Block id. */
  id: string;
  kind: string;
  /** What a person calls the block: its headline, caption or text (12 characters at most), else its id. */
  name: string;
  part: PartOverset;
  /** The row's words in the UI language. */
  text: string;
}

function firstText(node: Node, types: readonly string[]): string {
  let text = '';
  node.descendants((child) => {
    if (text) return false;
    if (types.includes(child.type.name)) {
      text = child.textContent.trim();
      return false;
    }
    return true;
  });
  return text;
}

const KIND_NAME: Record<string, [string, string]> = {
  masthead: ['报头', 'Masthead'],
  teaser: ['导读', 'Teasers'],
};

function blockName(node: Node, zh: boolean): string {
  const id = String(node.attrs['id']);
  const fixed = KIND_NAME[node.type.name];
  if (fixed) return zh ? fixed[0] : fixed[1];
  const text = node.type.name === 'label' ? node.textContent.trim() : firstText(node, ['headline', 'caption', 'paragraph']);
  const chars = Array.from(text);
  return chars.length === 0 ? id : chars.length > 12 ? `${chars.slice(0, 12).join('')}…` : text;
}

export function oversetRows(doc: Node, fits: ReadonlyMap<string, BlockFit>): OversetRow[] {
  const zh = language() === 'zh-CN';
  const rows: OversetRow[] = [];
  doc.forEach((node) => {
    if (node.type.name === 'bin') return;
    const id = String(node.attrs['id']);
    const fit = fits.get(id);
    if (!fit || fit.overset === 0) return;
    for (const part of fit.parts) rows.push({ id, kind: node.type.name, name: blockName(node, zh), part, text: describeOverset(part, zh) });
  });
  return rows;
}
