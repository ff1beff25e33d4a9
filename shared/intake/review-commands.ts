/**
 * Corrections of intake's decisions, on a story in the bin or on the page:
 * give a part another role, split a rejoined paragraph where it was joined,
 * join a paragraph to the one before it, turn a run-in byline into plain
 * text. Each is one transaction and one undo step; it changes the story and
 * its intake record together, so the record stays aligned, and leaves the
 * story valid in the schema. Each returns false when it does not apply
 * (no such story, a record no longer aligned with the text, a role the
 * story's structure cannot take).
 */
import type { Node } from 'prosemirror-model';
import type { Command, Transaction } from 'prosemirror-state';
import { binItems } from '../model/bin';
import { asGesture } from '../model/commands/blocks';
import type { IntakePart, IntakeRecord, PartRole } from './record';
import { recordOf } from './record';
import type { StoryPart } from './review-parts';
import { isAligned, orderParts, storyContent, storyParts } from './review-parts';
import { isEdition, pageCount, scopeOf } from '../edition/page-scope';
import type { PageScope } from '../edition/page-scope';

/** A story with an aligned intake record, found by block id. */
interface Reviewed {
  node: Node;
  pos: number;
  record: IntakeRecord;
  parts: StoryPart[];
}

function storyOnPage(scope: PageScope, id: string): { node: Node; pos: number } | null {
  let found: { node: Node; pos: number } | null = null;
  scope.page.forEach((node, pos) => {
    if (!found && node.type.name === 'story' && node.attrs['id'] === id) found = { node, pos: scope.start + pos };
  });
  return found;
}

/** The story with this id, on a page or in the edition's bin, when its record is aligned with it. */
export function reviewedStory(doc: Node, id: string): Reviewed | null {
  if (id === '') return null;
  let found: { node: Node; pos: number } | null = null;
  if (isEdition(doc)) for (let i = 0; i < pageCount(doc) && !found; i++) found = storyOnPage(scopeOf(doc, i), id);
  else found = storyOnPage(scopeOf(doc), id);
  found ??= binItems(doc).find((item) => item.node.attrs['id'] === id) ?? null;
  const hit = found as { node: Node; pos: number } | null;
  if (!hit || hit.node.type.name !== 'story') return null;
  const record = recordOf(hit.node.attrs);
  if (!record || !isAligned(hit.node, record)) return null;
  return { node: hit.node, pos: hit.pos, record, parts: storyParts(hit.node, hit.pos) };
}

/** The correction's transaction with the story's new record, as its own undo step. */
function finish(tr: Transaction, pos: number, record: IntakeRecord): Transaction {
  return asGesture(tr.setNodeAttribute(pos, 'intake', record));
}

/** Position in the document of UTF-16 offset `offset` of a textblock's text (`start` = position of its content). */
function textPosition(block: Node, start: number, offset: number): number {
  let text = 0;
  let pos = start;
  for (let i = 0; i < block.childCount; i++) {
    const child = block.child(i);
    const length = child.isText ? child.text!.length : 0;
    if (offset <= text + length && child.isText) return pos + (offset - text);
    text += length;
    pos += child.nodeSize;
  }
  return pos;
}

/**
 * Gives part `index` of the story the role `role`. A head role or the byline
 * moves the part into the head group or byline slot (only a byline may pass
 * other parts on the way); false when the story's structure cannot take it
 * (a second headline, a kicker without a headline, no body left), for a
 * paragraph opening with a run-in byline (turn that into text first), and
 * when the part has the role already.
 */
export function setPartRole(id: string, index: number, role: PartRole): Command {
  return (state, dispatch) => {
    const story = reviewedStory(state.doc, id);
    const part = story?.record.parts[index];
    if (!story || !part || part.role === role || part.runIn === 'byline') return false;
    const roles = story.record.parts.map((p, i) => (i === index ? role : p.role));
    const order = orderParts(roles);
    if (!order) return false;
    if (dispatch) {
      const content = storyContent(story.node, roles, order);
      const parts = story.record.parts.map((p, i): IntakePart => {
        if (i !== index) return p;
        const changed: IntakePart = { ...p, role };
        // Back to intake's own call: no longer a correction.
        if (p.was === role) delete changed.was;
        else changed.was ??= p.role;
        return changed;
      });
      const record: IntakeRecord = { ...story.record, parts: order.map((i) => parts[i]!) };
      const tr = state.tr.replaceWith(story.pos + 1, story.pos + story.node.nodeSize - 1, content);
      dispatch(finish(tr, story.pos, record));
    }
    return true;
  };
}

/** The part's join offsets, when its text is still the text they were taken on. */
function usableJoins(part: IntakePart, node: Node): number[] | null {
  if (!part.joins || part.joins.length === 0 || part.chars !== node.textContent.length) return null;
  return part.joins;
}

/**
 * Splits body part `index` where its piece `join + 1` was joined on (undoing
 * intake's rejoin of a paragraph broken by a column or page break, or
 * around a lifted caption). The second half is a new part of the same type.
 */
export function splitJoin(id: string, index: number, join: number): Command {
  return (state, dispatch) => {
    const story = reviewedStory(state.doc, id);
    const part = story?.record.parts[index];
    const at = story?.parts[index];
    if (!story || !part || !at || (part.role !== 'paragraph' && part.role !== 'crosshead')) return false;
    const joins = usableJoins(part, at.node);
    const offset = joins?.[join];
    if (!joins || offset === undefined || offset <= 0 || offset >= part.chars!) return false;
    if (dispatch) {
      const before: IntakePart = { ...part, lines: part.lines.slice(0, join + 1), chars: offset, edited: 'split' };
      const after: IntakePart = {
        role: part.role,
        rule: 'paragraph.rejoined',
        lines: part.lines.slice(join + 1),
        chars: part.chars! - offset,
        edited: 'split',
      };
      const restBefore = joins.slice(0, join);
      const restAfter = joins.slice(join + 1).map((j) => j - offset);
      if (restBefore.length) before.joins = restBefore;
      else delete before.joins;
      if (restAfter.length) after.joins = restAfter;
      if (part.end !== undefined) {
        after.end = part.end;
        delete before.end;
      }
      delete before.marks;
      delete before.spaces;
      const record: IntakeRecord = {
        ...story.record,
        parts: [...story.record.parts.slice(0, index), before, after, ...story.record.parts.slice(index + 1)],
      };
      const tr = state.tr.split(textPosition(at.node, at.pos + 1, offset));
      dispatch(finish(tr, story.pos, record));
    }
    return true;
  };
}

/**
 * Joins body part `index` to the body part before it, as one paragraph
 * (or crosshead, the earlier part's type): what intake should have rejoined.
 * False for the first body part and for a part opening with a run-in byline.
 */
export function joinToPrevious(id: string, index: number): Command {
  return (state, dispatch) => {
    const story = reviewedStory(state.doc, id);
    const part = story?.record.parts[index];
    const prev = story?.record.parts[index - 1];
    const isBody = (p: IntakePart | undefined) => p?.role === 'paragraph' || p?.role === 'crosshead';
    if (!story || !part || !prev || !isBody(part) || !isBody(prev) || part.runIn === 'byline') return false;
    if (dispatch) {
      const prevNode = story.parts[index - 1]!.node;
      const node = story.parts[index]!.node;
      const offset = prevNode.textContent.length;
      const prevJoins = usableJoins(prev, prevNode) ?? [];
      const partJoins = (usableJoins(part, node) ?? []).map((j) => j + offset);
      const joined: IntakePart = {
        ...prev,
        lines: [...prev.lines, ...part.lines],
        chars: offset + node.textContent.length,
        edited: 'joined',
      };
      // Offsets are kept only where both halves still have one for each of their pieces.
      const whole = (p: IntakePart, joins: number[]) => p.lines.length > 0 && p.lines.length === joins.length + 1;
      if (whole(prev, prevJoins) && whole(part, partJoins)) joined.joins = [...prevJoins, offset, ...partJoins];
      else delete joined.joins;
      const end = Math.max(part.end ?? 0, prev.end ?? 0);
      if (end > 0) joined.end = end;
      const record: IntakeRecord = {
        ...story.record,
        parts: [...story.record.parts.slice(0, index - 1), joined, ...story.record.parts.slice(index + 1)],
      };
      const tr = state.tr.join(story.parts[index]!.pos);
      dispatch(finish(tr, story.pos, record));
    }
    return true;
  };
}

/**
 * Turns the run-in byline opening part `index` (本报讯（记者 X）…) into plain
 * text of the paragraph: the `dateline` mark is removed, the text stays.
 */
export function runInToText(id: string, index: number): Command {
  return (state, dispatch) => {
    const story = reviewedStory(state.doc, id);
    const part = story?.record.parts[index];
    const at = story?.parts[index];
    const dateline = state.schema.marks['dateline'];
    if (!story || !part || !at || !dateline || part.runIn !== 'byline') return false;
    if (dispatch) {
      const tr = state.tr.removeMark(at.pos + 1, at.pos + at.node.nodeSize - 1, dateline);
      const record: IntakeRecord = {
        ...story.record,
        parts: story.record.parts.map((p, i) => (i === index ? { ...p, runIn: 'text' as const } : p)),
      };
      dispatch(finish(tr, story.pos, record));
    }
    return true;
  };
}
