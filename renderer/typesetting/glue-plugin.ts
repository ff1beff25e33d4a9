/**
 * Decorations that keep runs of body text on one line (shared/text/glue.ts):
 * a figure with its unit (`15000人`, `2.3万元`) in a `white-space: nowrap`
 * span, and `——` with a Han neighbour in an inline-block, so the font's
 * composed two-em glyph is set as one unit and the justified line stays flush
 * (see composition.css). Pure text decorations: recomputed from the document,
 * no layout read.
 */
import type { Node } from 'prosemirror-model';
import { Plugin, PluginKey } from 'prosemirror-state';
import { Decoration, DecorationSet } from 'prosemirror-view';
import { findGlueRuns } from '../../shared/text/glue';
import type { GlueKind, GlueRun } from '../../shared/text/glue';
import { bodyParagraphs, paragraphText } from './body-text';

export const gluePluginKey = new PluginKey<DecorationSet>('bm-glue');

const CLASS: Record<GlueKind, string> = { 'figure-unit': 'bm-glue', dash: 'bm-dash' };

const HAN = /^\p{Script=Han}$/u;

/**
 * Where the nowrap span of a run starts. A figure never breaks inside (UAX
 * #14), so the span need only hold its last digit and the unit. It must not
 * start between a Han character and a figure: Chromium puts the Han–figure
 * autospace at that span boundary and keeps it even at a line edge (measured:
 * lines 1/8 em short, or indented). A one-digit figure after a Han character
 * takes that character in.
 */
function spanStart(text: string, run: GlueRun): number {
  if (run.unitFrom === undefined) return run.from;
  const lastDigit = run.unitFrom - 1;
  if (lastDigit > run.from) return lastDigit;
  return run.from > 0 && HAN.test(text[run.from - 1]!) ? run.from - 1 : run.from;
}

/** The glue decorations of every body paragraph of `doc`. */
export function glueDecorations(doc: Node): DecorationSet {
  const decorations: Decoration[] = [];
  for (const { pos, node } of bodyParagraphs(doc)) {
    const start = pos + 1;
    const text = paragraphText(node);
    for (const run of findGlueRuns(text)) {
      decorations.push(Decoration.inline(start + spanStart(text, run), start + run.to, { class: CLASS[run.kind] }));
    }
  }
  return DecorationSet.create(doc, decorations);
}

export function gluePlugin(): Plugin<DecorationSet> {
  return new Plugin<DecorationSet>({
    key: gluePluginKey,
    state: {
      init: (_config, state) => glueDecorations(state.doc),
      // A page holds a few hundred glued runs; recomputing them is cheaper than
      // tracking which paragraphs a step touched, and equal decorations redraw nothing.
      apply: (tr, set) => (tr.docChanged ? glueDecorations(tr.doc) : set),
    },
    props: {
      decorations: (state) => gluePluginKey.getState(state),
    },
  });
}
