/**
 * The structure recogniser: source lines → stories, photos and teaser boxes,
 * with one recorded {@link Decision} per line so the editor can see and
 * correct every call.
 *
 * It walks the lines once. A run of short lines without a sentence end is a
 * head run; what follows it decides what it is: a byline makes it a new
 * story's label and headline group, a caption makes it a photo's label, body
 * text makes a single line inside a story a crosshead. A paragraph that does
 * not end a sentence continues in the next body text (column and page
 * breaks); a caption and credit met while a paragraph is open are lifted out
 * into a photo of the story and the sentence is rejoined.
 */
import type { LineClass } from './classify';
import { classifyLine } from './classify';
import { ItemBuilder } from './item-builder';
import { charLength, endsSentence, isKnownLabel, looksLikeFragment, splitPageRef, TEASER_LABELS } from './patterns';
import { sliceSegments, toSegments } from './segments';
import type { Credit, Decision, DecisionRule, IntakeResult, SourceLine, StoryDraft } from './types';

/** Longest line taken for a caption because a credit line follows it (a longer one is body text). */
const MAX_LINE_CAPTION_CHARS = 150;
/** A label this short (characters) before a headline is taken as a section label, not a 引题. */
const MAX_UNKNOWN_LABEL_CHARS = 4;

interface Token {
  line: SourceLine;
  cls: LineClass;
}

type Follower = 'byline' | 'caption' | 'image' | 'text' | 'end';

class Recognizer {
  private readonly tokens: Token[];
  private readonly items: ItemBuilder[] = [];
  private readonly decisions: Decision[] = [];
  private current: ItemBuilder | null = null;
  private currentIndex = -1;
  private readonly joined = new Map<number, number[]>();
  /** A label waiting for the item it stands over. */
  private pendingLabel: { text: string; line: number; rule: DecisionRule } | null = null;

  constructor(lines: readonly SourceLine[]) {
    this.tokens = lines.map((line) => ({ line, cls: classifyLine(line) }));
    for (const l of lines) if (l.joined) this.joined.set(l.line, l.joined);
  }

  run(): IntakeResult {
    let i = 0;
    while (i < this.tokens.length) i = this.step(i);
    const stories: StoryDraft[] = this.items.map((b) => b.finish());
    return { stories, decisions: this.decisions };
  }

  private decide(line: number, role: Decision['role'], rule: DecisionRule, detail: string): void {
    // Items are only ever appended, and the current one is the last started.
    const story = this.current ? this.currentIndex : this.items.length;
    this.decisions.push({ line, role, rule, story, detail });
    // Printed lines of hard-wrapped text joined into this one share its role.
    for (const extra of this.joined.get(line) ?? []) {
      this.decisions.push({ line: extra, role, rule: 'paragraph.unwrapped', story, detail: 'a printed line joined to the line before it' });
    }
  }

  private start(kind: StoryDraft['kind'], line: number): ItemBuilder {
    const item = new ItemBuilder(kind, line);
    if (this.pendingLabel) {
      item.label = this.pendingLabel.text;
      item.touch(this.pendingLabel.line);
      this.pendingLabel = null;
    }
    this.items.push(item);
    this.current = item;
    this.currentIndex = this.items.length - 1;
    return item;
  }

  private currentStory(): ItemBuilder | null {
    return this.current && this.current.kind === 'story' ? this.current : null;
  }

  /** A line followed by a credit-only line is a caption (`选手比赛中。` / `记者 方方斌摄`). */
  private isCaptionBeforeCredit(i: number): boolean {
    const t = this.tokens[i];
    const next = this.tokens[i + 1];
    if (!t || !next || next.cls.kind !== 'credit') return false;
    return (t.cls.kind === 'text' || t.cls.kind === 'head') && charLength(t.line.text) <= MAX_LINE_CAPTION_CHARS;
  }

  private isCaptionAt(i: number): boolean {
    const t = this.tokens[i];
    return !!t && (t.cls.kind === 'caption-credit' || t.cls.kind === 'credit' || this.isCaptionBeforeCredit(i));
  }

  private step(i: number): number {
    const t = this.tokens[i]!;
    if (t.cls.kind === 'image') return this.photoFromImage(i);
    if (this.isCaptionAt(i)) return this.caption(i, null);
    switch (t.cls.kind) {
      case 'byline':
      case 'run-in':
        return this.byline(i, []);
      case 'label':
      case 'head':
        return this.headRun(i);
      default:
        return this.text(i);
    }
  }

  // ---- heads ---------------------------------------------------------------

  private headRun(i: number): number {
    const first = this.tokens[i]!;
    if (TEASER_LABELS.includes(first.line.text.replace(/\s+/g, ''))) return this.teaser(i);
    const declared = (tok: Token) => tok.line.hint === 'h1' || tok.line.hint === 'h2' || tok.line.hint === 'h3';
    const fragment = (tok: Token) => tok.cls.kind === 'head' && !declared(tok) && looksLikeFragment(tok.line.text);
    let j = i;
    while (j < this.tokens.length) {
      const tok = this.tokens[j]!;
      const k = tok.cls.kind;
      if ((k !== 'head' && k !== 'label') || this.isCaptionBeforeCredit(j)) break;
      // A sentence cut short is body text, not another head line.
      if (j > i && fragment(tok)) break;
      j++;
    }
    const run = this.tokens.slice(i, j);
    const follower = this.follower(j);
    const story = this.currentStory();
    const open = story?.openParagraph(endsSentence) ?? null;

    // A fragment after an unfinished sentence is the rest of that sentence (column or line break).
    if (open && (follower === 'text' || follower === 'end') && first.cls.kind === 'head' && !declared(first)) {
      story!.continueParagraph(toSegments(first.line.text, first.line.strong), first.line.line);
      this.decide(first.line.line, 'paragraph', 'paragraph.rejoined', 'continues the unfinished sentence before it');
      return i + 1;
    }
    // Inside a story, a line that reads as a sentence cut short starts (or continues) a paragraph.
    if (story && follower !== 'byline' && fragment(first)) {
      return this.text(i);
    }
    if (follower === 'byline') return this.byline(j, run);
    if (follower === 'caption' || follower === 'image') {
      const heads = this.takeLabel(run, 'label.before-caption');
      // Lines between a label and a photo are the photo's title (图片新闻 headline).
      if (heads.length) this.pendingHeads = heads;
      return j;
    }
    if (story && run.length === 1 && first.cls.kind === 'head' && follower === 'text' && first.line.hint !== 'h1') {
      story.addBody('crosshead', toSegments(first.line.text, first.line.strong), first.line.line);
      const rule: DecisionRule = declared(first) ? 'crosshead.source-heading' : 'crosshead.short-line';
      this.decide(first.line.line, 'crosshead', rule, 'a short line without a sentence end inside a story');
      return j;
    }
    // A head run before body text with no story open, or more than one line: a new story.
    const heads = this.takeLabel(run, 'label.short-before-head');
    const item = this.start('story', (heads[0] ?? run[0]!).line.line);
    this.assignHeads(item, heads);
    return j;
  }

  private pendingHeads: Token[] | null = null;

  /** What comes after a head run ending before index `j`. */
  private follower(j: number): Follower {
    const t = this.tokens[j];
    if (!t) return 'end';
    if (t.cls.kind === 'byline' || t.cls.kind === 'run-in') return 'byline';
    if (t.cls.kind === 'image') return 'image';
    if (this.isCaptionAt(j)) return 'caption';
    return 'text';
  }

  /** Takes a section label off the front of a head run; returns the rest. */
  private takeLabel(run: Token[], shortRule: DecisionRule): Token[] {
    const first = run[0];
    if (!first) return run;
    const text = first.line.text;
    let rule: DecisionRule | null = null;
    if (first.cls.kind === 'label' || isKnownLabel(text)) rule = 'label.known';
    else if (shortRule === 'label.before-caption' && run.length === 1 && charLength(text) <= 8) rule = shortRule;
    else if (run.length >= 2 && charLength(text) <= MAX_UNKNOWN_LABEL_CHARS && !/\s/u.test(text)) rule = 'label.short-before-head';
    if (!rule) return run;
    this.pendingLabel = { text: text.replace(/\s+/gu, ''), line: first.line.line, rule };
    this.current = null;
    this.decisions.push({
      line: first.line.line,
      role: 'label',
      rule,
      story: this.items.length,
      detail: rule === 'label.known' ? 'a known section label' : 'a short line standing over what follows',
    });
    return run.slice(1);
  }

  private assignHeads(item: ItemBuilder, heads: Token[]): void {
    const n = heads.length;
    if (n === 0) return;
    const say = (tok: Token, role: 'kicker' | 'headline' | 'subheadline', rule: DecisionRule, detail: string) => {
      item[role] = tok.line.text;
      item.touch(tok.line.line);
      this.decide(tok.line.line, role, rule, detail);
    };
    let rest = heads;
    if (n > 3) {
      const extra = heads.slice(0, n - 3);
      item.label = [item.label, ...extra.map((t) => t.line.text)].filter(Boolean).join(' ');
      for (const t of extra) this.decide(t.line.line, 'label', 'head.extra-lines-as-label', 'more than three head lines');
      rest = heads.slice(n - 3);
    }
    const [a, b, c] = rest;
    if (rest.length === 1) say(a!, 'headline', 'head.single', 'the only head line');
    else if (rest.length === 3) {
      say(a!, 'kicker', 'head.three-lines', '引题 over 主题 over 副题');
      say(b!, 'headline', 'head.three-lines', '引题 over 主题 over 副题');
      say(c!, 'subheadline', 'head.three-lines', '引题 over 主题 over 副题');
    } else if (/^[—─-]{1,2}/u.test(b!.line.text)) {
      say(a!, 'headline', 'head.dash-subheadline', 'the second line opens with a dash');
      say(b!, 'subheadline', 'head.dash-subheadline', 'opens with a dash');
    } else if (a!.line.hint === 'h1' || b!.line.hint === 'h1') {
      const main = a!.line.hint === 'h1' ? a! : b!;
      say(main, 'headline', 'head.source-heading', 'the source marks it as the main heading');
      if (main === a) say(b!, 'subheadline', 'head.source-heading', 'below the main heading');
      else say(a!, 'kicker', 'head.source-heading', 'above the main heading');
    } else if (charLength(a!.line.text) < charLength(b!.line.text)) {
      say(a!, 'headline', 'head.shorter-is-main', 'of two head lines the shorter is the 主题');
      say(b!, 'subheadline', 'head.shorter-is-main', 'the longer line below the 主题');
    } else {
      say(a!, 'kicker', 'head.shorter-is-main', 'the longer line above the 主题');
      say(b!, 'headline', 'head.shorter-is-main', 'of two head lines the shorter is the 主题');
    }
  }

  // ---- bylines and body ----------------------------------------------------

  private byline(i: number, run: Token[]): number {
    const t = this.tokens[i]!;
    const cls = t.cls as Extract<LineClass, { kind: 'byline' | 'run-in' }>;
    const story = this.currentStory();
    if (run.length === 0 && story && story.byline && !story.hasBody() && cls.kind === 'run-in') {
      // 记者 X on its own line, then 本报讯 opening the text: one byline per story, the dateline stays text.
      story.addBody('paragraph', toSegments(t.line.text, t.line.strong), t.line.line);
      this.decide(t.line.line, 'paragraph', 'paragraph.body', 'a dateline after the byline stays in the text');
      return i + 1;
    }
    const continuesStory = run.length === 0 && story && !story.byline && !story.hasBody();
    let item: ItemBuilder;
    if (continuesStory) item = story;
    else {
      const heads = this.takeLabel(run, 'label.short-before-head');
      item = this.start('story', (heads[0] ?? t).line.line);
      this.assignHeads(item, heads);
    }
    item.byline = cls.byline;
    item.touch(t.line.line);
    const rule: DecisionRule = cls.kind === 'run-in' ? 'byline.run-in' : 'byline.standalone';
    this.decide(t.line.line, 'byline', rule, cls.kind === 'run-in' ? 'opens the first paragraph' : 'a byline on its own line');
    if (cls.kind === 'run-in') {
      const segments = sliceSegments(toSegments(t.line.text, t.line.strong), t.line.text.length - cls.rest.length);
      item.addBody('paragraph', segments, t.line.line);
    }
    return i + 1;
  }

  private text(i: number): number {
    const t = this.tokens[i]!;
    let story = this.currentStory();
    const segments = toSegments(t.line.text, t.line.strong);
    const open = story?.openParagraph(endsSentence) ?? null;
    if (story && open) {
      story.continueParagraph(segments, t.line.line);
      this.decide(t.line.line, 'paragraph', 'paragraph.rejoined', 'continues the unfinished sentence before it');
      return i + 1;
    }
    if (!story) story = this.start('story', t.line.line);
    story.addBody('paragraph', segments, t.line.line);
    this.decide(t.line.line, 'paragraph', 'paragraph.body', 'body text');
    return i + 1;
  }

  // ---- photos and captions -------------------------------------------------

  /** Where a photo goes: into the open story, or its own item under a pending label. */
  private photoHome(line: number): ItemBuilder {
    const story = this.currentStory();
    if (story && !this.pendingLabel && !this.pendingHeads) return story;
    const item = this.start('photo', line);
    const heads = this.pendingHeads;
    this.pendingHeads = null;
    if (heads) this.assignHeads(item, heads);
    return item;
  }

  private caption(i: number, image: SourceLine | null): number {
    const t = this.tokens[i]!;
    const next = this.tokens[i + 1];
    let caption: string | undefined;
    let credit: Credit | undefined;
    let captionLine = t.line.line;
    let consumed = 1;
    if (t.cls.kind === 'caption-credit') {
      caption = t.cls.caption;
      credit = t.cls.credit;
    } else if (t.cls.kind === 'credit') {
      credit = t.cls.credit;
    } else if (next && next.cls.kind === 'credit') {
      caption = t.line.text;
      credit = next.cls.credit;
      consumed = 2;
    }
    const home = image ? this.current! : this.photoHome(t.line.line);
    const lifted = home.kind === 'story' && !!home.openParagraph(endsSentence);
    if (image) {
      const photo = home.photos[home.photos.length - 1]!;
      if (caption !== undefined) photo.caption = caption;
      if (credit) photo.credit = credit;
      photo.sourceLine = captionLine;
    } else {
      home.photos.push({ ...(caption !== undefined ? { caption } : {}), ...(credit ? { credit } : {}), sourceLine: captionLine });
    }
    for (let k = 0; k < consumed; k++) home.touch(this.tokens[i + k]!.line.line);
    if (caption !== undefined) {
      const rule: DecisionRule = lifted
        ? 'caption.lifted-from-sentence'
        : image
          ? 'caption.after-image'
          : t.cls.kind === 'caption-credit'
            ? 'caption.trailing-credit'
            : 'caption.before-credit-line';
      const detail = lifted ? 'a caption inside an unfinished sentence: lifted out, the sentence rejoined' : 'a photo caption';
      this.decide(captionLine, 'caption', rule, detail);
    }
    if (credit) {
      captionLine = consumed === 2 ? next!.line.line : t.line.line;
      const rule: DecisionRule = consumed === 2 || t.cls.kind === 'credit' ? 'credit.own-line' : 'credit.trailing';
      this.decide(captionLine, 'credit', rule, `photo credit: ${credit.people.map((p) => p.name).join('、')}`);
    }
    return i + consumed;
  }

  private photoFromImage(i: number): number {
    const t = this.tokens[i]!;
    const home = this.photoHome(t.line.line);
    home.photos.push({ image: t.line.image!, sourceLine: t.line.line });
    home.touch(t.line.line);
    this.decide(t.line.line, 'photo', 'photo.image', 'an image in the source');
    const next = this.tokens[i + 1];
    if (next && this.isCaptionAt(i + 1)) return this.caption(i + 1, t.line);
    // A short line right under an image, without a sentence end or opening 图为, is its caption.
    if (next && (next.cls.kind === 'head' || (next.cls.kind === 'text' && /^图为/u.test(next.line.text)))) {
      const photo = home.photos[home.photos.length - 1]!;
      photo.caption = next.line.text;
      home.touch(next.line.line);
      this.decide(next.line.line, 'caption', 'caption.after-image', 'the line under an image');
      return i + 2;
    }
    return i + 1;
  }

  // ---- teaser boxes --------------------------------------------------------

  private teaser(i: number): number {
    const t = this.tokens[i]!;
    this.pendingLabel = { text: t.line.text.replace(/\s+/gu, ''), line: t.line.line, rule: 'label.known' };
    this.current = null;
    this.decisions.push({ line: t.line.line, role: 'label', rule: 'label.known', story: this.items.length, detail: 'a 导读 label' });
    const box = this.start('teaser', t.line.line);
    let j = i + 1;
    while (j < this.tokens.length && this.tokens[j]!.cls.kind === 'head') {
      // A head line over a byline is the next story's headline, not a teaser item.
      const next = this.tokens[j + 1]?.cls.kind;
      if (next === 'byline' || next === 'run-in') break;
      const tok = this.tokens[j]!;
      const { text, page } = splitPageRef(tok.line.text);
      box.teasers.push({ text, page, sourceLine: tok.line.line });
      box.touch(tok.line.line);
      this.decide(tok.line.line, 'teaser', 'teaser.item', 'a short line under 导读');
      j++;
    }
    this.current = null;
    return j;
  }
}

/** Recognises stories in source lines. Never throws for any input. */
export function recognizeStories(lines: readonly SourceLine[]): IntakeResult {
  return new Recognizer(lines).run();
}
