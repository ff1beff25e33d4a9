/**
 * 转版 live flow, the pure part (docs/decisions/0030-live-jump-flow.md): the
 * parts of a jump chain are threaded frames. Each character lives once, in
 * one part's body; a part that overflows pushes its tail (from the first
 * character that does not fit) to the head of the next part's body, and a
 * part with room pulls the next part's first paragraph back. A paragraph cut
 * at a part boundary stays one paragraph: its first piece says `runOn`, its
 * second `runIn`, and moving text back across the boundary joins them again.
 *
 * What fits is measured by the renderer (renderer/editor/flow-plugin.ts);
 * these transforms only move text, on any Transform, in any order of pages.
 */
import type { Node } from 'prosemirror-model';
import { Fragment } from 'prosemirror-model';
import type { Transform } from 'prosemirror-transform';

/** A story's body in a document: the node and the position before it. */
export interface PartBody {
  node: Node;
  /** Position before the body node. */
  pos: number;
}

/** Text moved by a push or a pull, and where a position inside it went. */
export interface FlowMove {
  /** Characters moved (code points). */
  chars: number;
  /** The document range (before the move) of the text that moved. */
  from: number;
  to: number;
  /** Where a position of [from, to] (before the move) is after it (in `tr.doc`). */
  relocate(pos: number): number;
}

/** The body of the story at `storyPos`, or null when there is none. */
export function partBody(doc: Node, storyPos: number): PartBody | null {
  const story = doc.nodeAt(storyPos);
  if (!story || story.type.name !== 'story') return null;
  let found: PartBody | null = null;
  story.forEach((child, offset) => {
    if (child.type.name === 'body') found = { node: child, pos: storyPos + 1 + offset };
  });
  return found;
}

const codePoints = (node: Node | Fragment): number => {
  let n = 0;
  (node instanceof Fragment ? node : node.content).forEach(function count(child: Node) {
    if (child.isText) n += Array.from(child.text ?? '').length;
    else child.content.forEach(count);
  });
  return n;
};

function withFlags(node: Node, flags: { runIn?: boolean; runOn?: boolean }, content: Fragment = node.content): Node {
  if (node.type.name !== 'paragraph') return node.type.create(node.attrs, content, node.marks);
  return node.type.create({ ...node.attrs, ...flags }, content, node.marks);
}

/**
 * Moves the text of part `fromStory`'s body from `cut` to the body's end to
 * the head of part `toStory`'s body. A cut inside a paragraph splits it: the
 * piece left says `runOn`, the piece moved `runIn` (a cut inside a crosshead
 * moves the whole crosshead). When the moved text ends in a piece that runs
 * on into the next part's first paragraph, the two are joined. Returns null
 * (and changes nothing) when there is nothing to move or the cut would
 * leave the part empty.
 */
export function pushTail(tr: Transform, fromStory: number, cut: number, toStory: number): FlowMove | null {
  const a = partBody(tr.doc, fromStory);
  const b = partBody(tr.doc, toStory);
  if (!a || !b) return null;
  const aStart = a.pos + 1;
  const aEnd = a.pos + a.node.nodeSize - 1;
  if (cut <= aStart || cut >= aEnd) return null;
  const $cut = tr.doc.resolve(cut);
  const bodyDepth = tr.doc.resolve(aStart).depth;
  if ($cut.depth < bodyDepth || $cut.node(bodyDepth) !== a.node) return null;
  let index = $cut.index(bodyDepth);
  let offset = $cut.depth > bodyDepth ? $cut.parentOffset : 0;
  const inPara = $cut.depth > bodyDepth ? $cut.parent : null;
  // A cut at a block's end moves from the next block; inside a crosshead, the whole crosshead.
  if (inPara && offset === inPara.content.size) {
    index++;
    offset = 0;
  } else if (inPara && inPara.type.name !== 'paragraph') offset = 0;
  if (index >= a.node.childCount) return null;
  if (index === 0 && offset === 0) return null;
  let paraPos = aStart;
  for (let i = 0; i < index; i++) paraPos += a.node.child(i).nodeSize;
  const start = offset > 0 ? paraPos + 1 + offset : paraPos;

  const moved: Node[] = [];
  for (let i = index; i < a.node.childCount; i++) {
    const node = a.node.child(i);
    moved.push(i === index && offset > 0 ? withFlags(node, { runIn: true }, node.content.cut(offset)) : node);
  }
  const last = moved[moved.length - 1]!;
  const head = b.node.firstChild!;
  const join = last.attrs['runOn'] === true && head.type.name === 'paragraph' && head.attrs['runIn'] === true;
  if (join) moved[moved.length - 1] = withFlags(last, { runOn: head.attrs['runOn'] === true }, last.content.append(head.content));
  else if (last.attrs['runOn'] === true) moved[moved.length - 1] = withFlags(last, { runOn: false });
  const chars = codePoints(Fragment.fromArray(moved)) - (join ? codePoints(head) : 0);

  // The next part first (its place may be before or after this part in the document).
  const bStart = b.pos + 1;
  const k0 = tr.steps.length;
  if (join) tr.replaceWith(bStart, bStart + head.nodeSize, moved);
  else tr.insert(bStart, moved);
  const k1 = tr.steps.length;
  const m = tr.mapping.slice(k0);
  if (offset > 0) {
    const para = a.node.child(index);
    const paraEnd = paraPos + para.nodeSize;
    if (paraEnd < aEnd) tr.delete(m.map(paraEnd), m.map(aEnd));
    tr.delete(m.map(start), m.map(paraEnd - 1));
    tr.setNodeAttribute(m.map(paraPos), 'runOn', true);
  } else {
    tr.delete(m.map(start), m.map(aEnd));
  }
  const inserted = tr.mapping.slice(k1).map(bStart);
  const shift = offset > 0 ? 1 : 0;
  return { chars, from: start, to: aEnd, relocate: (pos) => inserted + shift + (pos - start) };
}

/**
 * Moves the first block of part `fromStory`'s body to the end of part
 * `toStory`'s body (the part before it). A piece that runs in from the
 * paragraph ending `toStory` is joined to it. The body pulled from keeps an
 * empty paragraph when it is emptied. Returns null when it holds no text.
 */
export function pullHead(tr: Transform, toStory: number, fromStory: number): FlowMove | null {
  const a = partBody(tr.doc, toStory);
  const b = partBody(tr.doc, fromStory);
  if (!a || !b) return null;
  if (b.node.textContent === '') return null;
  const head = b.node.firstChild!;
  const last = a.node.lastChild!;
  const aEnd = a.pos + a.node.nodeSize - 1;
  const lastPos = aEnd - last.nodeSize;
  const join = last.type.name === 'paragraph' && last.attrs['runOn'] === true && head.type.name === 'paragraph' && head.attrs['runIn'] === true;
  const emptyA = a.node.childCount === 1 && last.content.size === 0;
  const bStart = b.pos + 1;
  const k0 = tr.steps.length;
  let target: number;
  if (join) {
    target = aEnd - 1;
    tr.insert(target, head.content);
    tr.setNodeAttribute(lastPos, 'runOn', head.attrs['runOn'] === true);
  } else {
    const node = withFlags(head, { runIn: false });
    if (emptyA) {
      tr.replaceWith(lastPos, aEnd, node);
      target = lastPos;
    } else {
      if (last.attrs['runOn'] === true) tr.setNodeAttribute(lastPos, 'runOn', false);
      tr.insert(aEnd, node);
      target = aEnd;
    }
  }
  const k1 = tr.steps.length;
  const m = tr.mapping.slice(k0);
  const from = m.map(bStart);
  const to = m.map(bStart + head.nodeSize);
  if (b.node.childCount === 1) tr.replaceWith(from, to, head.type.schema.nodes['paragraph']!.create());
  else tr.delete(from, to);
  const placed = tr.mapping.slice(k0, k1).map(target, -1);
  const after = tr.mapping.slice(k1);
  // Joined: the piece's text follows the last paragraph's; else the block follows as it was.
  const relocate = (pos: number): number => after.map(join ? placed + Math.max(0, pos - bStart - 1) : placed + (pos - bStart));
  return { chars: codePoints(head), from: bStart, to: bStart + head.nodeSize, relocate };
}

/**
 * Keeps a part's run flags where they mean something: `runIn` only on its
 * first paragraph and only when it continues a part (`isContinuation`),
 * `runOn` only on its last and only when a part follows (`hasNext`). Typing
 * Enter in a cut paragraph splits it with its flags; this takes them off the
 * pieces inside the body. Returns whether it changed anything.
 */
export function tidyRunFlags(tr: Transform, story: number, isContinuation: boolean, hasNext: boolean): boolean {
  const body = partBody(tr.doc, story);
  if (!body) return false;
  let changed = false;
  const n = body.node.childCount;
  body.node.forEach((child, offset, i) => {
    if (child.type.name !== 'paragraph') return;
    const pos = body.pos + 1 + offset;
    if (child.attrs['runIn'] === true && (i > 0 || !isContinuation)) {
      tr.setNodeAttribute(pos, 'runIn', false);
      changed = true;
    }
    if (child.attrs['runOn'] === true && (i < n - 1 || !hasNext)) {
      tr.setNodeAttribute(pos, 'runOn', false);
      changed = true;
    }
  });
  return changed;
}

/**
 * The paragraphs of a chain as a reader reads them: the bodies in chain
 * order, a piece that runs on joined with the piece that runs in. What
 * flowing must never change.
 */
export function chainParagraphs(bodies: readonly Node[]): string[] {
  const out: string[] = [];
  let open = false;
  for (const body of bodies) {
    body.forEach((child) => {
      const text = child.textContent;
      if (open && child.attrs['runIn'] === true) out[out.length - 1] += text;
      else out.push(text);
      open = child.attrs['runOn'] === true;
    });
  }
  return out;
}
