/**
 * Normalising Chinese copy as it enters a story (GB/T 15834 punctuation).
 *
 * Reporters' files, wire copy and text copied out of PDFs carry ASCII
 * punctuation between Han characters, straight quotes, stray spaces and
 * full-width digits. {@link findNormalizations} decides, character by
 * character, what should change and says why; {@link normalizeChineseText}
 * applies those decisions.
 *
 * Invariants:
 * - Only punctuation, spaces and full-width ASCII letters/digits change; Han
 *   characters, Latin words and numbers are never touched. Decimals (`2.3万`),
 *   times (`7:30`), thousands (`1,000`), percentages, URLs and e-mail
 *   addresses stay exactly as they are.
 * - ASCII punctuation changes only in Chinese context: a Han character or a
 *   Chinese mark on at least one side (for brackets and quotes: inside, too).
 * - Normalising twice gives the same text as normalising once.
 */
import { codePoints } from './chars';
import { decideBrackets, fullWidthAlnum, protectedMask, simpleMarks, strayspaces } from './normalize-rules';
import type { NormalizationRule } from './normalize-rules';
import { decideQuotes } from './quotes';

export type { NormalizationRule } from './normalize-rules';

/** One decision of the normaliser, on the original text. */
export interface NormalizationChange {
  /** UTF-16 offset of `from` in the original text. */
  offset: number;
  /** The original characters (never empty). */
  from: string;
  /** What they become (empty when deleted). */
  to: string;
  rule: NormalizationRule;
}

export interface NormalizeOptions {
  /**
   * Keep every space. Spaces in headlines, bylines and credits are meaningful
   * (`党建引领共治共享 构建现代化治理体系`, `首席记者 蒋超`): pass true for them.
   * Even when false, a space next to a newsroom role word (`记者 靳林杰`,
   * `靳林杰 通讯员`, `一角。 记者丁力摄`) is kept.
   */
  keepSpaces?: boolean;
}

/**
 * Characters some rule may change (see `findOnce`): a text with none of them
 * is returned as it is without splitting it into code points. A mark between
 * two ASCII digits (`7:30`, `2.5`, `1,000`) is a number and never changes.
 */
const CANDIDATE =
  /[()"'\-―\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]|(?<![0-9])[,:;!?.]|[,:;!?.](?![0-9])|[0-9０-９][．：](?=[0-9０-９])|[0-9０-９]％|。。。|···|(?<!…)…(?!…)|(?<!—)—(?!—)/u;
const SPACE = /[ \t\u00a0]/;

function mayChange(text: string, options: NormalizeOptions): boolean {
  return CANDIDATE.test(text) || (!options.keepSpaces && SPACE.test(text));
}

/** The changes {@link normalizeChineseText} makes, in text order, non-overlapping. */
export function findNormalizations(text: string, options: NormalizeOptions = {}): NormalizationChange[] {
  // A mark made full width is Chinese context for its neighbours (`?（"` → `？（“`), so
  // decide again on the decided text until nothing changes. Later rounds only touch
  // characters earlier rounds left alone, so their offsets map straight back.
  let all: NormalizationChange[] = [];
  let current = text;
  for (let round = 0; round < 8; round++) {
    if (!mayChange(current, options)) break;
    const changes = findOnce(current, options);
    if (changes.length === 0) break;
    const mapped = mapBack(all, changes);
    // Should a later round ever revise an earlier decision, keep the earlier one.
    if (overlaps(all, mapped)) break;
    all = mergeByOffset(all, mapped);
    current = applyNormalizations(text, all);
  }
  return all;
}

/**
 * Where changes found on the text with `applied` applied were in the
 * original text. Both lists are in offset order, so one walk maps them all.
 */
function mapBack(applied: readonly NormalizationChange[], changes: readonly NormalizationChange[]): NormalizationChange[] {
  const out: NormalizationChange[] = [];
  let k = 0;
  let delta = 0;
  for (const c of changes) {
    // An applied change lies before `c` when its result ends at or before c's offset.
    while (k < applied.length && applied[k]!.offset + delta + applied[k]!.to.length <= c.offset) {
      delta += applied[k]!.to.length - applied[k]!.from.length;
      k++;
    }
    out.push({ ...c, offset: c.offset - delta });
  }
  return out;
}

/** Whether any change of `a` covers a character a change of `b` covers (both in offset order, each disjoint). */
function overlaps(a: readonly NormalizationChange[], b: readonly NormalizationChange[]): boolean {
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i]!;
    const y = b[j]!;
    const xEnd = x.offset + x.from.length;
    const yEnd = y.offset + y.from.length;
    if (x.offset < yEnd && y.offset < xEnd) return true;
    if (xEnd <= yEnd) i++;
    else j++;
  }
  return false;
}

function mergeByOffset(a: readonly NormalizationChange[], b: readonly NormalizationChange[]): NormalizationChange[] {
  const out: NormalizationChange[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (j >= b.length || (i < a.length && a[i]!.offset <= b[j]!.offset)) out.push(a[i++]!);
    else out.push(b[j++]!);
  }
  return out;
}

function findOnce(text: string, options: NormalizeOptions): NormalizationChange[] {
  const { chars, offsets } = codePoints(text);
  const out = chars.slice();
  const rules: (NormalizationRule | null)[] = chars.map(() => null);
  const locked = protectedMask(text, chars.length, offsets);
  const set = (i: number, to: string, rule: NormalizationRule): void => {
    out[i] = to;
    rules[i] = rule;
  };

  fullWidthAlnum(chars, set);
  for (const [i, to] of decideBrackets(chars, locked)) set(i, to, 'bracket');
  for (const [i, to] of decideQuotes(chars, locked)) set(i, to, 'quote');
  simpleMarks(chars, out, locked, set);
  if (!options.keepSpaces) strayspaces(out, locked, set);
  return collect(chars, offsets, out, rules);
}

/** `text` with ASCII punctuation in Chinese context made full width; see the module invariants. */
export function normalizeChineseText(text: string, options: NormalizeOptions = {}): string {
  return applyNormalizations(text, findNormalizations(text, options));
}

/** Apply changes found by {@link findNormalizations} (in order, non-overlapping) to the same text. */
export function applyNormalizations(text: string, changes: readonly NormalizationChange[]): string {
  let result = '';
  let at = 0;
  for (const change of changes) {
    if (change.offset < at || text.slice(change.offset, change.offset + change.from.length) !== change.from) {
      throw new RangeError(`change at ${change.offset} does not match the text`);
    }
    result += text.slice(at, change.offset) + change.to;
    at = change.offset + change.from.length;
  }
  return result + text.slice(at);
}

function collect(
  chars: readonly string[],
  offsets: readonly number[],
  out: readonly string[],
  rules: readonly (NormalizationRule | null)[],
): NormalizationChange[] {
  const changes: NormalizationChange[] = [];
  for (let i = 0; i < chars.length; i++) {
    const rule = rules[i];
    if (rule === null || rule === undefined || out[i] === chars[i]) continue;
    const last = changes.at(-1);
    const mergeable = rule === 'space' || rule === 'ellipsis' || rule === 'dash';
    const previousChanged = i > 0 && rules[i - 1] === rule && out[i - 1] !== chars[i - 1];
    if (last && mergeable && previousChanged && last.rule === rule && (out[i] === '' || rule === 'space')) {
      last.from += chars[i]!;
      last.to += out[i]!;
    } else {
      changes.push({ offset: offsets[i]!, from: chars[i]!, to: out[i]!, rule });
    }
  }
  return changes;
}
