/**
 * What the line-end pass (line-end-plugin.ts) settled for each paragraph
 * node, and what of it an edit leaves standing.
 *
 * A paragraph's line breaks are found first-fit, line by line: a line's break
 * depends on its own text and decorations and on the run that would follow
 * it (kinsoku, an unbreakable run of figures and its unit), never on what
 * comes later. A push-in decision on a line reads that line and the first
 * characters of the next. So after an edit, the lines before the edit whose
 * next line (and the run after that) also ends before the edit break where
 * they did, and what the pass settled for them (half-width marks, push-ins
 * tried and kept or failed, gaps taken away) is what it would settle again
 * from scratch: it is carried to the edited paragraph's new node, and its
 * marks stay on the page, instead of starting the whole paragraph over and
 * rebuilding those marks round by round (each round a ProseMirror dispatch
 * and a layout). The rest of the paragraph starts over as before.
 */
import type { Node } from 'prosemirror-model';
import { unbreakableEnd } from './autospace';
import { paragraphText } from './body-text';
import type { TextLine } from './measure-lines';
import type { SqueezeMemory } from './squeeze-lines';

export interface Settled {
  /** Column width the paragraph was settled at, px. */
  width: number;
  /** For each halved mark (offset in the paragraph text), where its line started when it was halved. */
  lineStarts: Map<number, number>;
  /** Offsets of the marks halved, as decided. */
  marks: string;
  /** For each boundary drawn without its gap (offset), where the line before started then. */
  suppressed: Map<number, number>;
  /** Offsets of the characters with a gap before them, as decided. */
  gaps: string;
  /** Whether the layout with exactly these marks halved was read and asked for no change. */
  verified: boolean;
  /** Push-ins by compressing marks inside a line (squeeze-lines.ts). */
  squeeze: SqueezeMemory;
  /** The lines read when this was decided (when verified: the lines as they stand). */
  lines: readonly TextLine[];
}

/** What the pass settled, by paragraph node; shared by the pass and its state field. */
export class LineEndMemory {
  #settled = new WeakMap<Node, Settled>();

  get(node: Node): Settled | undefined {
    return this.#settled.get(node);
  }

  set(node: Node, settled: Settled): void {
    this.#settled.set(node, settled);
  }

  delete(node: Node): void {
    this.#settled.delete(node);
  }

  /** Forget everything (fonts changed the layout of everything). */
  clear(): void {
    this.#settled = new WeakMap();
  }

  /**
   * An edit turned paragraph `old` into `next`: records for `next` what of
   * `old`'s settled state stands (see the file comment) and returns the text
   * offset below which its half-width marks stand; 0 when nothing does (not
   * settled, another width or style, or the edit is on its first lines).
   */
  carry(old: Node, next: Node): number {
    const known = this.#settled.get(old);
    if (!known?.verified || old.type !== next.type || !old.sameMarkup(next)) return 0;
    const edit = old.content.findDiffStart(next.content);
    if (edit === null) return 0;
    const text = paragraphText(old);
    const { lines } = known;
    // Lines 0..k stand when line k + 1 and the run that would follow it end before the edit.
    let bound = 0;
    // The start of line k: the lines before it have their next line standing too.
    let quietBelow = 0;
    for (let k = 0; k + 1 < lines.length; k++) {
      const after = lines[k + 1]!;
      if (after.end + 1 >= text.length || unbreakableEnd(text, after.end + 1) + 1 >= edit) break;
      bound = after.start;
      quietBelow = lines[k]!.start;
    }
    if (bound === 0) return 0;
    const below = <V>(m: Map<number, V>) => new Map([...m].filter(([at]) => at < bound));
    const lineStarts = below(known.lineStarts);
    this.#settled.set(next, {
      width: known.width,
      lineStarts,
      marks: [...lineStarts.keys()].sort((a, b) => a - b).join(','),
      suppressed: below(known.suppressed),
      gaps: '',
      verified: false,
      squeeze: {
        tries: new Map([...known.squeeze.tries].filter(([start, t]) => start < bound && t.marks.every((m) => m < bound))),
        failed: new Map([...known.squeeze.failed].filter(([key]) => Number(key.split(':')[1]) < bound)),
        quietBelow,
      },
      lines: [],
    });
    return bound;
  }
}
