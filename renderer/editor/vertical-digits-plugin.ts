/**
 * 横中竖 in vertical heads: runs of one to four ASCII digits inside a
 * vertical head group (`headgroup.vertical`) are set upright in one em
 * (`text-combine-upright: all` on an inline decoration; Chromium does not
 * implement `digits n`). Longer runs stay rotated, as in FIT. Decorations
 * only: the document is not changed.
 */
import type { Node } from 'prosemirror-model';
import { Plugin, PluginKey } from 'prosemirror-state';
import { Decoration, DecorationSet } from 'prosemirror-view';
import { activePageChanged, activeScope, asScope } from '../../shared/edition/page-scope';
import type { PageScope } from '../../shared/edition/page-scope';

export const verticalDigitsKey = new PluginKey<DecorationSet>('bm-vertical-digits');

const RUN = /[0-9]+/g;

/** Inline decorations for the digit runs of every vertical head group in `doc`. */
export function verticalDigitDecorations(where: Node | PageScope): DecorationSet {
  const scope = asScope(where);
  const decos: Decoration[] = [];
  scope.page.forEach((block, pageOffset) => {
    const blockPos = scope.start + pageOffset;
    if (block.type.name !== 'story') return;
    block.forEach((part, partOffset) => {
      if (part.type.name !== 'headgroup' || part.attrs['vertical'] !== true) return;
      part.descendants((node, pos) => {
        if (!node.isTextblock) return true;
        const start = blockPos + 1 + partOffset + 1 + pos + 1;
        // Digit runs over the whole line (marks may split a run into text nodes).
        const text = node.textBetween(0, node.content.size, '\ufffc', '\ufffc');
        for (const m of text.matchAll(RUN)) {
          if (m[0].length > 4) continue;
          const from = start + m.index;
          decos.push(Decoration.inline(from, from + m[0].length, { class: 'bm-tcy' }));
        }
        return false;
      });
    });
  });
  return DecorationSet.create(scope.doc, decos);
}

export function verticalDigitsPlugin(): Plugin<DecorationSet> {
  return new Plugin<DecorationSet>({
    key: verticalDigitsKey,
    state: {
      init: (_config, state) => verticalDigitDecorations(activeScope(state)),
      // Head groups are short: recomputing on every change costs little.
      apply: (tr, prev, old, next) => (tr.docChanged || activePageChanged(old, next) ? verticalDigitDecorations(activeScope(next)) : prev),
    },
    props: {
      decorations: (state) => verticalDigitsKey.getState(state),
    },
  });
}
