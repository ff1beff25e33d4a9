/**
 * Styled text while intake assembles it: a list of segments, each plain or
 * bold. Keeps bold ranges right when paragraphs are joined, bylines cut off
 * and text cleaned.
 */
import { joinBroken } from './clean-text';

const HAN_END = /[\u3400-\u4dbf\u4e00-\u9fff\u3000-\u303f\uff00-\uffef“”‘’]$/u;
const HAN_START = /^[\u3400-\u4dbf\u4e00-\u9fff\u3000-\u303f\uff00-\uffef“”‘’]/u;

export interface Segment {
  text: string;
  strong: boolean;
}

/** Segments of `text` with the given bold ranges ([from, to), ascending). */
export function toSegments(text: string, strong?: readonly [number, number][]): Segment[] {
  if (!strong || strong.length === 0) return [{ text, strong: false }];
  const out: Segment[] = [];
  let at = 0;
  for (const [from, to] of strong) {
    if (from > at) out.push({ text: text.slice(at, from), strong: false });
    if (to > from) out.push({ text: text.slice(from, to), strong: true });
    at = Math.max(at, to);
  }
  if (at < text.length) out.push({ text: text.slice(at), strong: false });
  return merge(out);
}

function merge(segments: Segment[]): Segment[] {
  const out: Segment[] = [];
  for (const s of segments) {
    if (!s.text) continue;
    const last = out[out.length - 1];
    if (last && last.strong === s.strong) last.text += s.text;
    else out.push({ ...s });
  }
  return out;
}

/** The segments from UTF-16 offset `from` of their joined text on. */
export function sliceSegments(segments: readonly Segment[], from: number): Segment[] {
  const out: Segment[] = [];
  let at = 0;
  for (const s of segments) {
    const end = at + s.text.length;
    if (end > from) out.push({ text: s.text.slice(Math.max(0, from - at)), strong: s.strong });
    at = end;
  }
  return merge(out);
}

/** Joins the halves of a broken paragraph (see {@link joinBroken}). */
export function joinSegments(head: readonly Segment[], tail: readonly Segment[]): Segment[] {
  const a = head.map((s) => ({ ...s }));
  const b = tail.map((s) => ({ ...s }));
  const last = a[a.length - 1];
  const first = b[0];
  if (!last || !first) return merge([...a, ...b]);
  const joined = joinBroken(last.text, first.text);
  // joinBroken keeps the tail whole; everything before it belongs to the head.
  const tailPart = first.text.replace(/^[\s\u3000]+/u, '');
  last.text = joined.slice(0, joined.length - tailPart.length);
  first.text = tailPart;
  return merge([...a, ...b]);
}

/**
 * Appends the next half of a broken paragraph to `head`, in place, joined as
 * {@link joinBroken} joins text. Costs the length of `tail`, not of `head`:
 * a paragraph continued over thousands of source lines stays linear. `head`
 * is left unmerged (same-style neighbours); {@link cleanSegments} merges.
 */
export function appendBroken(head: Segment[], tail: readonly Segment[]): void {
  const rest = tail.map((s) => ({ ...s }));
  const last = head[head.length - 1];
  const first = rest[0];
  if (last && first) {
    // joinBroken looks only at the end of the head, which is the end of its last segment.
    const joined = joinBroken(last.text, first.text);
    const tailPart = first.text.replace(/^[\s\u3000]+/u, '');
    last.text = joined.slice(0, joined.length - tailPart.length);
    first.text = tailPart;
  }
  for (const s of rest) if (s.text) head.push(s);
}

/** The end of the segments' text: at least its last `n` UTF-16 units (all of it when shorter). */
export function segmentsTail(segments: readonly Segment[], n: number): string {
  let text = '';
  for (let i = segments.length - 1; i >= 0 && text.length < n; i--) text = segments[i]!.text + text;
  return text;
}

export function segmentsText(segments: readonly Segment[]): string {
  return segments.map((s) => s.text).join('');
}

/** Applies `clean` to each segment and returns the text with its bold ranges. */
export function cleanSegments(
  segments: readonly Segment[],
  clean: (text: string) => string,
): { text: string; strong: [number, number][] } {
  let text = '';
  const strong: [number, number][] = [];
  const cleaned = merge(segments.map((s) => ({ text: s.text, strong: s.strong })));
  // Segments are cleaned one by one, so spaces at a seam between two Han characters go here.
  for (let i = 0; i + 1 < cleaned.length; i++) {
    const a = cleaned[i]!;
    const b = cleaned[i + 1]!;
    const before = a.text.replace(/[ \t\u3000\u00a0]+$/u, '');
    const after = b.text.replace(/^[ \t\u3000\u00a0]+/u, '');
    if (HAN_END.test(before) && HAN_START.test(after)) {
      a.text = before;
      b.text = after;
    }
  }
  for (const s of cleaned) {
    const piece = clean(s.text);
    if (s.strong && piece) strong.push([text.length, text.length + piece.length]);
    text += piece;
  }
  const trimmedStart = text.length - text.trimStart().length;
  const result = text.trim();
  const ranges = strong
    .map(([f, t]) => [Math.max(0, f - trimmedStart), Math.min(result.length, t - trimmedStart)] as [number, number])
    .filter(([f, t]) => t > f);
  return { text: result, strong: ranges };
}
