/**
 * Blocks in boxed stories (shared/layout/box-wrap.ts): each block whose grid
 * box reaches into a boxed story's inset gets a node decoration carrying
 * the px to take off each side. Its NodeView draws itself that much smaller
 * (block-frame.ts), so the story's border stays whole on screen and, print
 * being this same view, in the PDF. `data-box-inset` ("left top right
 * bottom", px) is on the block's element for tests and makes a changed inset
 * a new decoration.
 */
import { Plugin, PluginKey } from 'prosemirror-state';
import { Decoration, DecorationSet } from 'prosemirror-view';
import { boxWrapInsets } from '../../../shared/layout/box-wrap';
import type { EdgeInsets } from '../../../shared/layout/box-wrap';
import { activePageChanged, activeScope } from '../../../shared/edition/page-scope';
import type { PageScope } from '../../../shared/edition/page-scope';

interface BoxWrapSpec {
  bmBoxInsets: EdgeInsets;
}

const r3 = (v: number) => String(Math.round(v * 1000) / 1000);

function boxWrapDecorations(scope: PageScope): DecorationSet {
  const insets = boxWrapInsets(scope.page);
  if (insets.size === 0) return DecorationSet.empty;
  const decos: Decoration[] = [];
  scope.page.forEach((block, pageOffset, index) => {
    const offset = scope.start + pageOffset;
    const e = insets.get(index);
    if (!e) return;
    const key = [e.left, e.top, e.right, e.bottom].map(r3).join(' ');
    const spec: BoxWrapSpec = { bmBoxInsets: e };
    decos.push(Decoration.node(offset, offset + block.nodeSize, { 'data-box-inset': key }, spec));
  });
  return DecorationSet.create(scope.doc, decos);
}

/** The insets a block's decorations carry, or null when it is not in a boxed story's inset. */
export function boxInsetsFromDecorations(decorations: readonly Decoration[] | undefined): EdgeInsets | null {
  for (const d of decorations ?? []) {
    const e = (d.spec as Partial<BoxWrapSpec>).bmBoxInsets;
    if (e) return e;
  }
  return null;
}

/** What the insets depend on: the page's settings and every block's attributes (typing changes none of them). */
function inputsOf(scope: PageScope): unknown[] {
  const out: unknown[] = [scope.index, scope.page.attrs['settings']];
  scope.page.forEach((block) => void out.push(block.attrs));
  return out;
}

const sameInputs = (a: unknown[], b: unknown[]) => a.length === b.length && a.every((x, i) => x === b[i]);

interface BoxWrapState {
  decorations: DecorationSet;
  inputs: unknown[];
}

export const boxWrapKey = new PluginKey<BoxWrapState>('bm-box-wrap');

export function boxWrapPlugin(): Plugin<BoxWrapState> {
  return new Plugin<BoxWrapState>({
    key: boxWrapKey,
    state: {
      init: (_config, state) => ({ decorations: boxWrapDecorations(activeScope(state)), inputs: inputsOf(activeScope(state)) }),
      apply: (tr, prev, old, next) => {
        if (!tr.docChanged && !activePageChanged(old, next)) return prev;
        const scope = activeScope(next);
        const inputs = inputsOf(scope);
        if (sameInputs(inputs, prev.inputs)) return { decorations: prev.decorations.map(tr.mapping, tr.doc), inputs };
        return { decorations: boxWrapDecorations(scope), inputs };
      },
    },
    props: {
      decorations: (state) => boxWrapKey.getState(state)?.decorations,
    },
  });
}
