/**
 * Sets a text block's effective type (shared/model/styles.ts: its style,
 * then its overrides) on its element as CSS custom properties, read by
 * styles.css. NodeViews call it from their render; print mode renders the
 * same NodeViews, so the PDF is set in the same styles.
 */
import type { Node } from 'prosemirror-model';
import type { EffectiveType } from '../../shared/model/styles';
import { resolveType } from '../../shared/model/styles';
import type { PageSettings } from '../../shared/page/settings';
import { faceFamily } from './faces';
import { ptPx } from '../page/css-px';
import './styles.css';

const ALIGN: Record<string, string> = { start: 'left', center: 'center', end: 'right', justify: 'justify' };

/** Marks the element as typed by a style: styles.css applies the properties below. */
const TYPED_CLASS = 'bm-typed';

/** Writes `type` onto `el` (custom properties and `data-style`). */
export function applyType(el: HTMLElement, type: EffectiveType): void {
  el.classList.add(TYPED_CLASS);
  el.dataset['style'] = type.style;
  const s = el.style;
  s.setProperty('--bm-t-face', faceFamily(type.face));
  s.setProperty('--bm-t-size', ptPx(type.sizePt));
  s.setProperty('--bm-t-weight', String(type.weight));
  s.setProperty('--bm-t-tracking', `${type.trackingEm}em`);
  const align = ALIGN[type.align] ?? 'left';
  s.setProperty('--bm-t-align', align);
  // A justified block leaves its last line at the start; otherwise the last line aligns like the rest.
  s.setProperty('--bm-t-align-last', type.align === 'justify' ? 'auto' : align);
  s.setProperty('--bm-t-indent', `${type.indentChars}em`);
}

/** Resolves `node`'s type on the page and applies it to `el`; returns it for the caller's geometry. */
export function styleTextBlock(el: HTMLElement, node: Node, settings: PageSettings): EffectiveType {
  const type = resolveType(node, settings);
  applyType(el, type);
  return type;
}
