import { describe, expect, it } from 'vitest';
import type { Node } from 'prosemirror-model';
import { EditorState } from 'prosemirror-state';
import { DocAttrStep } from 'prosemirror-transform';
import { stepOwner } from '../../../shared/desk/step-owner';
import { judgeStep } from '../../../shared/desk/rules';
import type { DeskActor } from '../../../shared/desk/rules';
import { schema } from '../../../shared/model/schema';
import { pageWithStories, storyEnd, storyPos } from '../../../bench/desk-page';

const doc = pageWithStories(3);
const owners = (tr: EditorState['tr']) => tr.steps.map((step, i) => stepOwner(step, tr.docs[i]!));

describe('stepOwner', () => {
  const state = EditorState.create({ doc });

  it('says typing, deleting and restyling inside a story touch that story’s text', () => {
    expect(owners(state.tr.insertText('字', storyEnd(doc, 's2')))).toEqual([{ kind: 'text', block: 's2' }]);
    const end = storyEnd(doc, 's1');
    expect(owners(state.tr.delete(end - 1, end))).toEqual([{ kind: 'text', block: 's1' }]);
    const paragraph = storyPos(doc, 's3') + 2;
    expect(owners(state.tr.setNodeAttribute(paragraph, 'style', 'lead'))).toEqual([{ kind: 'text', block: 's3' }]);
    expect(owners(state.tr.setNodeMarkup(paragraph, undefined, { style: 'lead' }))).toEqual([{ kind: 'text', block: 's3' }]);
  });

  it('says moving, resizing, deleting blocks, edits across stories and page settings are layout', () => {
    const pos = storyPos(doc, 's2');
    expect(owners(state.tr.setNodeAttribute(pos, 'col', 3))).toEqual([{ kind: 'layout' }]);
    expect(owners(state.tr.setNodeMarkup(pos, undefined, { ...doc.nodeAt(pos)!.attrs, lines: 4 }))).toEqual([{ kind: 'layout' }]);
    expect(owners(state.tr.delete(pos, pos + doc.nodeAt(pos)!.nodeSize))).toEqual([{ kind: 'layout' }]);
    expect(owners(state.tr.delete(storyEnd(doc, 's1') - 1, storyEnd(doc, 's2')))).toEqual([{ kind: 'layout' }]);
    expect(stepOwner(new DocAttrStep('settings', doc.attrs['settings']), doc)).toEqual({ kind: 'layout' });
    expect(owners(state.tr.insert(0, schema.node('story', { id: 'new' }, [schema.node('body', null, [schema.node('paragraph')])])))).toEqual([{ kind: 'layout' }]);
  });
});

describe('stepOwner in an edition (decision 0028)', () => {
  // Two pages: s1…s3 on page 1, the same ids renamed t1…t3 on page 2; a story is a page's child (depth 2).
  const renamed: Node[] = [];
  pageWithStories(3).forEach((story) => renamed.push(story.type.create({ ...story.attrs, id: String(story.attrs['id']).replace('s', 't') }, story.content)));
  const page2 = schema.node('page', null, renamed);
  const edition = schema.node('edition', null, [pageWithStories(3), page2]);
  const state = EditorState.create({ doc: edition });

  it('finds the story a step on page 2 touches', () => {
    expect(owners(state.tr.insertText('字', storyEnd(edition, 't2')))).toEqual([{ kind: 'text', block: 't2' }]);
    const end = storyEnd(edition, 't3');
    expect(owners(state.tr.delete(end - 1, end))).toEqual([{ kind: 'text', block: 't3' }]);
  });

  it('says a block’s geometry, a page’s settings and an edit across pages are layout', () => {
    expect(owners(state.tr.setNodeAttribute(storyPos(edition, 't1'), 'col', 3))).toEqual([{ kind: 'layout' }]);
    const second = edition.child(0).nodeSize;
    expect(owners(state.tr.setNodeAttribute(second, 'settings', edition.child(1).attrs['settings']))).toEqual([{ kind: 'layout' }]);
    expect(owners(state.tr.delete(storyEnd(edition, 's3') - 1, storyEnd(edition, 't1')))).toEqual([{ kind: 'layout' }]);
  });
});

describe('judgeStep', () => {
  const layout: DeskActor = { user: 'mei', role: 'layout', stories: [] };
  const sub: DeskActor = { user: 'sub1', role: 'subeditor', stories: [] };
  const rep: DeskActor = { user: 'rep', role: 'reporter', stories: ['s3'] };
  const text = (block: string) => ({ kind: 'text' as const, block });

  it('gives geometry to the layout role only', () => {
    expect(judgeStep({ kind: 'layout' }, layout, {})).toEqual({ ok: true, checkout: null });
    expect(judgeStep({ kind: 'layout' }, sub, {})).toMatchObject({ ok: false, code: 'layout-only' });
    expect(judgeStep({ kind: 'layout' }, rep, {})).toMatchObject({ ok: false, code: 'layout-only' });
  });

  it('gives a story’s text to whoever has it checked out, taking it when free', () => {
    expect(judgeStep(text('s1'), sub, {})).toEqual({ ok: true, checkout: 's1' });
    expect(judgeStep(text('s1'), sub, { s1: 'sub1' })).toEqual({ ok: true, checkout: 's1' });
    const refused = judgeStep(text('s1'), layout, { s1: 'sub1' });
    expect(refused).toMatchObject({ ok: false, code: 'checked-out', block: 's1', holder: 'sub1' });
  });

  it('lets a reporter edit only its own stories', () => {
    expect(judgeStep(text('s3'), rep, {})).toEqual({ ok: true, checkout: 's3' });
    expect(judgeStep(text('s1'), rep, {})).toMatchObject({ ok: false, code: 'not-your-story', block: 's1' });
    expect(judgeStep(text('s3'), rep, { s3: 'sub1' })).toMatchObject({ ok: false, code: 'checked-out' });
  });
});
