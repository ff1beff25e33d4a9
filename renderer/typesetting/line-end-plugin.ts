/**
 * Line-end punctuation set half width (GB/T 15834: a full-width mark at the
 * end of a line takes half a character), a layout pass Chromium lacks: it
 * halves a closing mark at a line end only when that alone makes it fit
 * (`text-spacing-trim: normal`, "allow-end").
 *
 * After layout, every body paragraph's lines are read from the DOM; each
 * full-width closing mark that ends a line (not the paragraph's last) gets
 * an inline decoration `bm-halt` (`font-feature-settings: "halt"`, the font's
 * own half-width positioning), and justification spreads the half em it
 * frees. Halving can pull the next character up onto the line (push-in, as
 * CLREQ allows); the mark then stays half width mid-line as long as its line
 * starts where it did. Layout changes again, so the pass repeats until no
 * decoration changes (usually one or two rounds; at most {@link MAX_ROUNDS}).
 *
 * A paragraph's line breaks depend only on its text, its decorations and its
 * column width, so a paragraph already settled at this width is not read again.
 */
import type { Node } from 'prosemirror-model';
import { Plugin, PluginKey } from 'prosemirror-state';
import { Decoration, DecorationSet } from 'prosemirror-view';
import type { EditorView } from 'prosemirror-view';
import { bodyParagraphs, paragraphText } from './body-text';
import { measureParagraphLines } from './measure-lines';
import { punctuationStyleOf } from './punctuation-plugin';
import type { TextLine } from './measure-lines';

/** Full-width closing marks the font sets half width with `halt`. */
export const HALF_AT_LINE_END: ReadonlySet<string> = new Set([...'，。、：；！？”’）》」』】〗〕〉］｝']);

/** Rounds of measure → decorate before the pass gives up on a page. */
export const MAX_ROUNDS = 6;

const HALT = { class: 'bm-halt' };

interface ParagraphUpdate {
  /** The paragraph's content range. */
  from: number;
  to: number;
  /** The marks to set half width: document positions, and where each one's line started when it was halved. */
  marks: { at: number; lineStart: number }[];
}

/**
 * A halved mark's decoration spec: how far back its line started when it was
 * halved. Mapped with the document, so an edit elsewhere in the paragraph
 * keeps what was decided for the lines it did not move.
 */
interface HaltSpec {
  back: number;
}

export const lineEndKey = new PluginKey<DecorationSet>('bm-line-end');

function replaceIn(set: DecorationSet, doc: Node, update: ParagraphUpdate): DecorationSet {
  const old = set.find(update.from, update.to);
  let next = old.length ? set.remove(old) : set;
  const spec = (m: { at: number; lineStart: number }): HaltSpec => ({ back: m.at - m.lineStart });
  if (update.marks.length) next = next.add(doc, update.marks.map((m) => Decoration.inline(m.at, m.at + 1, HALT, spec(m))));
  return next;
}

interface Settled {
  /** Column width the paragraph was settled at, px. */
  width: number;
  /** For each halved mark (offset in the paragraph text), where its line started when it was halved. */
  lineStarts: Map<number, number>;
  /** Offsets of the marks halved, as decided. */
  marks: string;
  /** Whether the layout with exactly these marks halved was read and asked for no change. */
  verified: boolean;
}

/** Runs the pass for one editor view; one per view, found by {@link settleLineEnds}. */
class LineEndPass {
  #settled = new WeakMap<Node, Settled>();
  #frame = 0;
  #destroyed = false;

  constructor(private view: EditorView) {}

  setView(view: EditorView): void {
    this.view = view;
  }

  /** Forget what was settled (fonts changed the layout of everything). */
  reset(): void {
    this.#settled = new WeakMap();
    this.schedule();
  }

  schedule(): void {
    if (this.#frame || this.#destroyed) return;
    this.#frame = requestAnimationFrame(() => {
      this.#frame = 0;
      // Never redraw text under an IME composition; the change that ends it schedules again.
      if (!this.#destroyed && !this.view.composing) this.settle();
    });
  }

  destroy(): void {
    this.#destroyed = true;
    if (this.#frame) cancelAnimationFrame(this.#frame);
  }

  /** Measures and decorates until nothing changes. Returns the rounds that changed something. */
  settle(): number {
    let rounds = 0;
    while (rounds < MAX_ROUNDS) {
      const updates = this.#round();
      if (updates.length === 0) break;
      const tr = this.view.state.tr.setMeta(lineEndKey, updates).setMeta('addToHistory', false);
      this.view.dispatch(tr);
      rounds++;
    }
    return rounds;
  }

  #round(): ParagraphUpdate[] {
    const { view } = this;
    const set = lineEndKey.getState(view.state) ?? DecorationSet.empty;
    const updates: ParagraphUpdate[] = [];
    for (const { pos, node } of bodyParagraphs(view.state.doc)) {
      const dom = view.nodeDOM(pos);
      if (!(dom instanceof HTMLElement) || !dom.isConnected) continue;
      const start = pos + 1;
      const decorations = set.find(start, start + node.content.size).sort((a, b) => a.from - b.from);
      const current = decorations.map((d) => d.from - start);
      const width = dom.offsetWidth;
      const known = this.#settled.get(node);
      if (known?.verified && known.width === width && known.marks === current.join(',')) continue;
      // An edited paragraph is a new node: what was decided for its lines comes with its (mapped) decorations.
      const decided = new Map(decorations.map((d) => [d.from - start, d.from - start - (d.spec as HaltSpec).back]));
      const lines = measureParagraphLines(view, dom, start);
      const lineStarts = nextHalving(paragraphText(node), lines, current, known && known.width !== width ? new Map() : decided);
      const marks = [...lineStarts.keys()].sort((a, b) => a - b);
      const verified = marks.join(',') === current.join(',') && marks.every((m) => lineStarts.get(m) === decided.get(m));
      this.#settled.set(node, { width, lineStarts, marks: marks.join(','), verified });
      if (!verified) {
        updates.push({ from: start, to: start + node.content.size, marks: marks.map((m) => ({ at: start + m, lineStart: start + lineStarts.get(m)! })) });
      }
    }
    return updates;
  }
}

/**
 * Which marks of one paragraph to set half width next, given its laid-out
 * lines and the marks halved now. Keys are offsets in the paragraph text;
 * values the start offset of the mark's line when it was halved.
 */
export function nextHalving(
  text: string,
  lines: readonly TextLine[],
  halved: readonly number[],
  lineStarts: ReadonlyMap<number, number>,
): Map<number, number> {
  const next = new Map<number, number>();
  lines.forEach((line, i) => {
    if (i === lines.length - 1) return;
    if (HALF_AT_LINE_END.has(text[line.end] ?? '')) next.set(line.end, line.start);
  });
  for (const mark of halved) {
    if (next.has(mark)) continue;
    const line = lines.find((l) => l.start <= mark && mark <= l.end);
    // Halving it pulled text up onto its own line (push-in): keep it, or the text falls back.
    const was = lineStarts.get(mark);
    if (line && was !== undefined && line.start === was && line.end !== mark) next.set(mark, was);
  }
  return next;
}

const passes = new WeakMap<EditorView, LineEndPass>();

/**
 * Runs the line-end pass on `view` now, synchronously, until it settles (print
 * mode calls it once fonts are loaded, before the page is measured and printed).
 * Returns the rounds that changed the page.
 */
export function settleLineEnds(view: EditorView): number {
  return passes.get(view)?.settle() ?? 0;
}

export function lineEndPlugin(): Plugin<DecorationSet> {
  return new Plugin<DecorationSet>({
    key: lineEndKey,
    state: {
      init: () => DecorationSet.empty,
      apply(tr, set) {
        // Halved marks follow edits; the pass then re-reads the edited paragraphs and corrects them.
        let next = set.map(tr.mapping, tr.doc);
        const updates = tr.getMeta(lineEndKey) as ParagraphUpdate[] | undefined;
        if (updates) for (const u of updates) next = replaceIn(next, tr.doc, u);
        return next;
      },
    },
    props: {
      decorations: (state) => lineEndKey.getState(state),
    },
    view(view) {
      const pass = new LineEndPass(view);
      passes.set(view, pass);
      const fonts = view.dom.ownerDocument.fonts;
      const onFonts = () => pass.reset();
      fonts?.addEventListener('loadingdone', onFonts);
      pass.schedule();
      return {
        update(v, prev) {
          pass.setView(v);
          // The punctuation style re-sets every mark without touching a paragraph node: start over.
          if (punctuationStyleOf(v.state.doc) !== punctuationStyleOf(prev.doc)) pass.reset();
          else if (v.state.doc !== prev.doc) pass.schedule();
        },
        destroy() {
          pass.destroy();
          fonts?.removeEventListener('loadingdone', onFonts);
          passes.delete(view);
        },
      };
    },
  });
}
