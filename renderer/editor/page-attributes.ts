/**
 * The page element (the editor's root) at true scale: sized to the paper,
 * with the grid numbers the stylesheet needs as CSS variables.
 */
import type { GridMetrics } from '../../shared/page/geometry';
import { punctuationStyle } from '../../shared/page/settings';
import type { PageSettings } from '../../shared/page/settings';
import { characterStyleAttributes } from '../styles/character-styles';
import { px, ptPx } from '../page/css-px';

export function pageAttributes(settings: PageSettings, metrics: GridMetrics): Record<string, string> {
  const vars = [
    `width:${px(metrics.paperWidthPx)}`,
    `height:${px(metrics.paperHeightPx)}`,
    `--bm-line-px:${px(metrics.linePx)}`,
    `--bm-body-size:${ptPx(settings.grid.bodyPt)}`,
    `--bm-char-px:${px(metrics.charPx)}`,
    `--bm-gutter-px:${px(metrics.gutterPx)}`,
    `--bm-type-left:${px(metrics.typeLeftPx)}`,
    `--bm-type-top:${px(metrics.typeTopPx)}`,
    `--bm-type-width:${px(metrics.typeWidthPx)}`,
    `--bm-type-height:${px(metrics.typeHeightPx)}`,
  ];
  return {
    class: 'bm-page',
    style: vars.join(';'),
    lang: 'zh-CN',
    'data-line-break': settings.lineBreak,
    'data-punctuation': punctuationStyle(settings),
    spellcheck: 'false',
    ...characterStyleAttributes(settings),
  };
}
