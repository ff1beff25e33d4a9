/**
 * What the intake review lists for one bin item: each decision of the
 * intake record in words (第3行 识别为 主题「…」), in source-line order, with
 * the corrections that apply to it now. Pure: built from the document state,
 * rendered by the review panel.
 */
import type { Node } from 'prosemirror-model';
import type { EditorState } from 'prosemirror-state';
import type { IntakeNote, IntakePart, IntakeRecord, PartRole } from '../../shared/intake/record';
import { PART_ROLES, recordOf } from '../../shared/intake/record';
import { joinToPrevious, reviewedStory, runInToText, setPartRole, splitJoin } from '../../shared/intake/review-commands';
import { isAligned, storyParts } from '../../shared/intake/review-parts';
import { findBinItem } from '../../shared/model/bin';
import { bt, btf } from '../i18n/bin-strings';
import type { BinStringKey } from '../i18n/bin-strings';
import { activeScope } from '../../shared/edition/page-scope';

/** Longest excerpt of a part's text shown, in characters. */
const EXCERPT_CHARS = 18;

export interface ReviewEntry {
  /** Source line the entry sorts by. */
  line: number;
  /** Index of the story part, for part entries. */
  part?: number;
  role?: PartRole;
  note?: IntakeNote['kind'];
  rule: string;
  /** The decision in words: 第3行 识别为 主题「…」. */
  text: string;
  /** Why, in words. */
  why: string;
  /** Repairs and corrections, one short phrase each. */
  flags: string[];
  /** Whether the editor changed this entry's part. */
  corrected: boolean;
  /** Roles the part can be given now (not its own). */
  roles: PartRole[];
  /** Joins that can be split: join index and the source line the second half starts on. */
  splits: { join: number; line: number }[];
  joinPrev: boolean;
  runInToText: boolean;
}

export interface Review {
  id: string;
  kind: string;
  /** The record no longer matches the story (edited since): shown, not correctable. */
  stale: boolean;
  entries: ReviewEntry[];
}

function quote(text: string): string {
  const chars = [...text.trim()];
  return `「${chars.length > EXCERPT_CHARS ? `${chars.slice(0, EXCERPT_CHARS).join('')}…` : chars.join('')}」`;
}

function lineLabel(first: number | undefined, last: number | undefined): string {
  if (first === undefined || first === 0) return '';
  return last !== undefined && last > first ? btf('reviewLines', { a: first, b: last }) : btf('reviewLine', { a: first });
}

function roleName(role: PartRole): string {
  return bt(`role_${role}`);
}

function why(rule: string): string {
  return bt(`rule_${rule}` as BinStringKey) ?? '';
}

/** The run-in byline text at the start of a paragraph (its `dateline`-marked text). */
function datelineText(node: Node): string {
  let text = '';
  for (let i = 0; i < node.childCount; i++) {
    const child = node.child(i);
    if (!child.isText || !child.marks.some((m) => m.type.name === 'dateline')) break;
    text += child.text;
  }
  return text;
}

function partEntry(state: EditorState, id: string, record: IntakeRecord, index: number, node: Node | null, live: boolean): ReviewEntry {
  const part: IntakePart = record.parts[index]!;
  const first = part.lines[0];
  const last = part.end ?? part.lines.at(-1);
  const where = lineLabel(first, last);
  const flags: string[] = [];
  let text: string;
  const excerpt = node ? quote(node.textContent) : '';
  const rejoined = part.lines.length > 1;
  if (part.runIn === 'byline' && node) {
    text = `${where} ${btf('reviewAs', { role: bt('reviewRunIn') })}${quote(datelineText(node))}`;
  } else if (rejoined) {
    // A join across a caption lifted out of the sentence says so.
    const acrossCaption = record.notes.some(
      (n) => n.kind === 'caption' && n.rule === 'caption.lifted-from-sentence' && part.lines.some((l, k) => k > 0 && n.line > part.lines[k - 1]! && n.line < l),
    );
    text = `${where} ${acrossCaption ? bt('reviewRejoinedCaption') : btf('reviewRejoined', { n: part.lines.length - 1 })}${excerpt}`;
  } else if (part.role === 'paragraph') {
    text = `${where} ${roleName('paragraph')}${excerpt}`;
  } else {
    text = `${where} ${btf('reviewAs', { role: roleName(part.role) })}${excerpt}`;
  }
  if (part.was) flags.push(btf('reviewCorrected', { role: roleName(part.was) }));
  if (part.runIn === 'text') flags.push(bt('reviewRunInText'));
  if (part.edited === 'split') flags.push(bt('reviewSplit'));
  if (part.edited === 'joined') flags.push(bt('reviewJoined'));
  if (part.marks) flags.push(btf('reviewMarks', { n: part.marks }));
  if (part.spaces) flags.push(btf('reviewSpaces', { n: part.spaces }));
  const roles = live ? PART_ROLES.filter((r) => r !== part.role && setPartRole(id, index, r)(state)) : [];
  const splits = live
    ? (part.joins ?? []).flatMap((_, join) => (splitJoin(id, index, join)(state) ? [{ join, line: part.lines[join + 1] ?? 0 }] : []))
    : [];
  return {
    line: first ?? 0,
    part: index,
    role: part.role,
    rule: part.runIn === 'byline' ? 'byline.run-in' : rejoined ? 'paragraph.rejoined' : part.rule,
    text: text.trim(),
    why: why(part.runIn === 'byline' ? 'byline.run-in' : rejoined ? 'paragraph.rejoined' : part.rule),
    flags,
    corrected: !!(part.was || part.edited || part.runIn === 'text'),
    roles,
    splits,
    joinPrev: live && joinToPrevious(id, index)(state),
    runInToText: live && runInToText(id, index)(state),
  };
}

function noteEntries(notes: readonly IntakeNote[]): ReviewEntry[] {
  const out: ReviewEntry[] = [];
  for (let i = 0; i < notes.length; i++) {
    const note = notes[i]!;
    const base = { line: note.line, note: note.kind, rule: note.rule, why: why(note.rule), flags: [], corrected: false, roles: [], splits: [], joinPrev: false, runInToText: false };
    if (note.kind === 'credit') continue; // told with its caption, or alone below
    const credit = notes[i + 1]?.kind === 'credit' ? notes[i + 1] : undefined;
    const by = credit?.text ? `，${btf('reviewCredit', { names: credit.text })}` : '';
    let text: string;
    if (note.kind === 'caption' && note.rule === 'caption.lifted-from-sentence') {
      text = `${lineLabel(note.line, credit?.line)} ${btf('reviewLifted', { caption: quote(note.text) })}${by}`;
    } else if (note.kind === 'caption') {
      text = `${lineLabel(note.line, credit?.line)} ${btf('reviewAs', { role: bt('note_caption') })}${quote(note.text)}${by}`;
    } else {
      text = `${lineLabel(note.line, undefined)} ${btf('reviewAs', { role: bt(`note_${note.kind}`) })}${note.text ? quote(note.text) : ''}`;
    }
    out.push({ ...base, text: text.trim() });
  }
  // A credit with no caption before it (a photo credited but not captioned).
  notes.forEach((note, i) => {
    if (note.kind === 'credit' && notes[i - 1]?.kind !== 'caption') {
      out.push({
        line: note.line, note: 'credit', rule: note.rule, why: why(note.rule), flags: [], corrected: false, roles: [], splits: [], joinPrev: false, runInToText: false,
        text: `${lineLabel(note.line, undefined)} ${btf('reviewAs', { role: bt('note_credit') })}${note.text ? quote(note.text) : ''}`,
      });
    }
  });
  return out;
}

/** The review of the bin item `id`, or null when it is not in the bin or has no record. */
export function reviewOf(state: EditorState, id: string): Review | null {
  const item = findBinItem(activeScope(state), id);
  if (!item) return null;
  const record = recordOf(item.node.attrs);
  if (!record) return null;
  const isStory = item.node.type.name === 'story';
  const live = isStory && reviewedStory(state.doc, id) !== null;
  const nodes = isStory && isAligned(item.node, record) ? storyParts(item.node, item.pos).map((p) => p.node) : [];
  const entries = [
    ...noteEntries(record.notes),
    ...record.parts.map((_, i) => partEntry(state, id, record, i, nodes[i] ?? null, live)),
  ];
  // Source order; parts intake made up (no line) stay after the part before them.
  let previous = 0;
  const keyed = entries.map((e, i) => {
    const key = e.line > 0 ? e.line : previous;
    if (e.part !== undefined) previous = key;
    return { e, key, i };
  });
  keyed.sort((a, b) => a.key - b.key || a.i - b.i);
  return { id, kind: item.node.type.name, stale: isStory && !live && record.parts.length > 0, entries: keyed.map((k) => k.e) };
}
