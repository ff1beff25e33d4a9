/**
 * References by block id across an edition, resolved to pages: where each
 * block is, what each 导读 item points at and which page that is (详见第N版),
 * and the 转版 chains with their jump lines (（下转第N版）, （上接第N版）).
 * Page numbers are always computed here from where blocks are, never stored
 * as the truth.
 */
import type { Node } from 'prosemirror-model';

/** Where a block of the edition is. */
export interface BlockPlace {
  node: Node;
  /** Folio of its page (1-based); 0 for a block in the edition's story bin. */
  folio: number;
  /** False when it lies in the edition's story bin. */
  placed: boolean;
  /** Document position of the block in the edition node. */
  pos: number;
}

/** Every block with an id, by id; the first one wins when ids repeat (validation reports that). */
export function locateBlocks(edition: Node): Map<string, BlockPlace> {
  const found = new Map<string, BlockPlace>();
  const visit = (node: Node, pos: number, folio: number) => {
    const id = node.attrs['id'];
    if (typeof id === 'string' && id !== '' && !found.has(id)) found.set(id, { node, folio, placed: folio > 0, pos });
  };
  // Pages first, then the bin after them (`edition > page+ bin?`).
  edition.forEach((child, childOffset, index) => {
    const start = childOffset + 1;
    if (child.type.name === 'bin') child.forEach((item, itemOffset) => visit(item, start + itemOffset, 0));
    else child.forEach((block, blockOffset) => visit(block, start + blockOffset, index + 1));
  });
  return found;
}

/** The headline text of a story, or '' when it has none. */
export function storyHeadline(story: Node): string {
  let text = '';
  story.forEach((child) => {
    if (child.type.name !== 'headgroup') return;
    child.forEach((line) => {
      if (line.type.name === 'headline') text = line.textContent;
    });
  });
  return text;
}

/** What a 导读 item's reference resolves to. */
export type TeaserState =
  /** Bound to a story placed on a page. */
  | 'ok'
  /** Not bound to a story: its page is whatever was typed. */
  | 'unbound'
  /** Its story is not in the edition (deleted). */
  | 'missing'
  /** Its story lies in the edition's story bin, not on a page. */
  | 'binned'
  /** It names a block that is not a story. */
  | 'not-a-story';

export interface TeaserReference {
  /** Folio of the page holding the 导读 box. */
  folio: number;
  /** Id of the teaser block. */
  teaserId: string;
  /** Index of the item in its teaser, 0-based. */
  index: number;
  /** Document position of the item. */
  pos: number;
  /** The item's text (the short title the editor may shorten). */
  text: string;
  /** Id of the story it points at ('' when unbound). */
  story: string;
  /** The target story's headline ('' when there is no target). */
  headline: string;
  /** Folio of the page the story is on, or null when it is not on one. */
  page: number | null;
  state: TeaserState;
}

/** Every 导读 item placed on a page of the edition, with where its story is. */
export function teaserReferences(edition: Node, blocks: Map<string, BlockPlace> = locateBlocks(edition)): TeaserReference[] {
  const out: TeaserReference[] = [];
  for (const [teaserId, place] of blocks) {
    if (place.node.type.name !== 'teaser' || !place.placed) continue;
    place.node.forEach((item, offset, index) => {
      const story = String(item.attrs['story'] ?? '');
      const target = story === '' ? undefined : blocks.get(story);
      let state: TeaserState = 'ok';
      if (story === '') state = 'unbound';
      else if (!target) state = 'missing';
      else if (target.node.type.name !== 'story') state = 'not-a-story';
      else if (!target.placed) state = 'binned';
      out.push({
        folio: place.folio,
        teaserId,
        index,
        pos: place.pos + 1 + offset,
        text: item.textContent,
        story,
        headline: target && target.node.type.name === 'story' ? storyHeadline(target.node) : '',
        page: state === 'ok' ? target!.folio : null,
        state,
      });
    });
  }
  return out.sort((a, b) => a.pos - b.pos);
}

/** The 导读 item's page reference as printed: `详见第3版`, or '' when it has none. */
export function teaserPageText(page: number | null): string {
  return page === null ? '' : `详见第${page}版`;
}

/** One part of a story that jumps: the head story or a continuation. */
export interface JumpPart {
  /** Block id of this part. */
  blockId: string;
  /** Block id of the story the chain starts with. */
  story: string;
  /** Folio of the page this part is on. */
  folio: number;
  /** Folio of the page the previous part is on (上接), or null for the head. */
  from: number | null;
  /** Folio of the page the next part is on (下转), or null for the last part. */
  to: number | null;
}

/** A continuation whose `continues` cannot be followed. */
export interface BrokenJump {
  blockId: string;
  continues: string;
  reason: 'missing' | 'not-a-story' | 'cycle' | 'branch' | 'unplaced';
}

export interface JumpChains {
  /** Every part of every placed chain of two or more parts, chain by chain, head first. */
  parts: JumpPart[];
  broken: BrokenJump[];
}

/**
 * The 转版 chains of the edition. A story block with `continues` set is a
 * continuation of the block with that id; a chain is a head story and its
 * continuations, each naming the one before. Broken links (a missing or
 * binned target, a cycle, two continuations of one part) are reported and
 * leave the continuation out of any chain.
 */
export function jumpChains(edition: Node, blocks: Map<string, BlockPlace> = locateBlocks(edition)): JumpChains {
  const next = new Map<string, string>();
  const broken: BrokenJump[] = [];
  const continuations: [string, string][] = [];
  for (const [id, place] of blocks) {
    if (place.node.type.name !== 'story') continue;
    const continues = String(place.node.attrs['continues'] ?? '');
    if (continues === '') continue;
    const target = blocks.get(continues);
    if (!place.placed) continue; // a continuation in the bin takes no part
    if (!target) broken.push({ blockId: id, continues, reason: 'missing' });
    else if (target.node.type.name !== 'story') broken.push({ blockId: id, continues, reason: 'not-a-story' });
    else if (!target.placed) broken.push({ blockId: id, continues, reason: 'unplaced' });
    else if (next.has(continues)) broken.push({ blockId: id, continues, reason: 'branch' });
    else {
      next.set(continues, id);
      continuations.push([id, continues]);
    }
  }
  const isContinuation = new Set(continuations.map(([id]) => id));
  const parts: JumpPart[] = [];
  const seen = new Set<string>();
  for (const [id, place] of blocks) {
    if (!place.placed || place.node.type.name !== 'story' || isContinuation.has(id) || !next.has(id)) continue;
    const chain: string[] = [id];
    seen.add(id);
    let cur = next.get(id);
    while (cur !== undefined && !seen.has(cur)) {
      chain.push(cur);
      seen.add(cur);
      cur = next.get(cur);
    }
    chain.forEach((blockId, i) => {
      const prev = i > 0 ? blocks.get(chain[i - 1]!)! : null;
      const following = i + 1 < chain.length ? blocks.get(chain[i + 1]!)! : null;
      parts.push({ blockId, story: id, folio: blocks.get(blockId)!.folio, from: prev?.folio ?? null, to: following?.folio ?? null });
    });
  }
  // Continuations never reached from a head are in a cycle.
  for (const [id, continues] of continuations) if (!seen.has(id)) broken.push({ blockId: id, continues, reason: 'cycle' });
  return { parts, broken };
}

/** The jump line at the end of a part that continues elsewhere: `（下转第3版）`. */
export function jumpToText(folio: number): string {
  return `（下转第${folio}版）`;
}

/** The jump line at the head of a continuation: `（上接第1版）`. */
export function jumpFromText(folio: number): string {
  return `（上接第${folio}版）`;
}
