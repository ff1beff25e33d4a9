/**
 * Commands over the page's type styles: define, update, rename and delete a
 * paragraph style, apply one to the selected text blocks, and edit or apply
 * character styles. Each is one transaction (one undo step) and returns
 * false when it does not apply. Styles live in `settings.styles` of the page
 * node; a change to a style restyles every block that uses it.
 */
import type { Node } from 'prosemirror-model';
import type { Command, EditorState, Transaction } from 'prosemirror-state';
import { toggleMark } from 'prosemirror-commands';
import type { PageSettings } from '../../page/settings';
import type { CharacterStyle, OverrideKey, ParagraphStyle, StyledNodeType, StyleSheet } from '../styles';
import {
  characterStyleSchema,
  hasLinesAttr,
  isBuiltinStyle,
  isStyledNodeType,
  kindTakesLines,
  OVERRIDE_KEYS,
  paragraphStyleSchema,
  STYLED_NODES,
  styleFits,
  styleFor,
  styleSheetOf,
  styleValue,
} from '../styles';
import { asGesture } from './blocks';
import { activeScope, asScope, setPageAttr } from '../../edition/page-scope';
import type { PageScope } from '../../edition/page-scope';

export type StyleCheck<T> = { ok: true; style: T } | { ok: false; message: string };

/**
 * Checks a paragraph style from a form or a caller: the stored bounds, and
 * the rules of its kind (body is grid-true; heads, crossheads and bylines
 * take whole grid lines; other kinds flow on the grid).
 */
export function checkParagraphStyle(input: unknown): StyleCheck<ParagraphStyle> {
  const parsed = paragraphStyleSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? `${issue.path.map(String).join('.')}: ` : '';
    return { ok: false, message: `${where}${issue?.message ?? 'invalid style'}` };
  }
  const s = parsed.data;
  if (s.kind === 'body' && (s.sizePt !== null || s.trackingEm !== 0 || s.scaleX !== 100)) {
    return { ok: false, message: 'body text is set on the grid: its size is the grid body size, with no tracking or scaling' };
  }
  if (kindTakesLines(s.kind) && s.lines === null) return { ok: false, message: `a ${s.kind} style takes a whole number of grid lines` };
  if (!kindTakesLines(s.kind) && s.lines !== null) return { ok: false, message: `a ${s.kind} style flows on the grid and takes no lines` };
  return { ok: true, style: s };
}

function sameFields<T extends object>(a: T, b: T): boolean {
  return (Object.keys(a) as (keyof T)[]).every((k) => a[k] === b[k]) && Object.keys(a).length === Object.keys(b).length;
}

function checked(input: ParagraphStyle): ParagraphStyle {
  const c = checkParagraphStyle(input);
  if (!c.ok) throw new RangeError(`invalid style "${input.name}": ${c.message}`);
  return c.style;
}

function settingsOf(state: EditorState): PageSettings {
  return activeScope(state).page.attrs['settings'] as PageSettings;
}

/** A copy of the page's sheet (the built-in set when it has none). */
function sheetCopy(state: EditorState): StyleSheet {
  const sheet = styleSheetOf(settingsOf(state));
  return { paragraph: sheet.paragraph.map((s) => ({ ...s })), character: sheet.character.map((s) => ({ ...s })) };
}

function setSheet(tr: Transaction, scope: PageScope, settings: PageSettings, sheet: StyleSheet): Transaction {
  return setPageAttr(tr, scope, 'settings', { ...settings, styles: sheet });
}

type SheetPart = 'paragraph' | 'character';
type StyleIn<K extends SheetPart> = StyleSheet[K][number];

/**
 * A command that replaces style `name` in part `part` of the page's sheet by
 * what `change` makes of it (which may throw a RangeError) and lets
 * `follow` restyle the blocks in the same transaction. False when there is
 * no such style or the change leaves it as it was.
 */
function replaceStyle<K extends SheetPart>(
  part: K,
  name: string,
  change: (before: StyleIn<K>) => StyleIn<K>,
  follow?: (tr: Transaction, doc: PageScope, sheetBefore: StyleSheet, before: StyleIn<K>, after: StyleIn<K>, settings: PageSettings) => void,
): Command {
  return (state, dispatch) => {
    const settings = settingsOf(state);
    const sheet = sheetCopy(state);
    const styles = sheet[part] as StyleIn<K>[];
    const i = styles.findIndex((s) => s.name === name);
    if (i < 0) return false;
    const before = styles[i]!;
    const after = change(before);
    if (sameFields(after, before)) return false;
    if (dispatch) {
      styles[i] = after;
      const tr = setSheet(state.tr, activeScope(state), settings, sheet);
      follow?.(tr, activeScope(state), styleSheetOf(settings), before, after, settings);
      dispatch(asGesture(tr));
    }
    return true;
  };
}

/** A styled text node of the page, the bin included, with its position. */
export interface StyledUse {
  node: Node;
  pos: number;
  type: StyledNodeType;
  /** Name of the style it resolves to. */
  style: string;
}

/** Every styled text node of the page and the style it resolves to under `sheet` (document positions). */
export function styledUses(where: Node | PageScope, sheet: StyleSheet): StyledUse[] {
  const { page, start } = asScope(where);
  const out: StyledUse[] = [];
  page.descendants((node, pos) => {
    const type = node.type.name;
    if (isStyledNodeType(type)) {
      out.push({ node, pos: start + pos, type, style: styleFor(sheet, type, node.attrs['style']).name });
      return false;
    }
    return true;
  });
  return out;
}

/** How many text blocks use each style (styles no block uses are absent). */
export function styleUseCounts(where: Node | PageScope): Map<string, number> {
  const counts = new Map<string, number>();
  for (const use of styledUses(where, styleSheetOf(asScope(where).page.attrs['settings'] as PageSettings))) {
    counts.set(use.style, (counts.get(use.style) ?? 0) + 1);
  }
  return counts;
}

/**
 * Rewrites the blocks that use `before` so they follow `after`: `lines` that
 * followed the old style follow the new one, and overrides the new style
 * makes redundant are dropped.
 */
function followStyle(tr: Transaction, doc: PageScope, sheetBefore: StyleSheet, before: ParagraphStyle, after: ParagraphStyle, settings: PageSettings): void {
  for (const use of styledUses(doc, sheetBefore)) {
    if (use.style !== before.name) continue;
    const attrs: Record<string, unknown> = { ...use.node.attrs };
    let changed = false;
    if (hasLinesAttr(use.type) && after.lines !== null && before.lines !== after.lines && attrs['lines'] === before.lines) {
      attrs['lines'] = after.lines;
      changed = true;
    }
    for (const key of OVERRIDE_KEYS[use.type] as readonly OverrideKey[]) {
      if (attrs[key] !== null && attrs[key] === styleValue(after, key, settings)) {
        attrs[key] = null;
        changed = true;
      }
    }
    if (before.name !== after.name && attrs['style'] === before.name) {
      attrs['style'] = after.name;
      changed = true;
    }
    if (changed) tr.setNodeMarkup(use.pos, undefined, attrs, use.node.marks);
  }
}

/** Adds a new paragraph style (a RangeError if it is invalid); false when the name is taken. */
export function defineStyle(input: ParagraphStyle): Command {
  const style = checked(input);
  return (state, dispatch) => {
    const sheet = sheetCopy(state);
    if (sheet.paragraph.some((s) => s.name === style.name)) return false;
    if (dispatch) {
      sheet.paragraph.push(style);
      dispatch(asGesture(setSheet(state.tr, activeScope(state), settingsOf(state), sheet)));
    }
    return true;
  };
}

/** The fields of a paragraph style an update may change (not its name or kind). */
export type StylePatch = Partial<Omit<ParagraphStyle, 'name' | 'kind'>>;

/**
 * Changes a paragraph style and, in the same transaction, every block that
 * uses it. A RangeError when the result is not a valid style; false when
 * there is no such style or nothing would change.
 */
export function updateStyle(name: string, patch: StylePatch): Command {
  return replaceStyle('paragraph', name, (before) => checked({ ...before, ...patch, name: before.name, kind: before.kind }), followStyle);
}

/**
 * Renames a style the editor defined, and every reference to it. False for
 * built-in styles (their names are the defaults of node types), a missing
 * style, or a name already taken; a RangeError for an invalid name.
 */
export function renameStyle(from: string, to: string): Command {
  const rename = replaceStyle('paragraph', from, (before) => checked({ ...before, name: to }), followStyle);
  return (state, dispatch) => {
    if (from === to || isBuiltinStyle(from)) return false;
    if (styleSheetOf(settingsOf(state)).paragraph.some((s) => s.name === to)) return false;
    return rename(state, dispatch);
  };
}

/**
 * Deletes a paragraph style. A style the editor defined may be deleted while
 * in use: its blocks go back to their type's default style (their `lines`
 * follow it). A built-in style in use is refused (false); an unused one is
 * removed from the page, and blocks created later use the built-in values.
 */
export function deleteStyle(name: string): Command {
  return (state, dispatch) => {
    const settings = settingsOf(state);
    const sheetBefore = styleSheetOf(settings);
    const sheet = sheetCopy(state);
    const i = sheet.paragraph.findIndex((s) => s.name === name);
    if (i < 0) return false;
    const uses = styledUses(activeScope(state), sheetBefore).filter((u) => u.style === name);
    if (uses.length > 0 && isBuiltinStyle(name)) return false;
    if (dispatch) {
      const before = sheet.paragraph[i]!;
      sheet.paragraph.splice(i, 1);
      const tr = setSheet(state.tr, activeScope(state), settings, sheet);
      for (const use of uses) {
        const fallback = styleFor(sheet, use.type, null);
        const attrs: Record<string, unknown> = { ...use.node.attrs, style: null };
        if (hasLinesAttr(use.type) && fallback.lines !== null && attrs['lines'] === before.lines) attrs['lines'] = fallback.lines;
        tr.setNodeMarkup(use.pos, undefined, attrs, use.node.marks);
      }
      dispatch(asGesture(tr));
    }
    return true;
  };
}

/** The text blocks a command on the selection acts on: those the selection touches. */
function selectedTextblocks(state: EditorState): StyledUse[] {
  const { from, to } = state.selection;
  const sheet = styleSheetOf(settingsOf(state));
  const out: StyledUse[] = [];
  state.doc.nodesBetween(from, to, (node, pos) => {
    const type = node.type.name;
    if (node.isTextblock) {
      if (isStyledNodeType(type)) out.push({ node, pos, type, style: styleFor(sheet, type, node.attrs['style']).name });
      return false;
    }
    return true;
  });
  return out;
}

/**
 * Applies paragraph style `name` to every text block the selection touches
 * that it fits (a body style to paragraphs, a head style to heads; body and
 * crosshead styles turn paragraphs and crossheads into each other). Clears
 * the blocks' overrides and sets their lines to the style's. False when the
 * style does not exist or fits none of them.
 */
export function applyStyle(name: string): Command {
  return (state, dispatch) => {
    const settings = settingsOf(state);
    const sheet = styleSheetOf(settings);
    const style = sheet.paragraph.find((s) => s.name === name);
    if (!style) return false;
    const targets = selectedTextblocks(state).filter((u) => styleFits(style.kind, u.type));
    if (targets.length === 0) return false;
    if (dispatch) {
      const tr = state.tr;
      for (const use of targets) {
        // Paragraph ↔ crosshead when a body or crosshead style crosses over.
        const type: StyledNodeType = STYLED_NODES[use.type].kind === style.kind ? use.type : style.kind === 'crosshead' ? 'crosshead' : 'paragraph';
        const nodeType = state.schema.nodes[type]!;
        const attrs: Record<string, unknown> = { ...nodeType.create().attrs };
        for (const [k, v] of Object.entries(use.node.attrs)) if (k in attrs) attrs[k] = v;
        for (const key of OVERRIDE_KEYS[type] as readonly OverrideKey[]) attrs[key] = null;
        attrs['style'] = STYLED_NODES[type].style === name ? null : name;
        if (hasLinesAttr(type) && style.lines !== null) attrs['lines'] = style.lines;
        tr.setNodeMarkup(tr.mapping.map(use.pos), nodeType, attrs, use.node.marks);
      }
      dispatch(asGesture(tr));
    }
    return true;
  };
}

/** The fields of a character style an update may change. */
export type CharacterStylePatch = Partial<Pick<CharacterStyle, 'face' | 'weight'>>;

/** Changes character style `name` (every run with its mark follows); false when missing or unchanged. */
export function updateCharacterStyle(name: string, patch: CharacterStylePatch): Command {
  return replaceStyle('character', name, (before) => {
    const parsed = characterStyleSchema.safeParse({ ...before, ...patch, name: before.name, mark: before.mark });
    if (!parsed.success) throw new RangeError(`invalid character style "${name}": ${parsed.error.issues[0]?.message ?? ''}`);
    return parsed.data;
  });
}

/** Toggles character style `name` on the selection (as its mark); false when it does not apply. */
export function toggleCharacterStyle(name: string): Command {
  return (state, dispatch, view) => {
    const style = styleSheetOf(settingsOf(state)).character.find((s) => s.name === name);
    const mark = style ? state.schema.marks[style.mark] : undefined;
    if (!mark) return false;
    return toggleMark(mark)(state, dispatch && ((tr) => dispatch(asGesture(tr))), view);
  };
}
