/**
 * Han–Western spacing for body text, drawn by us instead of Chromium's
 * `text-autospace` (docs/decisions/0013-han-western-spacing.md): a quarter em
 * (shared/text/autospace.ts) as `margin-left` on the character *after* each
 * Han–Western boundary (`bm-autospace`, composition.css), on paragraphs the
 * line-end pass has taken over (`bm-autospaced`, which turns Chromium's own
 * autospace off there so the two never add up).
 *
 * Why the right-hand character: an inline-end margin on the left one counts
 * when Chromium fits the line, so a Han character that exactly fills a line
 * would be pushed to the next one by its own gap (measured). A margin on the
 * right-hand character travels with it: if the line breaks at the boundary,
 * the gap starts the next line, where the line-end pass
 * (line-end-plugin.ts) finds it and removes it.
 */
import { unitAt } from '../../shared/text/glue';
import { mayStartLine } from '../../shared/text/kinsoku';
import { glueSpans } from './glue-spans';
import type { TextLine } from './measure-lines';

/** The class of a character that has the gap before it. */
export const AUTOSPACE_CLASS = 'bm-autospace';

/** Added where the gap falls inside a glued run (`365天`, `兵8万`): see {@link gapClasses}. */
export const AUTOSPACE_GLUED_CLASS = 'bm-autospace-glued';

/** The class of a body paragraph whose Han–Western gaps are ours. */
export const AUTOSPACED_CLASS = 'bm-autospaced';

/**
 * The last offset of the text no line break can enter from `at` on: a run of
 * Latin letters and figures (with `.` `:` `,` between figures), its glued unit,
 * and the closing marks after it; or a single character (a Han one).
 */
export function unbreakableEnd(text: string, at: number): number {
  let end = at;
  const western = (i: number) => /[0-9A-Za-z]/.test(text[i] ?? '');
  if (western(at)) {
    while (western(end + 1) || (/[.:,]/.test(text[end + 1] ?? '') && western(end + 2))) end++;
    end += unitAt(text, end + 1).length;
  } else if ((text.codePointAt(at) ?? 0) > 0xffff) end++;
  while (end + 1 < text.length && !mayStartLine(text[end + 1]!, 'strict')) end++;
  return end;
}

/**
 * Which boundaries of one paragraph get no gap, given its laid-out lines.
 * `boundaries` are the offsets of shared/text/autospace.ts in `text`, `gapped` those
 * drawn with a gap now; `memory` says, for each boundary without a gap, where
 * the line before it started when its gap was taken away. Returns the new
 * memory: its keys are the boundaries to draw without a gap.
 *
 * - A boundary whose right-hand character starts a line loses its gap (the
 *   line break parts the pair); it remembers where the line before started.
 * - Taking the gap away can let that character back up onto the line before
 *   (its run fitted only without the quarter em): it stays without a gap while
 *   it sits on a line starting where that line did, its run ending the line,
 *   or it would fall back and the two states would alternate. The gap is then
 *   set tight, which CLREQ allows ("up to a quarter em").
 * - Every other boundary has its gap.
 */
export function nextSuppressed(
  text: string,
  boundaries: readonly number[],
  lines: readonly TextLine[],
  gapped: ReadonlySet<number>,
  memory: ReadonlyMap<number, number>,
): Map<number, number> {
  const next = new Map<number, number>();
  let i = 0;
  for (const at of boundaries) {
    while (i < lines.length - 1 && lines[i]!.end < at) i++;
    const line = lines[i];
    if (!line || at < line.start || at > line.end) continue;
    if (line.start === at && i > 0) next.set(at, lines[i - 1]!.start);
    else if (!gapped.has(at) && memory.get(at) === line.start && line.end <= unbreakableEnd(text, at)) next.set(at, line.start);
  }
  return next;
}

/**
 * The class of each gap's decoration (`gaps`: offsets in `text`, ascending).
 * A gap inside a glued run (glue-spans.ts) cuts the run's `nowrap` span in
 * two, and Chromium breaks between two `nowrap` siblings (their common
 * ancestor wraps; measured: `365|天` parted at a line end). Those gaps carry a
 * word joiner as generated content (composition.css): it is in the text the
 * line breaker reads, not in the document, the DOM text or the caret's way.
 */
export function gapClasses(text: string, gaps: readonly number[]): string[] {
  const spans = glueSpans(text);
  let i = 0;
  return gaps.map((at) => {
    while (i < spans.length && spans[i]!.to <= at) i++;
    const span = spans[i];
    return span && span.from < at ? `${AUTOSPACE_CLASS} ${AUTOSPACE_GLUED_CLASS}` : AUTOSPACE_CLASS;
  });
}
