/**
 * Decorations that keep runs of body text on one line (shared/text/glue.ts):
 * a figure with its unit (`15000人`, `2.3万元`) in a `white-space: nowrap`
 * span, and `——` with a Han neighbour in an inline-block, so the font's
 * composed two-em glyph is set as one unit and the justified line stays flush
 * (see composition.css); and a `<wbr>` after a closing quote where CLREQ
 * allows a break Chromium does not make (`”“`, `”65名`). Pure text
 * decorations, no layout read: computed for the whole page once, then mapped
 * through each edit and recomputed for the text blocks it changed only (a
 * keystroke redoes one paragraph, and the untouched parts of the set stay the
 * same objects, which the view compares at no cost).
 */
import type { Node } from 'prosemirror-model';
import { Plugin, PluginKey } from 'prosemirror-state';
import type { Transaction } from 'prosemirror-state';
import { Decoration, DecorationSet } from 'prosemirror-view';
import { bodyParagraphs, changedTextblocks, isBodyParagraph, paragraphText } from './body-text';
import { glueSpans, quoteBreaks } from './glue-spans';
import { activePageChanged, activeScope, asScope } from '../../shared/edition/page-scope';
import type { PageScope } from '../../shared/edition/page-scope';

export const gluePluginKey = new PluginKey<DecorationSet>('bm-glue');

function breakOpportunity(): HTMLElement {
  return document.createElement('wbr');
}

/** The glue decorations of the body paragraph `node` at `pos`. */
function paragraphGlue(pos: number, node: Node): Decoration[] {
  const decorations: Decoration[] = [];
  const start = pos + 1;
  const text = paragraphText(node);
  for (const span of glueSpans(text)) {
    decorations.push(Decoration.inline(start + span.from, start + span.to, { class: span.className }));
  }
  for (const at of quoteBreaks(text)) {
    // Not an absolutely positioned widget, and nothing the caret can land in:
    // a zero-width break opportunity that belongs to the quote before it.
    decorations.push(Decoration.widget(start + at, breakOpportunity, { side: -1, key: 'wbr', ignoreSelection: true }));
  }
  return decorations;
}

/** The glue decorations of every body paragraph of a page (a page document, or a page's scope). */
export function glueDecorations(where: Node | PageScope): DecorationSet {
  return DecorationSet.create(
    asScope(where).doc,
    bodyParagraphs(where).flatMap(({ pos, node }) => paragraphGlue(pos, node)),
  );
}

/**
 * `set` (the decorations of the page before `tr`) after `tr`: mapped, and the
 * changed text blocks of the page `scope` (in the new document) redone.
 */
export function glueAfter(tr: Transaction, set: DecorationSet, scope: PageScope = asScope(tr.doc)): DecorationSet {
  let next = set.map(tr.mapping, tr.doc);
  const pageEnd = scope.start + scope.page.content.size;
  for (const pos of changedTextblocks(tr)) {
    // Text another page holds (an edit there by undo or by the desk) has no glue on screen.
    if (pos < scope.start || pos >= pageEnd) continue;
    const node = tr.doc.nodeAt(pos)!;
    const start = pos + 1;
    const end = pos + node.nodeSize - 1;
    const old = next.find(start, end).filter((d) => d.from >= start && d.to <= end);
    if (old.length) next = next.remove(old);
    if (isBodyParagraph(tr.doc, pos)) {
      const added = paragraphGlue(pos, node);
      if (added.length) next = next.add(tr.doc, added);
    }
  }
  return next;
}

export function gluePlugin(): Plugin<DecorationSet> {
  return new Plugin<DecorationSet>({
    key: gluePluginKey,
    state: {
      init: (_config, state) => glueDecorations(activeScope(state)),
      // Another page shown: its glue from scratch; an edit: the changed paragraphs only.
      apply: (tr, set, old, next) =>
        activePageChanged(old, next) ? glueDecorations(activeScope(next)) : tr.docChanged ? glueAfter(tr, set, activeScope(next)) : set,
    },
    props: {
      decorations: (state) => gluePluginKey.getState(state),
    },
  });
}
