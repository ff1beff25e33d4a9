/**
 * Style commands of the properties panel (属性): box, tint and column rule
 * of a story or teaser; a rule's orientation, weight and style; the head
 * group's span and 竖排; each head line's face, size, weight, alignment and
 * 长扁 scaling; and 通栏. Blocks are addressed by id; every command is one
 * transaction and one undo step (never merged with typing or the change
 * before), and returns false when it does not apply or changes nothing.
 *
 * Values are checked against {@link STYLE_ATTRS}: a value outside its range
 * is a programmer error (the panel offers only valid ones) and throws a
 * RangeError naming it.
 */
import type { Node } from 'prosemirror-model';
import type { Command, Transaction } from 'prosemirror-state';
import { FRAME_STYLES } from '../../layout/story-box';
import { asGesture, findBlock, pageGrid } from './blocks';
import { activeScope } from '../../edition/page-scope';
import { isEdition, scopeOf } from '../../edition/page-scope';

/**
 * A check of one style attribute, carrying what it accepts: `min`/`max` for a
 * number range, `values` for a choice. Views read these to draw a value that
 * came from elsewhere (a hand-edited file) within the same limits.
 */
export type Check = ((v: unknown) => boolean) & {
  readonly min?: number;
  readonly max?: number;
  readonly values?: readonly unknown[];
};

const oneOf = (...values: readonly unknown[]): Check => Object.assign((v: unknown) => values.includes(v), { values });
const range = (lo: number, hi: number, whole = false): Check =>
  Object.assign(
    (v: unknown) => typeof v === 'number' && Number.isFinite(v) && v >= lo && v <= hi && (!whole || Number.isInteger(v)),
    { min: lo, max: hi },
  );
const name: Check = (v) => typeof v === 'string' && /^[a-z][a-z0-9-]{0,31}$/.test(v);
const colsOrAll: Check = (v) => v === null || (typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 64);

const BOX: Record<string, Check> = {
  frame: oneOf(...FRAME_STYLES),
  frameWeightPt: range(0.25, 8),
  frameSwatch: name,
  frameInset: range(0, 4, true),
  tintSwatch: name,
  tint: range(0, 100, true),
};

const HEAD_LINE: Record<string, Check> = {
  sizePt: range(5, 200),
  face: oneOf('song', 'hei', 'kai', 'fangsong'),
  weight: oneOf(300, 400, 500, 700, 900),
  align: oneOf('start', 'center', 'end', 'justify'),
  scaleX: range(50, 200, true),
  lines: range(1, 40, true),
};

/** The attributes each node type's style may set, with their valid values. */
export const STYLE_ATTRS: Readonly<Record<string, Readonly<Record<string, Check>>>> = {
  story: { ...BOX, columnRulePt: range(0, 4), textColumns: colsOrAll },
  teaser: BOX,
  rule: {
    orientation: oneOf('h', 'v'),
    weightPt: range(0.1, 12),
    style: oneOf('solid', 'dashed', 'dotted', 'double', 'thick-thin', 'thin-thick'),
    swatch: name,
  },
  headgroup: { cols: colsOrAll, vertical: oneOf(true, false), side: oneOf('left', 'right') },
  kicker: HEAD_LINE,
  headline: HEAD_LINE,
  subheadline: HEAD_LINE,
  byline: { face: HEAD_LINE['face']!, align: HEAD_LINE['align']!, lines: HEAD_LINE['lines']! },
};

/**
 * `value` held within the range {@link STYLE_ATTRS} declares for `type`.`key`
 * (unchanged when the attribute has no range).
 */
export function clampStyle(type: string, key: string, value: number): number {
  const check = STYLE_ATTRS[type]?.[key];
  return Math.min(check?.max ?? Infinity, Math.max(check?.min ?? -Infinity, value));
}

/** `value` when it is one of the choices {@link STYLE_ATTRS} declares for `type`.`key`, else `fallback`. */
export function styleChoice<T>(type: string, key: string, value: unknown, fallback: T): T {
  return STYLE_ATTRS[type]?.[key]?.values?.includes(value) ? (value as T) : fallback;
}

/** Parts of a story the panel styles. */
export type StoryPart = 'headgroup' | 'kicker' | 'headline' | 'subheadline' | 'byline';

function checkAttrs(type: string, attrs: Readonly<Record<string, unknown>>): void {
  const allowed = STYLE_ATTRS[type];
  if (!allowed) throw new RangeError(`no style attributes for ${type}`);
  for (const [key, value] of Object.entries(attrs)) {
    const check = allowed[key];
    if (!check) throw new RangeError(`${type} has no style attribute "${key}"`);
    if (!check(value)) throw new RangeError(`${type}.${key} cannot be ${JSON.stringify(value)}`);
  }
}

/** Sets the attributes that differ; true when any did. */
function writeAttrs(tr: Transaction, pos: number, node: Node, attrs: Readonly<Record<string, unknown>>): boolean {
  let changed = false;
  for (const [key, value] of Object.entries(attrs)) {
    if (node.attrs[key] === value) continue;
    tr.setNodeAttribute(pos, key, value);
    changed = true;
  }
  return changed;
}

/** Sets style attributes of block `id` (a story, teaser or rule). */
export function setBlockStyle(id: string, attrs: Readonly<Record<string, unknown>>): Command {
  return (state, dispatch) => {
    const found = findBlock(state.doc, id);
    if (!found || !STYLE_ATTRS[found.node.type.name]) return false;
    checkAttrs(found.node.type.name, attrs);
    const tr = state.tr;
    if (!writeAttrs(tr, found.pos, found.node, attrs)) return false;
    dispatch?.(asGesture(tr));
    return true;
  };
}

/** The position and node of a part of story `story` at `pos`, or null when it has none. */
function findPart(story: Node, pos: number, part: StoryPart): { node: Node; pos: number } | null {
  let found: { node: Node; pos: number } | null = null;
  story.forEach((child, offset) => {
    const at = pos + 1 + offset;
    if (child.type.name === part) found = { node: child, pos: at };
    else if (child.type.name === 'headgroup' && part !== 'byline') {
      child.forEach((line, lineOffset) => {
        if (line.type.name === part) found = { node: line, pos: at + 1 + lineOffset };
      });
    }
  });
  return found;
}

/** Sets style attributes of one part (head group, a head line, the byline) of story `id`. */
export function setStoryPartStyle(id: string, part: StoryPart, attrs: Readonly<Record<string, unknown>>): Command {
  return (state, dispatch) => {
    const found = findBlock(state.doc, id);
    if (!found || found.node.type.name !== 'story') return false;
    const target = findPart(found.node, found.pos, part);
    if (!target) return false;
    checkAttrs(part, attrs);
    const tr = state.tr;
    if (!writeAttrs(tr, target.pos, target.node, attrs)) return false;
    dispatch?.(asGesture(tr));
    return true;
  };
}

/**
 * 通栏: the story spans the full type area width (its lines kept) and its head
 * goes across all of it, set horizontally. Other blocks it now covers stay
 * where they are (the page shows the overlap as a warning, never silently).
 */
export function setFullWidthHead(id: string): Command {
  return (state, dispatch) => {
    const found = findBlock(state.doc, id);
    if (!found || found.node.type.name !== 'story') return false;
    const grid = pageGrid(activeScope(state));
    const head = findPart(found.node, found.pos, 'headgroup');
    const tr = state.tr;
    let changed = writeAttrs(tr, found.pos, found.node, { col: 0, cols: grid.columns });
    if (head) changed = writeAttrs(tr, head.pos, head.node, { cols: null, vertical: false }) || changed;
    if (!changed) return false;
    dispatch?.(asGesture(tr));
    return true;
  };
}

/** Whether story `id`'s head already runs across the full page width. */
export function isFullWidthHead(doc: Node, id: string): boolean {
  const found = findBlock(doc, id);
  if (!found || found.node.type.name !== 'story') return false;
  const head = findPart(found.node, found.pos, 'headgroup');
  return (
    found.node.attrs['col'] === 0 &&
    found.node.attrs['cols'] === pageGrid(isEdition(doc) ? scopeOf(doc, doc.resolve(found.pos).index(0)) : doc).columns &&
    (!head || (head.node.attrs['cols'] === null && head.node.attrs['vertical'] !== true))
  );
}
