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
 * The same measurement places the Han–Western gaps (autospace.ts): a
 * paragraph is first taken over (every gap drawn, Chromium's own autospace
 * off), then each gap that starts a line is taken away. Paragraphs the pass
 * does not measure keep Chromium's autospace.
 *
 * A paragraph's line breaks depend only on its text, its decorations and its
 * column width, so a paragraph already settled at this width is not read again.
 *
 * When the pass runs is the typesetting pipeline's to say (typeset-pipeline.ts).
 */
import type { Node } from 'prosemirror-model';
import { DecorationSet } from 'prosemirror-view';
import type { EditorView } from 'prosemirror-view';
import { autospaceBoundaries } from '../../shared/text/autospace';
import { nextSuppressed } from './autospace';
import { bodyParagraphs, paragraphText } from './body-text';
import { measureParagraphLines } from './measure-lines';
import { emOnScreen, newSqueezeMemory, squeezeParagraph, withBoxes } from './squeeze-lines';
import type { TextLine } from './measure-lines';
import { activeScope } from '../../shared/edition/page-scope';
import { LineEndMemory } from './line-end-memory';
import { decorationsOf, kindOf, lineEndKey, takenOver } from './line-end-field';
import type { Kind, ParagraphUpdate } from './line-end-field';

/** Full-width closing marks the font sets half width with `halt`. */
export const HALF_AT_LINE_END: ReadonlySet<string> = new Set([...'，。、：；！？”’）》」』】〗〕〉］｝']);

/** Rounds of measure → decorate before the pass gives up on a page (the first takes paragraphs over). */
export const MAX_ROUNDS = 8;

/**
 * Goes of {@link MAX_ROUNDS} before the pass gives up on a page state: a
 * paragraph whose every line pushes in (squeeze-lines.ts) settles a line a
 * round or two.
 */
export const MAX_GOES = 4;

/**
 * The pass over one editor view. It keeps what it settled between runs; when
 * it runs is the typesetting pipeline's to say (typeset-pipeline.ts): a go
 * per frame while the page changes, or all goes at once when it is asked to
 * settle (print).
 */
export class LineEndPass {
  /** What was settled, by paragraph node (shared with the state field, which carries it through edits). */
  readonly #settled: LineEndMemory;
  /** Every paragraph starts over from all its gaps in the next round (as print does). */
  #fresh = false;
  /** Goes in a row that ended with the page still changing. */
  #goes = 0;
  /**
   * Han–Western boundaries by paragraph node: a node's text never changes, and
   * every round visits every body paragraph of the page.
   */
  #boundaries = new WeakMap<Node, number[]>();
  /** Faces arrived since the last round, by what they cover ({@link resetWhere}). */
  #arrived: Face[] = [];
  /**
   * Every face arrival since the pass began, in order ({@link resetWhere};
   * null: one that may cover anything): a paragraph settled before an
   * arrival, on a page not shown then, is checked against the ones after.
   */
  readonly #faces: (Face | null)[] = [];
  /**
   * How many of {@link #faces} had arrived when each paragraph node was last
   * settled; infinity once it was found settled with no face loading.
   */
  #facesSeen = new WeakMap<Node, number>();
  /** Another page was shown: its paragraphs without a settled state of this layout start over in the next round. */
  #switched = false;

  constructor(
    private view: EditorView,
    memory: LineEndMemory = new LineEndMemory(),
  ) {
    this.#settled = memory;
  }

  setView(view: EditorView): void {
    this.view = view;
  }

  /**
   * A face arrived that can only change text `covers` says it covers (its
   * unicode-range, font-coverage.ts): in the next round every paragraph
   * holding such a character forgets what it settled and starts over from
   * all its gaps, as {@link reset} starts them all; the others' lines did not
   * move, and what they settled stands.
   */
  resetWhere(covers: (text: string) => boolean, families: readonly string[]): void {
    const face = { covers, families: new Set(families.map(familyName)) };
    this.#arrived.push(face);
    this.#faces.push(face);
    this.changed();
  }

  /** Forget what was settled (fonts changed the layout of everything). */
  reset(): void {
    this.#settled.clear();
    this.#faces.push(null);
    // Decisions taken in the old layout would be the new layout's starting point, and where
    // text was pushed in, the result could differ from print's, which starts from scratch.
    this.#fresh = true;
    this.changed();
  }

  /**
   * Another page of the edition is shown. Its paragraphs keep the marks and
   * gaps they had when it was last shown, and what the pass settled for each
   * paragraph node stands: a node is immutable and its lines depend only on
   * its text, decorations and column width (checked), so a page shown again
   * is not measured again. A paragraph that has no settled state (never
   * shown, or forgotten by {@link reset}), whose width changed, or that uses a
   * face which arrived since it was settled, starts over from all its gaps,
   * as on a page shown for the first time: the page ends where a fresh
   * layout (print) does.
   */
  switched(): void {
    this.#switched = true;
    this.changed();
  }

  /** A new page state: it gets its full count of goes. */
  changed(): void {
    this.#goes = 0;
  }

  /**
   * One go, in a frame: `again` while the page is still changing and goes are
   * left (so the screen ends where print does), or while an IME composition
   * lasts (its text is never redrawn; its end may bring no document change,
   * ProseMirror clears `composing` a moment after the last one).
   */
  go(): 'done' | 'again' {
    if (this.view.composing) return 'again';
    return this.settle() === MAX_ROUNDS && ++this.#goes < MAX_GOES ? 'again' : 'done';
  }

  /** Settles in up to {@link MAX_GOES} goes at once (print). Returns the rounds that changed the page. */
  settleAll(): number {
    let total = 0;
    for (let go = 0; go < MAX_GOES; go++) {
      const rounds = this.settle();
      total += rounds;
      if (rounds < MAX_ROUNDS) break;
    }
    return total;
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

  #boundariesOf(node: Node, text: string): number[] {
    let b = this.#boundaries.get(node);
    if (!b) {
      b = autospaceBoundaries(text);
      this.#boundaries.set(node, b);
    }
    return b;
  }

  #round(): ParagraphUpdate[] {
    const { view } = this;
    const fresh = this.#fresh;
    this.#fresh = false;
    const switched = this.#switched;
    this.#switched = false;
    const faces = this.#faces.length;
    const fontsLoading = () => view.dom.ownerDocument.fonts?.status === 'loading';
    const arrived = this.#arrived;
    this.#arrived = [];
    const set = lineEndKey.getState(view.state) ?? DecorationSet.empty;
    const updates: ParagraphUpdate[] = [];
    for (const { pos, node } of bodyParagraphs(activeScope(view.state))) {
      const text = paragraphText(node);
      const dom = view.nodeDOM(pos);
      if (!(dom instanceof HTMLElement) || !dom.isConnected) {
        if (arrived.some((face) => face.covers(text))) this.#settled.delete(node);
        continue;
      }
      // A face it uses arrived: what it settled was measured in another face. A face
      // covers some of its characters and its family is one the paragraph asks for.
      const uses = (face: Face) => face.covers(text) && usesFamily(dom, face.families);
      let restart = arrived.some(uses);
      const seen = this.#facesSeen.get(node);
      // Settled on a page not shown when a face it uses arrived.
      if (!restart && seen !== undefined && seen < faces) restart = this.#faces.slice(seen).some((face) => face === null || uses(face));
      if (restart) this.#settled.delete(node);
      const mine = decorationsOf(set, pos, node);
      const start = pos + 1;
      const boundaries = this.#boundariesOf(node, text);
      const offsets = (kind: Kind) =>
        mine
          .filter((d) => kindOf(d) === kind)
          .map((d) => d.from - start)
          .sort((a, b) => a - b);
      const current = offsets('halt');
      // First every gap and no half-width mark, without reading the lines (they are read in
      // the layout with our gaps): the state print starts from, so the screen ends where it does.
      // The used width, one column's: a paragraph broken over columns reports
      // the union of its pieces as offsetWidth, which changes with its lines.
      const width = parseFloat(getComputedStyle(dom).width);
      let known = this.#settled.get(node);
      const unknownOnShow = switched && (known === undefined || known.width !== width);
      const gapped = offsets('gap');
      const ours = takenOver(mine, pos, node);
      if (!ours || fresh || restart || unknownOnShow) {
        if (unknownOnShow) this.#settled.delete(node);
        this.#facesSeen.set(node, faces);
        // Shown with the state the start gives (takeOverShown): measured now, no round spent setting it.
        const atStart = ours && current.length === 0 && gapped.join(',') === boundaries.join(',');
        if (!(unknownOnShow && !fresh && !restart && atStart)) {
          updates.push({ pos, marks: [], gaps: boundaries.map((b) => start + b) });
          continue;
        }
        known = undefined;
      }
      if (known?.verified && known.width === width && known.marks === current.join(',') && known.gaps === gapped.join(',')) {
        // Laid out (the width read above) with no face loading: every face it uses was in, none to come can move it.
        if (!fontsLoading()) this.#facesSeen.set(node, Number.POSITIVE_INFINITY);
        continue;
      }
      const lines = measureParagraphLines(view, dom, start);
      // What was settled at this width, carried on.
      const same = known?.width === width ? known : undefined;
      const lineStarts = nextHalving(text, lines, current, same ? same.lineStarts : new Map());
      const squeeze = same ? same.squeeze : newSqueezeMemory();
      squeezeParagraph({ text, lines: withBoxes(view, dom, start, lines), em: emOnScreen(dom), halved: lineStarts, memory: squeeze, avoid: new Set(boundaries) });
      const suppressed = nextSuppressed(text, boundaries, lines, new Set(gapped), same ? same.suppressed : new Map());
      const marks = [...lineStarts.keys()].sort((a, b) => a - b);
      const gaps = boundaries.filter((b) => !suppressed.has(b));
      const verified = marks.join(',') === current.join(',') && gaps.join(',') === gapped.join(',');
      this.#settled.set(node, { width, lineStarts, marks: marks.join(','), suppressed, gaps: gaps.join(','), verified, squeeze, lines });
      this.#facesSeen.set(node, faces);
      if (!verified) updates.push({ pos, marks: marks.map((m) => start + m), gaps: gaps.map((g) => start + g) });
    }
    return updates;
  }
}

/** A web face that arrived: the text it can change (its unicode-range) and its family names (compared as {@link familyName}). */
interface Face {
  covers: (text: string) => boolean;
  families: ReadonlySet<string>;
}

/** A font family name as compared: unquoted, lower case. */
function familyName(family: string): string {
  return family.trim().replace(/^["']|["']$/g, '').toLowerCase();
}

/** Whether `families` is in the font-family list of the paragraph or of an element inside it (a fallback counts). */
function usesFamily(dom: HTMLElement, families: ReadonlySet<string>): boolean {
  for (const el of [dom, ...dom.querySelectorAll('*')]) {
    if (getComputedStyle(el).fontFamily.split(',').some((f) => families.has(familyName(f)))) return true;
  }
  return false;
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
