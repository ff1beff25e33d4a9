/**
 * The masthead (报头): the paper's name big and red, and beside it the date
 * (from the page settings, in Chinese), issue, pages today, publisher and
 * registration lines from the block's attributes. An atom: not edited as text.
 * Variant `folio`: the folio line heading an inner page, generated from the
 * edition (shared/edition/folio.ts), one line over a rule.
 */
import type { Node } from 'prosemirror-model';
import type { EditorView } from 'prosemirror-view';
import { pageFolioLine } from '../../../shared/edition/folio';
import { chineseDate } from '../../format/chinese-date';
import { BaseView } from './base-view';
import { placeBlock } from './block-frame';
import type { ViewContext } from './view-context';
import { px } from '../../page/css-px';
import { str } from './view-context';
import { activeScope } from '../../../shared/edition/page-scope';

function line(className: string, text: string): HTMLElement | null {
  if (text.trim() === '') return null;
  const el = document.createElement('div');
  el.className = className;
  el.textContent = text;
  return el;
}

export class MastheadView extends BaseView {
  constructor(
    node: Node,
    ctx: ViewContext,
    private readonly view?: EditorView,
  ) {
    super(node, ctx, { tag: 'div', className: 'bm-masthead', content: 'none' });
    this.render();
  }

  protected render(): void {
    const node = this.node;
    const { edition } = this.ctx.settings;
    placeBlock(this.dom, node, this.ctx);
    const height = (node.attrs['lines'] as number) * this.ctx.metrics.linePx;
    if (str(node, 'variant') === 'folio') {
      const folio = document.createElement('div');
      folio.className = 'bm-masthead-folio';
      folio.textContent = this.view ? pageFolioLine(activeScope(this.view.state).page) : '';
      folio.style.fontSize = px(Math.min(height * 0.5, this.ctx.metrics.linePx * 1.2));
      this.dom.replaceChildren(folio);
      return;
    }

    const name = document.createElement('div');
    name.className = 'bm-masthead-name';
    name.textContent = edition.paperName;
    // The name fills about two thirds of the block's height.
    name.style.fontSize = px(height * 0.62);
    const tagline = line('bm-masthead-tagline', str(node, 'tagline'));
    const nameBox = document.createElement('div');
    nameBox.className = 'bm-masthead-left';
    nameBox.append(...[name, tagline].filter((e): e is HTMLElement => e !== null));

    const date = chineseDate(edition.date);
    const info = document.createElement('div');
    info.className = 'bm-masthead-info';
    const pageLine = [edition.editionName, edition.section].filter((s) => s.trim() !== '').join(' · ');
    info.append(
      ...[
        line('bm-masthead-date', date?.date ?? ''),
        line('bm-masthead-weekday', date?.weekday ?? ''),
        line('bm-masthead-issue', [str(node, 'issue'), str(node, 'pagesToday')].filter((s) => s !== '').join('　')),
        line('bm-masthead-page', pageLine),
        line('bm-masthead-small', str(node, 'publisher')),
        line('bm-masthead-small', str(node, 'registration')),
      ].filter((e): e is HTMLElement => e !== null),
    );
    this.dom.replaceChildren(nameBox, info);
  }
}
