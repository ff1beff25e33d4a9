/**
 * Han–Western gaps read back from a PDF's body lines (pdftotext
 * `-bbox-layout` words), for the reference page's typesetting test.
 *
 * pdftotext gives each character the box of its advance, so between two
 * words of one line the distance is the line's justification step (added
 * after every character) plus whatever space we put there. The step is read
 * from the line's own words of Han characters only: a word of n Han
 * characters is n em plus n − 1 steps wide.
 */
import { autospaceBoundaries } from '../../../shared/text/autospace';
import { unitAt } from '../../../shared/text/glue';
import type { PdfLine, PdfWord } from '../../support/pdf-lines';

/** One body line of a paragraph, with its column's edges (pt). */
export interface AutospaceLine {
  /** Names the paragraph: consecutive lines with the same key are one paragraph's. */
  paragraph: string;
  line: PdfLine;
  /** Where the line should start (the column's left edge, plus the indent on a first line) and end. */
  left: number;
  right: number;
  /** The paragraph's last line: not justified, may end short. */
  last: boolean;
}

export interface AutospaceReport {
  /** Han–Western pairs on one line, with the space between them less the line's justification step, in em. */
  gaps: { text: string; em: number }[];
  /** Pairs that pdftotext read as one word: nothing measurable between them. */
  unparted: string[];
  /**
   * Of those, pairs set tight at the end of a full line: the Western run after
   * the boundary (and its glued unit) ends the line, fitting only without
   * the gap (push-in; the line-end pass keeps it there).
   */
  pushedIn: string[];
  /**
   * Pairs on a line with no two Han characters side by side to read its step
   * from, with the whole space between them (our gap plus the unknown step), in em.
   */
  unmeasured: { text: string; em: number }[];
  /** Pairs parted by a line break, with where the first line ends and the second starts, off the column edges (pt). */
  split: { text: string; end: number; start: number }[];
}

const HAN_ONLY = /^\p{Script=Han}+$/u;
const WESTERN_RUN = /^[0-9A-Za-z]+(?:[.:,][0-9A-Za-z]+)*/;

/**
 * Whether `rest` (a line's text from a boundary on) is one unbreakable run, as
 * the autospace pass reads it (renderer/typesetting/autospace.ts, unbreakableEnd):
 * a Western run, its unit, a closing mark; or one Han character and a closing mark.
 */
export function endsLineWhole(rest: string): boolean {
  if (/^\p{Script=Han}[，。、；：！？”’）》]?$/u.test(rest)) return true;
  const run = WESTERN_RUN.exec(rest)?.[0];
  if (!run) return false;
  const after = rest.slice(run.length);
  const tail = after.slice(unitAt(after, 0).length);
  return /^[，。、；：！？”’）》,.;:!?)]?$/u.test(tail);
}
const noSpace = (s: string): string => s.replace(/\s+/g, '');

/**
 * The line's justification step, pt, or null when it has no two Han characters
 * side by side: read inside words of Han characters only (n em plus n − 1
 * steps wide), and between two such words (one step apart: pdftotext cuts a
 * loose line into words wherever the step exceeds its word gap).
 */
function justificationStep(line: PdfLine, em: number): number | null {
  const han = (w: PdfWord) => HAN_ONLY.test(w.text);
  const steps = [
    ...line.words.filter((w) => han(w) && [...w.text].length > 1).map((w) => (w.xMax - w.xMin - [...w.text].length * em) / ([...w.text].length - 1)),
    ...line.words.slice(1).flatMap((w, i) => (han(w) && han(line.words[i]!) ? [w.xMin - line.words[i]!.xMax] : [])),
  ].sort((a, b) => a - b);
  return steps.length ? steps[Math.floor(steps.length / 2)]! : null;
}

/** Every Han–Western pair of the lines, measured (`em` the body size, pt). */
export function readAutospace(lines: readonly AutospaceLine[], em: number): AutospaceReport {
  const report: AutospaceReport = { gaps: [], unparted: [], pushedIn: [], unmeasured: [], split: [] };
  lines.forEach((l, i) => {
    const text = noSpace(l.line.text);
    // Where each word starts in the line's text.
    const wordAt = new Map<number, number>();
    let at = 0;
    l.line.words.forEach((w, k) => {
      wordAt.set(at, k);
      at += noSpace(w.text).length;
    });
    // A paragraph's last line is not justified: nothing is added between its characters.
    const step = l.last ? 0 : justificationStep(l.line, em);
    for (const b of autospaceBoundaries(text)) {
      const pair = text.slice(Math.max(0, b - 3), b + 3);
      const k = wordAt.get(b);
      if (k === undefined || k === 0) {
        if (!l.last && endsLineWhole(text.slice(b))) report.pushedIn.push(pair);
        else report.unparted.push(pair);
        continue;
      }
      const space = l.line.words[k]!.xMin - l.line.words[k - 1]!.xMax - (step ?? 0);
      if (step === null) {
        report.unmeasured.push({ text: pair, em: space / em });
        continue;
      }
      report.gaps.push({ text: pair, em: space / em });
    }
    const next = lines[i + 1];
    if (!next || next.paragraph !== l.paragraph) return;
    const nextText = noSpace(next.line.text);
    const joined = text.slice(-2) + nextText.slice(0, 2);
    if (autospaceBoundaries(joined).includes(Math.min(2, text.length))) {
      report.split.push({ text: `${text.slice(-3)}|${nextText.slice(0, 3)}`, end: l.line.xMax - l.right, start: next.line.xMin - next.left });
    }
  });
  return report;
}
