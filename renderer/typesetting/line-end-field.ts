/**
 * The line-end pass's state field: its decorations (half-width marks `bm-halt`,
 * Han–Western gaps) per body paragraph, mapped through edits and replaced by
 * the pass's own transactions (line-end-plugin.ts has the pass, which
 * measures and decides; this file only keeps what it decided).
 */
import type { Node } from 'prosemirror-model';
import { Plugin, PluginKey } from 'prosemirror-state';
import type { EditorState, Transaction } from 'prosemirror-state';
import { Decoration, DecorationSet } from 'prosemirror-view';
import { autospaceBoundaries } from '../../shared/text/autospace';
import { activePageChanged, activeScope } from '../../shared/edition/page-scope';
import { AUTOSPACED_CLASS, gapClasses } from './autospace';
import { bodyParagraphs, changedTextblocks, paragraphText } from './body-text';
import type { LineEndMemory } from './line-end-memory';

const HALT = { class: 'bm-halt' };
const AUTOSPACED = { class: AUTOSPACED_CLASS };

export type Kind = 'halt' | 'gap' | 'autospaced';
const spec = (kind: Kind) => ({ kind });
export const kindOf = (d: Decoration): Kind | undefined => (d.spec as { kind?: Kind }).kind;

export interface ParagraphUpdate {
  /** Position before the paragraph. */
  pos: number;
  /** Document positions of the marks to set half width. */
  marks: number[];
  /** Document positions of the characters with a Han–Western gap before them; null: Chromium's autospace. */
  gaps: number[] | null;
}

export const lineEndKey = new PluginKey<DecorationSet>('bm-line-end');

/** The pass's decorations of the paragraph at `pos` (not its neighbours', which touch its ends). */
export function decorationsOf(set: DecorationSet, pos: number, node: Node): Decoration[] {
  const end = pos + node.nodeSize;
  return set.find(pos, end, (s: { kind?: Kind }) => s.kind !== undefined).filter((d) => d.from >= pos && (d.to <= end || (kindOf(d) === 'autospaced' && d.from === pos)));
}

/** Whether the paragraph's Han–Western gaps are ours (a node decoration that still covers it exactly). */
export function takenOver(decorations: readonly Decoration[], pos: number, node: Node): boolean {
  return decorations.some((d) => kindOf(d) === 'autospaced' && d.from === pos && d.to === pos + node.nodeSize);
}

/**
 * The paragraph at `pos` decorated anew: `marks` half width, and, when `gaps`
 * is given, taken over with those gaps (null: Chromium's autospace).
 */
function replaceIn(set: DecorationSet, doc: Node, pos: number, marks: readonly number[], gaps: readonly number[] | null): DecorationSet {
  const node = doc.nodeAt(pos);
  if (!node) throw new RangeError(`no paragraph at ${pos}`);
  const old = decorationsOf(set, pos, node);
  let next = old.length ? set.remove(old) : set;
  const added = marks.map((p) => Decoration.inline(p, p + 1, HALT, spec('halt')));
  if (gaps) {
    added.push(Decoration.node(pos, pos + node.nodeSize, AUTOSPACED, spec('autospaced')));
    const text = paragraphText(node);
    const offsets = gaps.map((p) => p - pos - 1);
    const classes = gapClasses(text, offsets);
    offsets.forEach((at, i) => {
      const code = text.codePointAt(at);
      if (code === undefined) throw new RangeError(`gap at ${at} is outside the paragraph at ${pos}`);
      added.push(Decoration.inline(pos + 1 + at, pos + 1 + at + (code > 0xffff ? 2 : 1), { class: classes[i]! }, spec('gap')));
    });
  }
  if (added.length) next = next.add(doc, added);
  return next;
}

/**
 * After an edit the paragraph's half-width marks start over where its lines
 * may be new: those below `keep` (a text offset, line-end-memory.ts: the
 * lines before the edit that break where they did) stand, the others go. Its
 * gaps are kept where they still sit on a boundary, so the next measure
 * starts near the result, and the pass adds the new ones. (None are added
 * here: an edit may be an IME composition, whose text must not be re-wrapped
 * while it lasts.)
 */
function afterEdit(set: DecorationSet, doc: Node, pos: number, keep: number): DecorationSet {
  const node = doc.nodeAt(pos);
  if (!node || node.type.name !== 'paragraph') return set;
  const mine = decorationsOf(set, pos, node);
  if (!takenOver(mine, pos, node)) return mine.length ? replaceIn(set, doc, pos, [], null) : set;
  const start = pos + 1;
  const boundaries = new Set(autospaceBoundaries(paragraphText(node)).map((b) => start + b));
  const gaps = mine.filter((d) => kindOf(d) === 'gap' && boundaries.has(d.from)).map((d) => d.from);
  const marks = mine.filter((d) => kindOf(d) === 'halt' && d.from - start < keep).map((d) => d.from);
  return replaceIn(set, doc, pos, marks, gaps);
}

/**
 * What of the edited paragraph now at `pos` stands (LineEndMemory.carry): the
 * text offset below which its marks stay; 0 without a memory.
 */
function carried(memory: LineEndMemory | undefined, tr: Transaction, pos: number): number {
  if (!memory) return 0;
  const next = tr.doc.nodeAt(pos);
  const old = tr.before.nodeAt(tr.mapping.invert().map(pos, 1));
  return next && old?.type === next.type ? memory.carry(old, next) : 0;
}

/**
 * A page just shown: each body paragraph the pass has not taken over (never
 * shown) gets, with the switch itself, what the pass's first round would give
 * it (every Han–Western gap, no half-width mark), so the page is built and laid
 * out once in that state instead of once without and once with.
 */
function takeOverShown(set: DecorationSet, state: EditorState): DecorationSet {
  let next = set;
  for (const { pos, node } of bodyParagraphs(activeScope(state))) {
    if (takenOver(decorationsOf(next, pos, node), pos, node)) continue;
    const start = pos + 1;
    next = replaceIn(next, state.doc, pos, [], autospaceBoundaries(paragraphText(node)).map((b) => start + b));
  }
  return next;
}

/**
 * The pass's state field: its decorations (half-width marks, Han–Western
 * gaps), mapped through edits and replaced by the pass's own transactions.
 * Given the pass's `memory`, an edit keeps the marks of the lines it cannot
 * move (line-end-memory.ts); without, an edited paragraph starts over. The pass itself ({@link LineEndPass}) is run by the typesetting pipeline.
 */
export function lineEndPlugin(memory?: LineEndMemory): Plugin<DecorationSet> {
  return new Plugin<DecorationSet>({
    key: lineEndKey,
    state: {
      init: () => DecorationSet.empty,
      apply(tr, set, oldState, newState) {
        let next = set.map(tr.mapping, tr.doc);
        if (activePageChanged(oldState, newState)) next = takeOverShown(next, newState);
        // A changed paragraph starts over from full-width marks: its lines are new.
        if (tr.docChanged) for (const pos of changedTextblocks(tr)) next = afterEdit(next, tr.doc, pos, carried(memory, tr, pos));
        const updates = tr.getMeta(lineEndKey) as ParagraphUpdate[] | undefined;
        if (updates) for (const u of updates) next = replaceIn(next, tr.doc, u.pos, u.marks, u.gaps);
        return next;
      },
    },
    props: {
      decorations: (state) => lineEndKey.getState(state),
    },
  });
}
