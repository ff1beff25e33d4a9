/**
 * Where the glue spans of a text block go (shared/text/glue.ts runs, placed
 * for Chromium): pure text arithmetic, shared by the editor plugin and the
 * corpus test that proves the spans in print.
 */
import { findGlueRuns } from '../../shared/text/glue';
import { mayStartLine } from '../../shared/text/kinsoku';
import type { GlueKind, GlueRun } from '../../shared/text/glue';

/** The class of each kind of span (see composition.css). */
export const GLUE_CLASS: Record<GlueKind, string> = { 'figure-unit': 'bm-glue', dash: 'bm-dash' };

const HAN = /^\p{Script=Han}$/u;
const SIGN = /^[%％‰℃°′″]$/u;

/**
 * Where the span of a run starts. A figure never breaks inside (UAX #14), so
 * the span need only hold its last digit and the unit. It must not start
 * between a Han character and a figure: Chromium puts the Han–figure
 * autospace at that span boundary and keeps it even at a line edge
 * (measured: lines 1/8 em short, or indented). A one-digit figure after a Han
 * character takes that character in.
 */
function spanStart(text: string, run: GlueRun): number {
  if (run.unitFrom === undefined) return run.from;
  const lastDigit = run.unitFrom - 1;
  if (lastDigit > run.from) return lastDigit;
  return run.from > 0 && HAN.test(text[run.from - 1]!) ? run.from - 1 : run.from;
}

/** Whether `text[i]` continues a figure or Latin word: a letter or digit, or a separator before a digit. */
const alnumAt = (text: string, i: number): boolean =>
  /[0-9A-Za-z]/.test(text[i] ?? '') || (/[.:,]/.test(text[i] ?? '') && /[0-9]/.test(text[i + 1] ?? ''));

/**
 * The spans `[from, to)` (UTF-16 offsets) of `text` with their class, in
 * order and never overlapping: a span that would start inside the one before
 * (`11月7日`: `1月` then `月7日`) is merged into it.
 */
export function glueSpans(text: string): { from: number; to: number; className: string }[] {
  const spans: { from: number; to: number; className: string }[] = [];
  for (const run of findGlueRuns(text)) {
    // Signs (`30%`, `36℃`) are line-break class PO: Chromium never parts them
    // from the figure, and a span ending in one would put the sign–Han autospace
    // at its boundary (measured: lines indented 1/8 em after `56%`).
    if (run.unitFrom !== undefined && SIGN.test(text.slice(run.unitFrom, run.to))) continue;
    const from = spanStart(text, run);
    const prev = spans.at(-1);
    if (prev && from < prev.to) prev.to = Math.max(prev.to, run.to);
    else spans.push({ from, to: run.to, className: GLUE_CLASS[run.kind] });
    // Nor may a span end between a Han unit and a figure or Latin letter
    // (`2021年|11月`): the autospace would sit at the boundary again. The span
    // takes the figure in; its own unit run then joins it (`1年11月7日`).
    const last = spans.at(-1)!;
    if (HAN.test(text[last.to - 1] ?? '') && /[0-9A-Za-z]/.test(text[last.to] ?? '')) {
      while (alnumAt(text, last.to)) last.to++;
    }
  }
  return spans;
}

const CLOSING_QUOTES = new Set(['”', '’']);

/**
 * Offsets just after a closing quote where CLREQ allows a line break that
 * Chromium does not make: U+201D/U+2019 are line-break class QU, which
 * Chromium breaks around only next to a Han character, so `”“`, `”——` and
 * `”65名` hold together and push the line before them out (measured in the
 * corpus and on the reference page). The editor puts a `<wbr>` there.
 */
export function quoteBreaks(text: string): number[] {
  const out: number[] = [];
  for (let i = 0; i + 1 < text.length; i++) {
    if (!CLOSING_QUOTES.has(text[i]!)) continue;
    const next = text[i + 1]!;
    if (/\s/.test(next) || !mayStartLine(next, 'strict') || /\p{Script=Han}/u.test(next)) continue;
    out.push(i + 1);
  }
  return out;
}
