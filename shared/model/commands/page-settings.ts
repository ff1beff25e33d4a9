/**
 * Page setup: new paper, margins and grid for a page, checked and applied as
 * one transaction. Blocks that the new grid would leave outside are moved in
 * (and shrunk where they are wider or taller than the grid) in the same
 * transaction, so the page stays valid; {@link blocksOutsideGrid} says which
 * before the editor applies.
 */
import type { Node } from 'prosemirror-model';
import type { Command } from 'prosemirror-state';
import { boxInsideGrid, gridMetrics } from '../../page/geometry';
import type { GridBox } from '../../page/geometry';
import { PUNCTUATION_STYLES, punctuationStyle } from '../../page/settings';
import type { GridSettings, PageSettings, PunctuationStyle } from '../../page/settings';
import { settingsSchema } from '../page-json';
import { asGesture, boxOf, clampBox, pageBlocks, setBox } from './blocks';
import { activeScope, setPageAttr } from '../../edition/page-scope';
import type { PageScope } from '../../edition/page-scope';

export type SettingsCheck = { ok: true; settings: PageSettings } | { ok: false; message: string };

/**
 * Checks settings from a form or a file: the stored-page bounds (zod), and
 * that the type area (grid plus margins) lies on the paper.
 */
export function checkPageSettings(input: unknown): SettingsCheck {
  const parsed = settingsSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? `${issue.path.map(String).join('.')}: ` : '';
    return { ok: false, message: `${where}${issue?.message ?? 'invalid settings'}` };
  }
  const settings = parsed.data as PageSettings;
  const m = gridMetrics(settings);
  // Half a px of slack for mm↔px rounding.
  if (m.typeLeftPx + m.typeWidthPx > m.paperWidthPx + 0.5) {
    return { ok: false, message: `the type area (${Math.round(m.typeWidthPx)} px wide from ${Math.round(m.typeLeftPx)} px) is wider than the paper (${Math.round(m.paperWidthPx)} px)` };
  }
  if (m.typeTopPx + m.typeHeightPx > m.paperHeightPx + 0.5) {
    return { ok: false, message: `the type area (${Math.round(m.typeHeightPx)} px tall from ${Math.round(m.typeTopPx)} px) is taller than the paper (${Math.round(m.paperHeightPx)} px)` };
  }
  return { ok: true, settings };
}

/** A placed block the new grid leaves (partly) outside, and where it goes. */
export interface OutsideBlock {
  id: string;
  kind: string;
  from: GridBox;
  to: GridBox;
}

/** Placed blocks that lie outside `grid`, with the box each is moved to. The bin's copy is not placed, so never listed. */
export function blocksOutsideGrid(doc: Node | PageScope, grid: GridSettings): OutsideBlock[] {
  return pageBlocks(doc)
    .filter(({ node }) => !boxInsideGrid(grid, boxOf(node)))
    .map(({ node }) => ({ id: String(node.attrs['id']), kind: node.type.name, from: boxOf(node), to: clampBox(grid, boxOf(node)) }));
}

function sameSettings(a: PageSettings, b: PageSettings): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Applies new page settings (checked with {@link checkPageSettings}; a
 * RangeError if they do not pass) and moves blocks the new grid leaves
 * outside back in, in one transaction. False when nothing would change.
 */
export function setPageSettings(input: PageSettings): Command {
  const checked = checkPageSettings(input);
  if (!checked.ok) throw new RangeError(`invalid page settings: ${checked.message}`);
  const settings = checked.settings;
  return (state, dispatch) => {
    const scope = activeScope(state);
    if (sameSettings(scope.page.attrs['settings'] as PageSettings, settings)) return false;
    if (dispatch) {
      const tr = setPageAttr(state.tr, scope, 'settings', settings);
      for (const { node, pos } of pageBlocks(scope)) {
        const from = boxOf(node);
        if (!boxInsideGrid(settings.grid, from)) setBox(tr, pos, from, clampBox(settings.grid, from));
      }
      dispatch(asGesture(tr));
    }
    return true;
  };
}

/**
 * Sets the page's punctuation width style (全角式 / 开明式) as one undo step.
 * False when the page already has that style. Touches nothing but the page
 * settings: the marks are set half width by the renderer, never rewritten.
 */
export function setPunctuationStyle(style: PunctuationStyle): Command {
  if (!PUNCTUATION_STYLES.includes(style)) throw new RangeError(`unknown punctuation style: ${String(style)}`);
  return (state, dispatch) => {
    const scope = activeScope(state);
    const settings = scope.page.attrs['settings'] as PageSettings;
    if (punctuationStyle(settings) === style) return false;
    // 全角式 is stored as no field at all, as on pages from before the setting.
    const { punctuation: _old, ...rest } = settings;
    const next: PageSettings = style === 'quanjiao' ? rest : { ...rest, punctuation: style };
    if (dispatch) dispatch(asGesture(setPageAttr(state.tr, scope, 'settings', next)));
    return true;
  };
}
