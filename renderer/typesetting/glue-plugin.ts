/**
 * Decorations that keep runs of body text on one line (shared/text/glue.ts):
 * a figure with its unit (`15000人`, `2.3万元`) in a `white-space: nowrap`
 * span, and `——` with a Han neighbour in an inline-block, so the font's
 * composed two-em glyph is set as one unit and the justified line stays flush
 * (see composition.css); and a `<wbr>` after a closing quote where CLREQ
 * allows a break Chromium does not make (`”“`, `”65名`). Pure text
 * decorations: recomputed from the document, no layout read.
 */
import type { Node } from 'prosemirror-model';
import { Plugin, PluginKey } from 'prosemirror-state';
import { Decoration, DecorationSet } from 'prosemirror-view';
import { bodyParagraphs, paragraphText } from './body-text';
import { glueSpans, quoteBreaks } from './glue-spans';
import { activePageChanged, activeScope, asScope } from '../../shared/edition/page-scope';
import type { PageScope } from '../../shared/edition/page-scope';

export const gluePluginKey = new PluginKey<DecorationSet>('bm-glue');

function breakOpportunity(): HTMLElement {
  return document.createElement('wbr');
}

/** The glue decorations of every body paragraph of `doc`. */
export function glueDecorations(doc: Node | PageScope): DecorationSet {
  const decorations: Decoration[] = [];
  for (const { pos, node } of bodyParagraphs(doc)) {
    const start = pos + 1;
    for (const span of glueSpans(paragraphText(node))) {
      decorations.push(Decoration.inline(start + span.from, start + span.to, { class: span.className }));
    }
    for (const at of quoteBreaks(paragraphText(node))) {
      // Not an absolutely positioned widget, and nothing the caret can land in:
      // a zero-width break opportunity that belongs to the quote before it.
      decorations.push(Decoration.widget(start + at, breakOpportunity, { side: -1, key: 'wbr', ignoreSelection: true }));
    }
  }
  return DecorationSet.create(asScope(doc).doc, decorations);
}

export function gluePlugin(): Plugin<DecorationSet> {
  return new Plugin<DecorationSet>({
    key: gluePluginKey,
    state: {
      init: (_config, state) => glueDecorations(activeScope(state)),
      // A page holds a few hundred glued runs; recomputing them is cheaper than
      // tracking which paragraphs a step touched, and equal decorations redraw nothing.
      apply: (tr, set, old, next) => (tr.docChanged || activePageChanged(old, next) ? glueDecorations(activeScope(next)) : set),
    },
    props: {
      decorations: (state) => gluePluginKey.getState(state),
    },
  });
}
