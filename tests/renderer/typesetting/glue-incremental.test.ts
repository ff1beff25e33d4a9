import type { Node } from 'prosemirror-model';
import { EditorState } from 'prosemirror-state';
import type { Transaction } from 'prosemirror-state';
import type { DecorationSet } from 'prosemirror-view';
import { describe, expect, it } from 'vitest';
import { schema } from '../../../shared/model/schema';
import { glueDecorations, gluePlugin, gluePluginKey } from '../../../renderer/typesetting/glue-plugin';

function page(...texts: string[]): Node {
  return schema.node('page', null, [
    schema.node('story', { id: 's1', cols: 2, lines: 20 }, [
      schema.node('byline', null, [schema.text('记者 15000人')]),
      schema.node('body', null, texts.map((t) => schema.node('paragraph', null, [schema.text(t)]))),
    ]),
  ]);
}

/** The decorations as comparable text: kind, range, class (widgets: their key). */
function listed(set: DecorationSet): string[] {
  return set
    .find()
    .map((d) => {
      const attrs = (d as unknown as { type: { attrs?: { class?: string } } }).type.attrs;
      return `${d.from}-${d.to}:${attrs?.class ?? (d.spec as { key?: string }).key}`;
    })
    .sort();
}

/** The body paragraphs' text start positions. */
function starts(doc: Node): number[] {
  const out: number[] = [];
  doc.descendants((n, pos) => {
    if (n.type.name === 'paragraph') out.push(pos + 1);
    return true;
  });
  return out;
}

describe('glue decorations after an edit (mapped, changed paragraphs redone)', () => {
  const edits: [string, (s: EditorState) => Transaction][] = [
    ['type inside a figure and its unit', (s) => s.tr.insertText('0', starts(s.doc)[0]! + 4)],
    ['type after a closing quote', (s) => s.tr.insertText('甲', starts(s.doc)[1]! + 3)],
    ['type a unit after a figure', (s) => s.tr.insertText('万元', starts(s.doc).at(-1)! + 5)],
    ['delete across two paragraphs', (s) => s.tr.delete(starts(s.doc)[0]! + 2, starts(s.doc)[1]! + 2)],
    ['split a paragraph inside a glued run', (s) => s.tr.split(starts(s.doc)[0]! + 3)],
    ['join two paragraphs', (s) => s.tr.join(starts(s.doc).at(-1)! - 1)],
    ['turn a paragraph into a crosshead', (s) => s.tr.setNodeMarkup(starts(s.doc)[1]! - 1, schema.nodes['crosshead']!)],
    ['type in the byline (not a body paragraph)', (s) => s.tr.insertText('2', 5)],
  ];
  for (const [what, edit] of edits) {
    it(`equals the whole page recomputed: ${what}`, () => {
      let state = EditorState.create({ doc: page('有15000人参加——会议', '他说：“好”“对”的', '增长2.3万元，同比'), plugins: [gluePlugin()] });
      // Several edits in a row, each from the state the last left, while there is a place for one.
      for (let i = 0; i < 3 && starts(state.doc).length >= 2; i++) {
        state = state.apply(edit(state));
        expect(listed(gluePluginKey.getState(state)!)).toEqual(listed(glueDecorations(state.doc)));
      }
    });
  }
});
