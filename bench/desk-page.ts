/**
 * The desk's test page and typists, shared by the desk tests and the load
 * bench: users of each role, a page of stories, typing at a story's end,
 * waiting until clients agree.
 */
import type { Node } from 'prosemirror-model';
import type { EditorState } from 'prosemirror-state';
import { schema } from '../shared/model/schema';
import type { DeskUsersFile } from '../electron/node/desk/desk-users';
import type { NodeDeskClient } from '../electron/node/desk/desk-client';

export const USERS: DeskUsersFile = {
  users: [
    { name: 'mei', role: 'layout', token: 'token-of-mei-0000000', stories: [] },
    { name: 'sub1', role: 'subeditor', token: 'token-of-sub1-000000', stories: [] },
    { name: 'sub2', role: 'subeditor', token: 'token-of-sub2-000000', stories: [] },
    { name: 'sub3', role: 'subeditor', token: 'token-of-sub3-000000', stories: [] },
    { name: 'rep', role: 'reporter', token: 'token-of-rep-0000000', stories: ['s3'] },
    ...Array.from({ length: 20 }, (_, i) => ({ name: `bench${i}`, role: 'subeditor' as const, token: `token-of-bench-${i}-00000`, stories: [] })),
  ],
  idleMinutes: 10,
  goneSeconds: 60,
};

/** A page with `n` stories s1…sn side by side, each one paragraph "·". */
export function pageWithStories(n: number): Node {
  const stories = Array.from({ length: n }, (_, i) =>
    schema.node('story', { id: `s${i + 1}`, col: i % 8, line: 10 * Math.floor(i / 8), cols: 1, lines: 10 }, [
      schema.node('body', null, [schema.node('paragraph', null, [schema.text('·')])]),
    ]),
  );
  return schema.node('page', null, stories);
}

/** The position of a story (a block with that id: a page's child, or a page's child in an edition). */
export function storyPos(doc: Node, id: string): number {
  let found = -1;
  doc.descendants((node, pos) => {
    if (found >= 0) return false;
    if (node.attrs['id'] === id) {
      found = pos;
      return false;
    }
    // Only pages hold blocks: no need to look inside a block.
    return node.type.name === 'page';
  });
  if (found < 0) throw new RangeError(`no story ${id}`);
  return found;
}

/** The text of a story. */
export function storyText(doc: Node, id: string): string {
  const node = doc.nodeAt(storyPos(doc, id))!;
  return node.textContent;
}

/** End of the story's last paragraph (where typing goes). */
export function storyEnd(doc: Node, id: string): number {
  const pos = storyPos(doc, id);
  const node = doc.nodeAt(pos)!;
  let end = -1;
  node.descendants((child, at) => {
    if (child.isTextblock) end = pos + 1 + at + child.nodeSize - 1;
    return !child.isTextblock;
  });
  if (end < 0) throw new RangeError(`story ${id} has no paragraph`);
  return end;
}

/** Types `text` one character per transaction at the end of a story. */
export function typeInto(client: NodeDeskClient, id: string, text: string): void {
  for (const ch of text) client.edit((state: EditorState) => state.tr.insertText(ch, storyEnd(state.doc, id)));
}

/** Waits until every client is online, has sent everything and all are at the same version. */
export async function settle(clients: NodeDeskClient[], timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const versions = new Set(clients.map((c) => c.version));
    if (clients.every((c) => c.synced && c.session.online) && versions.size === 1) return;
    if (Date.now() > deadline) throw new Error(`clients did not settle: versions ${clients.map((c) => `${c.version}${c.synced ? '' : '*'}`).join(', ')}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
