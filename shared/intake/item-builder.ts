/**
 * A story, photo or teaser box while the recogniser fills it, and its final
 * cleaning into a {@link StoryDraft}.
 */
import { cleanBodyText, cleanHeadText } from './clean-text';
import { derivedLists } from './derived';
import type { Segment } from './segments';
import { cleanSegments, joinSegments, segmentsText } from './segments';
import type { BodyItem, Byline, PhotoDraft, StoryDraft, TeaserItem } from './types';

interface PendingBody {
  kind: 'paragraph' | 'crosshead';
  segments: Segment[];
  sourceLines: number[];
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
    return endsSentence(segmentsText(last.segments).trimEnd()) ? null : last;
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
    last.segments = joinSegments(last.segments, segments);
    last.sourceLines.push(line);
    this.touch(line);
  }

  finish(): StoryDraft {
    const body: BodyItem[] = [];
    for (const piece of this.body) {
      const { text, strong } = cleanSegments(piece.segments, piece.kind === 'paragraph' ? cleanBodyText : cleanHeadText);
      if (!text) continue;
      const item: BodyItem = { kind: piece.kind, text, sourceLines: piece.sourceLines };
      if (strong.length) item.strong = strong;
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
