/**
 * A story as a flat list of text parts — kicker, headline, subheadline,
 * byline, then each paragraph or crosshead of its body — the view the intake
 * record and its corrections work on, and the way back from a list of parts
 * with new roles to story content valid in the schema.
 */
import { Fragment } from 'prosemirror-model';
import type { Node } from 'prosemirror-model';
import type { IntakeRecord, PartRole } from './record';
import { PART_ROLES } from './record';

/** One text part of a story. */
export interface StoryPart {
  role: PartRole;
  node: Node;
  /** Absolute position before the part's node. */
  pos: number;
}

function isPartRole(name: string): name is PartRole {
  return (PART_ROLES as readonly string[]).includes(name);
}

/** The story's text parts in document order; `storyPos` is the position before the story. */
export function storyParts(story: Node, storyPos: number): StoryPart[] {
  const out: StoryPart[] = [];
  story.forEach((child, offset) => {
    const childPos = storyPos + 1 + offset;
    if (child.type.name === 'headgroup' || child.type.name === 'body') {
      child.forEach((part, partOffset) => {
        if (isPartRole(part.type.name)) out.push({ role: part.type.name, node: part, pos: childPos + 1 + partOffset });
      });
    } else if (isPartRole(child.type.name)) {
      out.push({ role: child.type.name, node: child, pos: childPos });
    }
  });
  return out;
}

/** Whether the record still describes the story part by part (same count, same roles). */
export function isAligned(story: Node, record: IntakeRecord): boolean {
  const parts = storyParts(story, 0);
  return parts.length === record.parts.length && parts.every((p, i) => p.role === record.parts[i]!.role);
}

/** Reading rank of a role: heads, then the byline, then the body. */
const RANK: Record<PartRole, number> = { kicker: 0, headline: 1, subheadline: 2, byline: 3, crosshead: 4, paragraph: 4 };

/**
 * The order the parts take with these roles: by rank, keeping their order
 * within a rank. Null when that order is not a story: a head role twice, a
 * kicker or subheadline without a headline, no body, or heads or body parts
 * that would have to change places with each other (only a byline may move,
 * as a byline at a story's end belongs under its heads).
 */
export function orderParts(roles: readonly PartRole[]): number[] | null {
  const seen = new Set<PartRole>();
  let lastRank = -1;
  let body = 0;
  for (const role of roles) {
    if (role === 'paragraph' || role === 'crosshead') body++;
    else if (seen.has(role)) return null;
    seen.add(role);
    if (role === 'byline') continue;
    if (RANK[role] < lastRank) return null;
    lastRank = RANK[role];
  }
  if (body === 0) return null;
  if ((seen.has('kicker') || seen.has('subheadline')) && !seen.has('headline')) return null;
  return roles.map((_, i) => i).sort((a, b) => RANK[roles[a]!] - RANK[roles[b]!] || a - b);
}

/**
 * The story's content with each part given the role in `roles` (one per
 * part, document order) and the parts in `order` (from {@link orderParts}).
 * A part keeping its role keeps its node; a part changing role keeps its
 * text and marks and takes the new type's default attributes. The head group
 * and body keep their attributes.
 */
export function storyContent(story: Node, roles: readonly PartRole[], order: readonly number[]): Fragment {
  const parts = storyParts(story, 0);
  if (parts.length !== roles.length || order.length !== roles.length) throw new RangeError(`expected ${parts.length} roles, got ${roles.length}`);
  const schema = story.type.schema;
  const node = (i: number): Node => {
    const part = parts[i]!;
    const role = roles[i]!;
    if (part.role === role) return part.node;
    return schema.nodes[role]!.create(null, part.node.content);
  };
  let headgroup: Node | null = null;
  let body: Node | null = null;
  story.forEach((child) => {
    if (child.type.name === 'headgroup') headgroup = child;
    if (child.type.name === 'body') body = child;
  });
  const heads: Node[] = [];
  const bodyParts: Node[] = [];
  let byline: Node | null = null;
  for (const i of order) {
    const role = roles[i]!;
    if (role === 'byline') byline = node(i);
    else if (RANK[role] < RANK.byline) heads.push(node(i));
    else bodyParts.push(node(i));
  }
  const content: Node[] = [];
  if (heads.length > 0) {
    const group = headgroup as Node | null;
    content.push(group ? group.type.create(group.attrs, heads) : schema.nodes['headgroup']!.create(null, heads));
  }
  if (byline) content.push(byline);
  const oldBody = body as Node | null;
  content.push(oldBody ? oldBody.type.create(oldBody.attrs, bodyParts) : schema.nodes['body']!.create(null, bodyParts));
  return Fragment.from(content);
}
