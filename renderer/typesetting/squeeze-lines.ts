/**
 * Push-in by punctuation compression, one paragraph at a time, inside the
 * line-end pass (line-end-plugin.ts): a full line set loose because the next
 * character did not fit gets some of its full-width marks set half width
 * (`bm-halt`, the same decoration as a line-end mark) as
 * `shared/text/squeeze.ts` decides, so the next character comes up.
 *
 * Read from the laid-out line: Chromium's inter-character justification adds
 * the same expansion after every character but a line's last, and a
 * character's box includes it, so a Han character's box minus one em is the
 * expansion, and the expansion times the gaps is the slack. A mark whose box
 * less the expansion is about one em is full width (not already trimmed by
 * `text-spacing-trim`).
 *
 * Each try is checked on the next round: if the line starting where it did
 * now ends later, the marks stay (kept, like push-in at the line end, while
 * the line starts there); if not, they go and that line is not tried again
 * at this width (push-out, the browser's spreading, stays).
 */
import { isHan } from '../../shared/text/chars';
import { chooseSqueeze, HALF_EM, MAX_SQUEEZED_PER_LINE, pushInUnitEm, SQUEEZABLE } from '../../shared/text/squeeze';
import type { EditorView } from 'prosemirror-view';
import { unbreakableEnd } from './autospace';
import type { TextLine } from './measure-lines';

/** A laid-out line with each visible character's offset and box width in px (justification included). */
export interface BoxedLine extends TextLine {
  boxes?: { at: number; width: number }[];
}

/** Closing and middle marks: a run of them follows the character that comes up on push-in. */
const CLOSING: ReadonlySet<string> = new Set([...'，。、：；！？”’）》」』】〗〕〉］｝']);

/** Slack (em) from which a full line counts as loose and is worth a push-in. */
export const LOOSE_EM = 0.6;

/** What one paragraph's squeezing remembers between rounds, at one column width. */
export interface SqueezeMemory {
  /** Push-ins waiting to be checked: line start → the line's end when tried, and the marks set. */
  tries: Map<number, { end: number; marks: number[] }>;
  /**
   * Lines (`start:end`) a push-in did not save, with the most marks tried
   * (the next try takes one more; Infinity: the line cannot be saved).
   */
  failed: Map<string, number>;
  /**
   * Set when an edit carried this memory over from the paragraph before it
   * (line-end-memory.ts): the lines starting before the line that starts here
   * were judged, with the next line as it is, when their layout was as it is;
   * the next measure does not judge them again (nor read their boxes). Used once.
   */
  quietBelow?: number;
}

export function newSqueezeMemory(): SqueezeMemory {
  return { tries: new Map(), failed: new Map() };
}

/**
 * Room (em) asked beyond the arithmetic: slack and widths are read from
 * boxes rounded to layout units, and a line that fits exactly on paper may
 * not fit in the browser's fixed-point sums.
 */
export const SAFETY_EM = 0.1;

/**
 * The body em of `dom` in the units of its boxes on screen: the page view
 * may be zoomed with a transform, which client rects include.
 */
export function emOnScreen(dom: HTMLElement): number {
  const scale = dom.offsetWidth > 0 ? dom.getBoundingClientRect().width / dom.offsetWidth : 1;
  return parseFloat(getComputedStyle(dom).fontSize) * scale;
}

/**
 * `lines` of the paragraph element `dom` (text from document position
 * `start`) with every visible character's box width, read from the layout:
 * one Range a character, for the paragraphs the pass reads at all. A line's
 * boxes are read when first asked for: push-in looks at a line's boxes only
 * when it may be loose, and at the next line's only when it is (a box read is
 * most of the pass's cost after a keystroke). The layout must not change
 * while the lines are in use.
 */
export function withBoxes(view: EditorView, dom: HTMLElement, start: number, lines: readonly TextLine[]): BoxedLine[] {
  if (lines.length === 0) return [];
  // Which characters each line has, found as before (in DOM order); their boxes, later.
  const chars: { text: Text; i: number; len: number; at: number }[][] = lines.map(() => []);
  const walker = dom.ownerDocument.createTreeWalker(dom, NodeFilter.SHOW_TEXT);
  let li = 0;
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const text = n as Text;
    if (text.data.length === 0) continue;
    const base = view.posAtDOM(text, 0) - start;
    for (let i = 0; i < text.data.length; ) {
      const len = text.data.codePointAt(i)! > 0xffff ? 2 : 1;
      const at = base + i;
      while (li + 1 < lines.length && at > lines[li]!.end) li++;
      const line = lines[li]!;
      if (at >= line.start && at <= line.end && !/\s/.test(text.data[i]!)) chars[li]!.push({ text, i, len, at });
      i += len;
    }
  }
  const range = dom.ownerDocument.createRange();
  return lines.map((l, k) => {
    let boxes: { at: number; width: number }[] | null = null;
    return {
      start: l.start,
      end: l.end,
      get boxes() {
        boxes ??= chars[k]!.map(({ text, i, len, at }) => {
          range.setStart(text, i);
          range.setEnd(text, i + len);
          return { at, width: range.getBoundingClientRect().width };
        });
        return boxes;
      },
    };
  });
}

/**
 * Whether the boundary at `b` (offset of its right-hand character) belongs to
 * the autospace pass on `line`: its run (unbreakableEnd) ends the line, set
 * tight there by that pass's own push-in.
 */
function autospaceOwns(text: string, b: number, line: TextLine): boolean {
  return b > line.start && b <= line.end && unbreakableEnd(text, b) >= line.end;
}

function median(values: number[]): number {
  const v = [...values].sort((a, b) => a - b);
  return v.length ? v[Math.floor(v.length / 2)]! : 0;
}

/** The justification expansion of a line, px: its Han characters' boxes (not the last) less one em. */
function expansionOf(text: string, line: BoxedLine, em: number): number | null {
  const boxes = line.boxes ?? [];
  const han = boxes.slice(0, -1).filter((b) => isHan(text[b.at] ?? ''));
  return han.length ? Math.max(0, median(han.map((b) => b.width - em))) : null;
}

/**
 * Updates `halved` (mark offset → start of its line when set, as the
 * line-end pass keeps it) for one paragraph's laid-out `lines`: drops the
 * marks of push-ins that did not bring a character up, adds the marks of new
 * push-ins. `em` is the body font size in px.
 */
export function squeezeParagraph(options: {
  text: string;
  lines: readonly BoxedLine[];
  em: number;
  halved: Map<number, number>;
  memory: SqueezeMemory;
  /**
   * Han–Western boundaries (offsets of their right-hand characters). Where
   * push-in and autospace meet, one rule: a boundary whose run ends a line is
   * the autospace pass's (it keeps the quarter em away there while the line
   * starts where it did: its own push-in), and that line is left alone; both
   * passes acting on one line end do not settle. Every other boundary is text
   * like any other: inside a line its gap is drawn and fixed, and a run that
   * starts the next line (or follows its first character) may be brought up,
   * its gap taken away at the line start by the autospace pass and kept away
   * when the run then ends this line.
   */
  avoid?: ReadonlySet<number>;
}): void {
  const { text, lines, em, halved, memory, avoid } = options;
  const lineEnds = new Set(lines.map((l) => l.end));
  const byStart = new Map(lines.map((l) => [l.start, l]));

  // Check the tries of the last round. Marks taken back are full width
  // again next time, though this layout still shows them half.
  const released = new Set<number>();
  for (const [start, tried] of memory.tries) {
    const line = byStart.get(start);
    // Marks no longer set (an edit nearby cleared the paragraph's marks): the
    // layout says nothing of the try; start over.
    const inEffect = tried.marks.every((m) => halved.has(m));
    if (inEffect && line && line.end > tried.end) continue; // It came up: the marks hold while the line starts here.
    memory.tries.delete(start);
    if (inEffect && line) {
      const key = `${start}:${tried.end}`;
      memory.failed.set(key, Math.max(memory.failed.get(key) ?? 0, tried.marks.length));
    }
    for (const m of tried.marks) {
      if (!lineEnds.has(m) && halved.get(m) === start) {
        halved.delete(m);
        released.add(m);
      }
    }
  }

  const quietBelow = memory.quietBelow ?? -1;
  delete memory.quietBelow;
  lines.forEach((line, i) => {
    const nextLine = lines[i + 1];
    if (!nextLine) return;
    // Judged as it is, its next line too, before the edit (line-end-memory.ts).
    if (nextLine.start <= quietBelow) return;
    // A boundary whose run ends the line: the autospace pass's push-in, not ours.
    if (avoid && [...avoid].some((b) => autospaceOwns(text, b, line))) return;
    const key = `${line.start}:${line.end}`;
    const triedBefore = memory.failed.get(key) ?? 0;
    if (triedBefore === Infinity) return;
    const tried = memory.tries.get(line.start);
    if (tried && tried.end === line.end) return; // Waiting to be read back.
    // The line's boxes only now (withBoxes reads them when asked): the checks above need none.
    if (!line.boxes || line.boxes.length < 2) return;
    const e = expansionOf(text, line, em);
    if (e === null) return;
    const slackEm = (e * (line.boxes.length - 1)) / em;
    if (slackEm < LOOSE_EM) return;
    const e2 = expansionOf(text, nextLine, em) ?? 0;
    const nextBoxes = nextLine.boxes ?? [];
    const nextText = text.slice(nextLine.start, nextLine.end + 1);
    // Han characters are one em; a mark as wide as it is set (half when the browser trims an
    // adjacent pair, ”。), never less than half; letters and figures as measured.
    const unit = pushInUnitEm(nextText, (ch, at) => {
      const box = nextBoxes.find((b) => b.at === nextLine.start + at);
      if (!box || isHan(ch)) return 1;
      const width = Math.max(0, box.width - e2) / em;
      return SQUEEZABLE.has(ch) ? (width < 0.75 ? HALF_EM : 1) : width;
    });
    const candidates: number[] = [];
    let squeezed = 0;
    for (const b of line.boxes) {
      // Not the line's ends: the last is the line-end rule's, and a halved
      // first mark would draw its box past the column's start.
      if (b.at === line.end || b.at === line.start || !SQUEEZABLE.has(text[b.at] ?? '')) continue;
      if (halved.has(b.at)) squeezed++;
      else if (released.has(b.at) || (b.width - e) / em > 0.75) candidates.push(b.at - line.start);
    }
    // The run coming up may hold a pair of closing marks (园”。): its last is set half width at
    // the new line end, the others may go half width with it, as an adjacent pair.
    let upTo = line.end;
    for (let at = nextLine.start + 1; at < nextLine.end && CLOSING.has(text[at]!) && CLOSING.has(text[at + 1]!); at++) {
      const box = nextBoxes.find((b) => b.at === at);
      if (!box || halved.has(at)) break;
      if (released.has(at) || (box.width - e2) / em > 0.75) candidates.push(at - line.start);
      upTo = at + 1;
    }
    const lineText = text.slice(line.start, upTo + 1);
    const short = Math.max(unit - slackEm + SAFETY_EM, triedBefore * HALF_EM + 0.01);
    const choice = chooseSqueeze(lineText, candidates, short, MAX_SQUEEZED_PER_LINE - squeezed);
    if (!choice) {
      memory.failed.set(key, Infinity);
      return;
    }
    const marks = choice.map((at) => line.start + at);
    for (const m of marks) halved.set(m, line.start);
    memory.tries.set(line.start, { end: line.end, marks });
  });
}
