/**
 * A story, photo or teaser box while the recogniser fills it, and its final
 * cleaning into a {@link StoryDraft}.
 */
import { cleanBodyText, cleanHeadText } from './clean-text';
import { derivedLists } from './derived';
import type { Segment } from './segments';
import { appendBroken, cleanSegments, segmentsTail, segmentsText } from './segments';
import type { BodyItem, Byline, PhotoDraft, StoryDraft, TeaserItem, TextFixes } from './types';

interface PendingBody {
  kind: 'paragraph' | 'crosshead';
  segments: Segment[];
  sourceLines: number[];
  /** Raw text of each source piece joined into `segments`, in order (rejoined paragraphs only). */
  pieces?: string[];
}

/** ASCII marks cleaning may set full width. */
const ASCII_MARKS = /[,.:;!?()"']/gu;
const SPACES = /[ \t\u3000\u00a0]/gu;

function count(text: string, re: RegExp): number {
  let n = 0;
  re.lastIndex = 0;
  while (re.exec(text) !== null) n++;
  return n;
}

/** What cleaning repaired between `raw` and `clean`, or undefined when nothing. */
export function textFixes(raw: string, clean: string): TextFixes | undefined {
  const marks = Math.max(0, count(raw, ASCII_MARKS) - count(clean, ASCII_MARKS));
  const spaces = Math.max(0, count(raw.trim(), SPACES) - count(clean, SPACES));
  return marks || spaces ? { marks, spaces } : undefined;
}

/**
 * Where each later piece of a rejoined paragraph begins in its cleaned text.
 * Pieces are cleaned one by one (linear, unlike cleaning every prefix); a
 * repair across a seam can shift an offset by a character, never past the text.
 */
function joinOffsets(pieces: readonly string[], clean: (text: string) => string, total: number): number[] | undefined {
  const joins: number[] = [];
  let at = 0;
  for (let k = 0; k + 1 < pieces.length; k++) {
    at += clean(pieces[k]!).length;
    // Never an offset that would leave an empty half: then no offsets at all.
    if (at <= (joins.at(-1) ?? 0) || at >= total) return undefined;
    joins.push(at);
  }
  return joins;
}

export class ItemBuilder {
  label?: string;
  kicker?: string;
  headline?: string;
  subheadline?: string;
  byline?: Byline;
  readonly body: PendingBody[] = [];
  readonly photos: PhotoDraft[] = [];
  readonly teasers: TeaserItem[] = [];
  firstLine: number;
  lastLine: number;

  constructor(
    readonly kind: StoryDraft['kind'],
    line: number,
  ) {
    this.firstLine = line;
    this.lastLine = line;
  }

  touch(line: number): void {
    this.firstLine = Math.min(this.firstLine, line);
    this.lastLine = Math.max(this.lastLine, line);
  }

  /** The last paragraph if it does not end a sentence yet (its text continues later). */
  openParagraph(endsSentence: (text: string) => boolean): PendingBody | null {
    const last = this.body[this.body.length - 1];
    if (!last || last.kind !== 'paragraph') return null;
    // A sentence end is a mark and its closing quotes: the paragraph's last few characters tell.
    return endsSentence(segmentsTail(last.segments, 64).trimEnd()) ? null : last;
  }

  hasBody(): boolean {
    return this.body.length > 0;
  }

  addBody(kind: PendingBody['kind'], segments: Segment[], line: number): void {
    this.body.push({ kind, segments, sourceLines: [line] });
    this.touch(line);
  }

  /** Appends text to the last paragraph: the two were one paragraph before a break. */
  continueParagraph(segments: Segment[], line: number): void {
    const last = this.body[this.body.length - 1];
    if (!last || last.kind !== 'paragraph') throw new RangeError(`no paragraph to continue at line ${line}`);
    (last.pieces ??= [segmentsText(last.segments)]).push(segmentsText(segments));
    appendBroken(last.segments, segments);
    last.sourceLines.push(line);
    this.touch(line);
  }

  finish(): StoryDraft {
    const body: BodyItem[] = [];
    for (const piece of this.body) {
      const clean = piece.kind === 'paragraph' ? cleanBodyText : cleanHeadText;
      const { text, strong } = cleanSegments(piece.segments, clean);
      if (!text) continue;
      const item: BodyItem = { kind: piece.kind, text, sourceLines: piece.sourceLines };
      if (strong.length) item.strong = strong;
      const joins = piece.pieces && joinOffsets(piece.pieces, clean, text.length);
      if (joins) item.joins = joins;
      const fixes = textFixes(piece.pieces ? piece.pieces.join('') : segmentsText(piece.segments), text);
      if (fixes) item.fixes = fixes;
      body.push(item);
    }
    const photos = this.photos.map((p) => {
      const photo: PhotoDraft = { ...p };
      if (p.caption !== undefined) photo.caption = cleanBodyText(p.caption);
      return photo;
    });
    const draft: StoryDraft = {
      kind: this.kind,
      body,
      photos,
      ...derivedLists({ body, photos }),
      teasers: this.teasers.map((t) => ({ ...t, text: cleanHeadText(t.text) })),
      firstLine: this.firstLine,
      lastLine: this.lastLine,
    };
    if (this.label !== undefined) draft.label = this.label;
    if (this.kicker !== undefined) draft.kicker = cleanHeadText(this.kicker);
    if (this.headline !== undefined) draft.headline = cleanHeadText(this.headline);
    if (this.subheadline !== undefined) draft.subheadline = cleanHeadText(this.subheadline);
    if (this.byline !== undefined) draft.byline = this.byline;
    return draft;
  }
}
