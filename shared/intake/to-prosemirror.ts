/**
 * Intake drafts → ProseMirror blocks of the page schema, ready for the
 * edition's story bin: a story block (headgroup, byline, body), photo blocks for
 * its photos, a label block for its section label, a teaser block for a 导读
 * box. Blocks are sized by an estimate on the page grid and placed at the
 * origin; placing them is the editor's job.
 */
import type { Mark, Node } from 'prosemirror-model';
import { schema } from '../model/schema';
import { styleLines } from '../model/style-lines';
import type { StyleSheet } from '../model/styles';
import { defaultStyleSheet } from '../model/styles';
import { spanChars } from '../page/geometry';
import type { GridSettings } from '../page/settings';
import { PAGE_PRESETS } from '../page/settings';
import { draftRecord } from './record-build';
import type { BodyItem, Byline, Decision, PhotoDraft, StoryDraft } from './types';

/** The picture a photo shows, once the host has stored its bytes. */
export interface PhotoAsset {
  /** Content hash of the asset in the page file. */
  asset: string;
  pixelWidth: number;
  pixelHeight: number;
}

export interface ToBlocksOptions {
  /** The page grid the blocks are sized for; 对开 by default. */
  grid?: GridSettings;
  /** Makes block ids; must give a new id on every call (default `intake-1`, `intake-2`, …). */
  nextId?: () => string;
  /** The stored asset of a photo's image, or null for an empty frame. */
  assetFor?: (photo: PhotoDraft) => PhotoAsset | null;
  /**
   * The recogniser's decisions: about this draft for {@link draftToBlocks},
   * about all drafts (by their `story` index) for {@link draftsToBlocks}.
   * With them, the story, teaser or first photo block carries the intake
   * record (attribute `intake`) the bin's review shows and corrects.
   */
  decisions?: readonly Decision[];
  /**
   * The page's styles: head lines, bylines and crossheads take the lines
   * their style gives them (and the estimate counts those). By default the
   * built-in styles.
   */
  styles?: StyleSheet;
}

type LinesPart = 'kicker' | 'headline' | 'subheadline' | 'byline' | 'crosshead';
/** Grid lines each part that takes whole lines gets, from the styles. */
type PartLines = Readonly<Record<LinesPart, number>>;

const BUILTIN_SHEET: StyleSheet = defaultStyleSheet();

function partLines(sheet: StyleSheet): PartLines {
  const of = (type: LinesPart) => styleLines(sheet, type) ?? (schema.nodes[type]!.spec.attrs!['lines']!.default as number);
  return { kicker: of('kicker'), headline: of('headline'), subheadline: of('subheadline'), byline: of('byline'), crosshead: of('crosshead') };
}
const PHOTO_CAPTION_LINES = 2;
const DEFAULT_PHOTO_LINES = 20;

function text(value: string, marks?: readonly Mark[]): Node[] {
  return value ? [schema.text(value, marks)] : [];
}

function inlineWithStrong(value: string, strong: readonly [number, number][] | undefined): Node[] {
  if (!strong || strong.length === 0) return text(value);
  const out: Node[] = [];
  const bold = [schema.marks['strong']!.create()];
  let at = 0;
  for (const [from, to] of strong) {
    out.push(...text(value.slice(at, from)));
    out.push(...text(value.slice(from, to), bold));
    at = to;
  }
  out.push(...text(value.slice(at)));
  return out;
}

function bodyNode(item: BodyItem, runIn: Byline | null, lines: PartLines): Node {
  if (item.kind === 'crosshead') return schema.node('crosshead', { lines: lines.crosshead }, inlineWithStrong(item.text, item.strong));
  const content = inlineWithStrong(item.text, item.strong);
  if (runIn) content.unshift(schema.text(runIn.text, [schema.marks['dateline']!.create()]));
  return schema.node('paragraph', null, content);
}

/** Body lines of a story set in `cols` text columns of the grid. */
function estimateBodyLines(draft: StoryDraft, grid: GridSettings, cols: number, lines: PartLines): number {
  let columnLines = 0;
  for (const item of draft.body) {
    if (item.kind === 'crosshead') columnLines += lines.crosshead;
    // A paragraph is indented two characters.
    else columnLines += Math.ceil((item.text.length + 2) / grid.charsPerColumn);
  }
  if (draft.byline?.runIn) columnLines += Math.ceil(draft.byline.text.length / grid.charsPerColumn);
  return Math.ceil(columnLines / cols);
}

function storyBlock(draft: StoryDraft, grid: GridSettings, id: string, lines: PartLines): Node {
  const parts: Node[] = [];
  let headLines = 0;
  if (draft.headline !== undefined) {
    const head: Node[] = [];
    if (draft.kicker) head.push(schema.node('kicker', { lines: lines.kicker }, text(draft.kicker)));
    head.push(schema.node('headline', { lines: lines.headline }, text(draft.headline)));
    if (draft.subheadline) head.push(schema.node('subheadline', { lines: lines.subheadline }, text(draft.subheadline)));
    parts.push(schema.node('headgroup', null, head));
    headLines += lines.headline + (draft.kicker ? lines.kicker : 0) + (draft.subheadline ? lines.subheadline : 0);
  }
  const byline = draft.byline;
  if (byline && !byline.runIn) {
    parts.push(schema.node('byline', { lines: lines.byline }, text(byline.text)));
    headLines += lines.byline;
  }
  const body = draft.body.map((item, index) => {
    const firstParagraph = item.kind === 'paragraph' && draft.body.findIndex((b) => b.kind === 'paragraph') === index;
    return bodyNode(item, byline?.runIn && firstParagraph ? byline : null, lines);
  });
  if (body.length === 0) body.push(schema.node('paragraph', null, byline?.runIn ? text(byline.text, [schema.marks['dateline']!.create()]) : []));
  parts.push(schema.node('body', null, body));
  // The narrowest story that fits the page's height, two columns at least.
  let cols = Math.min(2, grid.columns);
  while (cols < grid.columns && headLines + estimateBodyLines(draft, grid, cols, lines) > grid.lines) cols++;
  const height = Math.min(grid.lines, Math.max(1, headLines + estimateBodyLines(draft, grid, cols, lines)));
  return schema.node('story', { id, col: 0, line: 0, cols, lines: height }, parts);
}

function photoBlock(photo: PhotoDraft, grid: GridSettings, id: string, asset: PhotoAsset | null): Node {
  const cols = Math.min(2, grid.columns);
  let lines = DEFAULT_PHOTO_LINES;
  if (asset && asset.pixelWidth > 0 && asset.pixelHeight > 0) {
    // Characters are bodyPt wide, lines linePitchPt tall: keep the picture's aspect ratio.
    const widthPt = spanChars(grid, cols) * grid.bodyPt;
    lines = Math.ceil((widthPt * asset.pixelHeight) / asset.pixelWidth / grid.linePitchPt);
  }
  lines = Math.min(grid.lines, lines + PHOTO_CAPTION_LINES);
  const content = [schema.node('caption', null, text(photo.caption ?? ''))];
  if (photo.credit) content.push(schema.node('credit', null, text(photo.credit.text)));
  const attrs: Record<string, unknown> = { id, col: 0, line: 0, cols, lines, captionLines: PHOTO_CAPTION_LINES };
  if (asset) Object.assign(attrs, asset);
  if (photo.image?.alt) attrs['alt'] = photo.image.alt;
  return schema.node('photo', attrs, content);
}

function labelBlock(label: string, id: string): Node {
  return schema.node('label', { id, col: 0, line: 0, cols: 1, lines: 3 }, text(label));
}

/** Puts the draft's intake record on its story, teaser or first photo block. */
function withRecord(blocks: Node[], draft: StoryDraft, decisions: readonly Decision[]): void {
  const kind = draft.kind === 'photo' ? 'photo' : draft.kind;
  const index = blocks.findIndex((b) => b.type.name === kind);
  if (index < 0) return;
  const block = blocks[index]!;
  const record = draftRecord(draft, decisions, kind === 'story' ? block : null);
  blocks[index] = block.type.create({ ...block.attrs, intake: record }, block.content, block.marks);
}

/**
 * The blocks for one draft, in reading order: label, story (or teaser),
 * then the story's photos. A photo draft's title (图片新闻 headline) becomes
 * a plain label over the photo. Every block validates against the schema.
 */
export function draftToBlocks(draft: StoryDraft, options: ToBlocksOptions = {}): Node[] {
  const grid = options.grid ?? PAGE_PRESETS.duikai.grid;
  let counter = 0;
  const nextId = options.nextId ?? (() => `intake-${++counter}`);
  const blocks: Node[] = [];
  if (draft.label) blocks.push(labelBlock(draft.label, nextId()));
  if (draft.kind === 'teaser') {
    const items = draft.teasers.map((t) => schema.node('teaser_item', { page: t.page }, text(t.text)));
    if (items.length === 0) items.push(schema.node('teaser_item', null, []));
    blocks.push(schema.node('teaser', { id: nextId(), col: 0, line: 0, cols: 2, lines: 1 + items.length * 2 }, items));
  } else if (draft.kind === 'story') {
    blocks.push(storyBlock(draft, grid, nextId(), partLines(options.styles ?? BUILTIN_SHEET)));
  } else if (draft.headline) {
    blocks.push(schema.node('label', { id: nextId(), col: 0, line: 0, cols: 2, lines: 3, variant: 'plain' }, text(draft.headline)));
  }
  for (const photo of draft.photos) blocks.push(photoBlock(photo, grid, nextId(), options.assetFor?.(photo) ?? null));
  if (options.decisions) withRecord(blocks, draft, options.decisions);
  for (const block of blocks) block.check();
  return blocks;
}

/** The blocks of many drafts, with ids unique across all of them. */
export function draftsToBlocks(drafts: readonly StoryDraft[], options: ToBlocksOptions = {}): Node[] {
  let counter = 0;
  const nextId = options.nextId ?? (() => `intake-${++counter}`);
  const all = options.decisions;
  const byStory = new Map<number, Decision[]>();
  for (const d of all ?? []) {
    const list = byStory.get(d.story);
    if (list) list.push(d);
    else byStory.set(d.story, [d]);
  }
  return drafts.flatMap((d, i) => draftToBlocks(d, { ...options, nextId, ...(all ? { decisions: byStory.get(i) ?? [] } : {}) }));
}
