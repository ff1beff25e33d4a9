/**
 * Builds the intake record of a draft from the recogniser's decisions and
 * the story block made of it: one part per text part of the block, and
 * notes for what went elsewhere (label, photos, teaser items).
 */
import type { Node } from 'prosemirror-model';
import type { IntakeNote, IntakePart, IntakeRecord } from './record';
import { noteText } from './record';
import { storyParts } from './review-parts';
import type { BodyItem, Decision, StoryDraft } from './types';

/** Last source line of the hard-wrapped lines joined into each decided line. */
function wrappedEnds(decisions: readonly Decision[]): Map<number, number> {
  const ends = new Map<number, number>();
  let main: number | null = null;
  for (const d of decisions) {
    if (d.rule !== 'paragraph.unwrapped') main = d.line;
    else if (main !== null) ends.set(main, Math.max(ends.get(main) ?? main, d.line));
  }
  return ends;
}

function notes(draft: StoryDraft, decisions: readonly Decision[]): IntakeNote[] {
  const out: IntakeNote[] = [];
  const credited = draft.photos.filter((p) => p.credit);
  let creditIndex = 0;
  for (const d of decisions) {
    if (d.rule === 'paragraph.unwrapped') continue;
    const photo = draft.photos.find((p) => p.sourceLine === d.line);
    if (d.role === 'label') out.push({ kind: 'label', rule: d.rule, line: d.line, text: draft.label ?? '' });
    else if (d.role === 'caption') out.push({ kind: 'caption', rule: d.rule, line: d.line, text: photo?.caption ?? '' });
    else if (d.role === 'credit') {
      const credit = credited[creditIndex++]?.credit;
      out.push({ kind: 'credit', rule: d.rule, line: d.line, text: credit ? credit.people.map((p) => p.name).join('、') : '' });
    } else if (d.role === 'photo') out.push({ kind: 'photo', rule: d.rule, line: d.line, text: photo?.image?.alt ?? '' });
    else if (d.role === 'teaser') out.push({ kind: 'teaser', rule: d.rule, line: d.line, text: draft.teasers.find((t) => t.sourceLine === d.line)?.text ?? '' });
    else if (draft.kind === 'photo' && (d.role === 'kicker' || d.role === 'headline' || d.role === 'subheadline')) {
      // A photo's head lines become a title label over it.
      out.push({ kind: 'title', rule: d.rule, line: d.line, text: draft[d.role] ?? '' });
    }
  }
  return out.map((n) => ({ ...n, text: noteText(n.text) }));
}

function bodyPart(item: BodyItem | undefined, node: Node, decisions: readonly Decision[], ends: Map<number, number>): IntakePart {
  if (!item) return { role: node.type.name === 'crosshead' ? 'crosshead' : 'paragraph', rule: 'paragraph.body', lines: [] };
  const first = item.sourceLines[0];
  const decided = decisions.find((d) => d.line === first && (d.role === 'paragraph' || d.role === 'crosshead'));
  const part: IntakePart = {
    role: item.kind,
    rule: decided?.rule ?? (item.kind === 'crosshead' ? 'crosshead.short-line' : 'paragraph.body'),
    lines: [...item.sourceLines],
  };
  const end = Math.max(...item.sourceLines.map((l) => ends.get(l) ?? l));
  if (end > Math.max(...item.sourceLines)) part.end = end;
  if (item.fixes) {
    if (item.fixes.marks) part.marks = item.fixes.marks;
    if (item.fixes.spaces) part.spaces = item.fixes.spaces;
  }
  // The node's text may open with a run-in byline the item's text does not hold.
  const prefix = node.textContent.length - item.text.length;
  if (item.joins && prefix >= 0) {
    part.joins = item.joins.map((j) => j + prefix);
    part.chars = node.textContent.length;
  }
  return part;
}

/**
 * The record of a draft. `story` is the story block made of it (null for a
 * photo or teaser draft, whose record holds notes only); `decisions` are the
 * recogniser's decisions about this draft, in order.
 */
export function draftRecord(draft: StoryDraft, decisions: readonly Decision[], story: Node | null): IntakeRecord {
  const record: IntakeRecord = { parts: [], notes: notes(draft, decisions) };
  if (!story) return record;
  const ends = wrappedEnds(decisions);
  const head = (role: 'kicker' | 'headline' | 'subheadline' | 'byline'): IntakePart => {
    const d = decisions.find((x) => x.role === role);
    const rule = d?.rule ?? (role === 'byline' ? 'byline.standalone' : 'head.single');
    const part: IntakePart = { role, rule, lines: d ? [d.line] : [] };
    const end = d && ends.get(d.line);
    if (end) part.end = end;
    return part;
  };
  const runIn = draft.byline?.runIn ? decisions.find((d) => d.role === 'byline') : undefined;
  let bodyIndex = 0;
  for (const p of storyParts(story, 0)) {
    if (p.role === 'paragraph' || p.role === 'crosshead') {
      const part = bodyPart(draft.body[bodyIndex++], p.node, decisions, ends);
      if (runIn && p.node.firstChild?.marks.some((m) => m.type.name === 'dateline')) {
        part.runIn = 'byline';
        part.runInLine = runIn.line;
      }
      record.parts.push(part);
    } else {
      record.parts.push(head(p.role));
    }
  }
  return record;
}
