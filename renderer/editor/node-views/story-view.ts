/**
 * A story block: head group, byline and body stacked in its grid box, inside
 * its box (边框, 底纹) when it has one. The body takes the whole grid lines
 * the box, the head and the byline leave; the story element publishes that
 * height, the text columns and the place of a vertical head as CSS
 * variables for its parts (see story-parts.ts), so they stay on the grid.
 * The geometry is shared/layout/story-box.ts, the one the shapes and the
 * copyfit use.
 */
import type { Node } from 'prosemirror-model';
import { swatchBookFor } from '../../../shared/color/swatches';
import { clampStyle } from '../../../shared/model/commands/block-style';
import { storyArea } from '../../../shared/layout/story-box';
import { jumpFromText, jumpToText } from '../../../shared/edition/references';
import type { StoryArea } from '../../../shared/layout/story-box';
import { swatchColor } from '../swatches';
import { BaseView } from './base-view';
import { paintBox, placeBlock } from './block-frame';
import type { ViewContext } from './view-context';
import { columnRulesImage } from './frame-art';
import { px } from '../../page/css-px';
import { num, str } from './view-context';

const VHEAD_VARS = ['--bm-vhead-x', '--bm-vhead-w', '--bm-vhead-top', '--bm-vhead-h', '--bm-aside-left', '--bm-aside-right'];

export class StoryView extends BaseView {
  constructor(node: Node, ctx: ViewContext) {
    super(node, ctx, { tag: 'article', className: 'bm-story', content: 'self' });
    // Copyfit fills these in after layout; 0 until measured.
    this.dom.dataset['overset'] = '0';
    this.dom.dataset['undersetLines'] = '0';
    this.render();
  }

  protected render(): void {
    const node = this.node;
    const { metrics, settings } = this.ctx;
    const s = this.dom.style;
    placeBlock(this.dom, node, this.ctx);
    paintBox(this.dom, node, this.ctx);
    const area = storyArea(metrics, settings.grid, node);
    s.setProperty('--bm-body-lines', String(area.bodyLines));
    s.setProperty('--bm-body-h', px(area.bodyLines * metrics.linePx));
    s.setProperty('--bm-text-cols', String(area.columns.count));
    s.setProperty('--bm-text-gap-px', px(area.gapPx));
    s.setProperty('--bm-inset-x', px(area.leftPx));

    // 栏线: a rule in the middle of every gap between text columns.
    const rulePt = clampStyle('story', 'columnRulePt', num(node, 'columnRulePt', 0));
    if (rulePt > 0 && area.columns.count > 1) {
      const color = swatchColor(str(node, 'frameSwatch', 'black'), 100, swatchBookFor(settings.edition.paperName));
      const w = (rulePt * 4) / 3;
      const pitch = area.columnWidthPx + area.gapPx;
      const xs = Array.from({ length: area.columns.count - 1 }, (_, i) => (i + 1) * pitch - area.gapPx / 2);
      const width = area.columns.count * area.columnWidthPx + (area.columns.count - 1) * area.gapPx;
      this.dom.dataset['columnRule'] = String(rulePt);
      s.setProperty('--bm-column-rules-image', columnRulesImage(xs, width, area.bodyLines * metrics.linePx, w, color));
      s.setProperty('--bm-column-rule-w', px(w));
      s.setProperty('--bm-column-rule-color', color);
    } else {
      delete this.dom.dataset['columnRule'];
      for (const name of ['--bm-column-rules-image', '--bm-column-rule-w', '--bm-column-rule-color']) s.removeProperty(name);
    }

    // 转版: the jump lines, mirrored from the edition (page.css draws them, not editable text).
    jumpLine(this.dom, 'jumpTo', '--bm-jump-to', node.attrs['jumpTo'], jumpToText);
    jumpLine(this.dom, 'jumpFrom', '--bm-jump-from', node.attrs['jumpFrom'], jumpFromText);

    // 竖排: the head group is a strip at one side over the whole text height.
    const v = area.verticalHead;
    if (v) {
      const lines = num(node, 'lines', 1);
      const body = bylineMargins(area);
      this.dom.dataset['vhead'] = area.head.side;
      // Absolute boxes are placed from the block's edge (the padding box).
      s.setProperty('--bm-vhead-x', px(v.x));
      s.setProperty('--bm-vhead-w', px(v.width));
      s.setProperty('--bm-vhead-top', px(area.inset.lines * metrics.linePx));
      s.setProperty('--bm-vhead-h', px((lines - 2 * area.inset.lines) * metrics.linePx));
      s.setProperty('--bm-aside-left', px(body.left));
      s.setProperty('--bm-aside-right', px(body.right));
    } else {
      delete this.dom.dataset['vhead'];
      for (const name of VHEAD_VARS) s.removeProperty(name);
    }
  }

}

/**
 * Publishes one jump line on the story element: `data-<key>` (the folio) and
 * the line's text as a CSS string in `variable`; removes both when `folio` is
 * not a page number.
 */
function jumpLine(el: HTMLElement, key: 'jumpTo' | 'jumpFrom', variable: string, folio: unknown, text: (folio: number) => string): void {
  if (typeof folio === 'number' && Number.isInteger(folio) && folio > 0) {
    el.dataset[key] = String(folio);
    el.style.setProperty(variable, JSON.stringify(text(folio)));
  } else {
    delete el.dataset[key];
    el.style.removeProperty(variable);
  }
}

/** Margins (px, inside the inset) that line the byline up with the body's columns beside a vertical head. */
function bylineMargins(area: StoryArea): { left: number; right: number } {
  const pitch = area.columnWidthPx + area.gapPx;
  const covered = area.columns.count - area.bodyColumns;
  const inner = area.columns.count * pitch - area.gapPx;
  if (area.head.side === 'right') return { left: 0, right: Math.max(0, inner - (area.bodyColumns * pitch - area.gapPx)) };
  return { left: Math.max(0, covered * pitch), right: 0 };
}
