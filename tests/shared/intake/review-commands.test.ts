import type { Node } from 'prosemirror-model';
import { history, undo } from 'prosemirror-history';
import { EditorState } from 'prosemirror-state';
import type { Command } from 'prosemirror-state';
import { describe, expect, it } from 'vitest';
import { intakeText } from '../../../shared/intake/intake';
import type { IntakeRecord } from '../../../shared/intake/record';
import { recordOf } from '../../../shared/intake/record';
import { joinToPrevious, reviewedStory, runInToText, setPartRole, splitJoin } from '../../../shared/intake/review-commands';
import { draftsToBlocks } from '../../../shared/intake/to-prosemirror';
import { findBin, findBinItem } from '../../../shared/model/bin';
import { binFromJson, editionChildrenJson } from '../../../shared/edition/edition-children';
import { schema } from '../../../shared/model/schema';
import { settingsFromPreset } from '../../../shared/page/settings';
import { seedText } from './seed-text';

/** An edition of one empty page whose bin holds what intake made of `text`, with undo history. */
function binState(text: string): EditorState {
  const result = intakeText(text);
  const blocks = draftsToBlocks(result.stories, { decisions: result.decisions });
  const page = schema.node('page', { settings: settingsFromPreset('duikai') });
  const doc = schema.node('edition', null, [page, schema.node('bin', null, blocks)]);
  return EditorState.create({ doc, plugins: [history()] });
}

/** Runs a command; fails the test when it does not apply. */
function run(state: EditorState, command: Command): EditorState {
  let next: EditorState | null = null;
  expect(command(state, (tr) => (next = state.apply(tr)))).toBe(true);
  next!.doc.check();
  return next!;
}

function undone(state: EditorState): EditorState {
  let next: EditorState | null = null;
  expect(undo(state, (tr) => (next = state.apply(tr)))).toBe(true);
  return next!;
}

function story(state: EditorState, id: string): Node {
  const item = findBinItem(state.doc, id);
  if (!item) throw new Error(`no bin item ${id}`);
  return item.node;
}

function record(state: EditorState, id: string): IntakeRecord {
  const r = recordOf(story(state, id).attrs);
  if (!r) throw new Error(`no record on ${id}`);
  return r;
}

/** Node type and text of each text part: `headline:…`, `paragraph:…`. */
function parts(node: Node): string[] {
  const out: string[] = [];
  node.descendants((n) => {
    if (n.isTextblock) out.push(`${n.type.name}:${n.textContent}`);
    return !n.isTextblock;
  });
  return out;
}

const seed = binState(seedText());
// Bin order of the seed: lead story, 大美萧山 label and photo, three stories, 今日视点 label, marathon story, photo, 导读 label, teaser.
const LEAD = 'intake-1';
const FUTURE = 'intake-4';
const MARATHON = 'intake-8';

describe('intake record', () => {
  it('puts one part per text part on each story, with the rules and source lines', () => {
    const lead = record(seed, LEAD);
    expect(lead.parts.slice(0, 4).map((p) => [p.role, p.rule, p.lines])).toEqual([
      ['headline', 'head.single', [3]],
      ['byline', 'byline.standalone', [5]],
      ['crosshead', 'crosshead.short-line', [7]],
      ['paragraph', 'paragraph.body', [9]],
    ]);
    expect(lead.parts.filter((p) => p.joins).map((p) => p.lines)).toEqual([[15, 17], [21, 23], [29, 31]]);
    expect(reviewedStory(seed.doc, LEAD)).not.toBeNull();
  });

  it('notes the lifted caption with its credit and the label on the marathon story', () => {
    expect(record(seed, MARATHON).notes).toEqual([
      { kind: 'label', rule: 'label.known', line: 83, text: '今日视点' },
      { kind: 'caption', rule: 'caption.lifted-from-sentence', line: 97, text: '选手比赛中。' },
      { kind: 'credit', rule: 'credit.own-line', line: 99, text: '方方斌' },
    ]);
    const rejoined = record(seed, MARATHON).parts.find((p) => p.lines.includes(101))!;
    expect(rejoined.lines).toEqual([93, 101]);
  });

  it('survives saving: the edition bin JSON loads back with the same record, and a bad record is refused', () => {
    const json = structuredClone(editionChildrenJson(seed.doc)[1]) as { content: { attrs: { intake: unknown } }[] };
    const loaded = binFromJson(json);
    expect(loaded.ok).toBe(true);
    if (loaded.ok) expect(loaded.bin.eq(findBin(seed.doc)!.node)).toBe(true);
    json.content[0]!.attrs.intake = { parts: [{ role: 'banner', rule: 'head.single', lines: [1] }], notes: [] };
    const bad = binFromJson(json);
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.message).toMatch(/the story bin: block 1 is not a node/);
  });
});

describe('setPartRole', () => {
  it('turns a crosshead back into a paragraph in one undo step', () => {
    const next = run(seed, setPartRole(LEAD, 2, 'paragraph'));
    expect(parts(story(next, LEAD))[2]).toBe('paragraph:“数”绘基层治理图景');
    expect(record(next, LEAD).parts[2]).toMatchObject({ role: 'paragraph', was: 'crosshead', lines: [7] });
    expect(undone(next).doc.eq(seed.doc)).toBe(true);
  });

  it('turns a standalone byline into the first paragraph of the body', () => {
    const next = run(seed, setPartRole(LEAD, 1, 'paragraph'));
    expect(parts(story(next, LEAD)).slice(0, 3)).toEqual([
      'headline:党建引领共治共享 构建现代化治理体系',
      'paragraph:首席记者 蒋超',
      'crosshead:“数”绘基层治理图景',
    ]);
    expect(story(next, LEAD).childCount).toBe(2);
    expect(undone(next).doc.eq(seed.doc)).toBe(true);
  });

  it('moves a paragraph into the head group as the subheadline, above the byline', () => {
    const text = '市民公园今日开放\n\n记者 张三\n\n占地三百亩 免费入园\n\n公园位于城东，昨日完成验收。\n\n园内有步道十公里。\n';
    const state = binState(text);
    const id = 'intake-1';
    expect(parts(story(state, id))).toEqual([
      'headline:市民公园今日开放',
      'byline:记者 张三',
      'crosshead:占地三百亩 免费入园',
      'paragraph:公园位于城东，昨日完成验收。',
      'paragraph:园内有步道十公里。',
    ]);
    const next = run(state, setPartRole(id, 2, 'subheadline'));
    expect(parts(story(next, id))).toEqual([
      'headline:市民公园今日开放',
      'subheadline:占地三百亩 免费入园',
      'byline:记者 张三',
      'paragraph:公园位于城东，昨日完成验收。',
      'paragraph:园内有步道十公里。',
    ]);
    expect(record(next, id).parts.map((p) => p.role)).toEqual(['headline', 'subheadline', 'byline', 'paragraph', 'paragraph']);
    expect(record(next, id).parts[1]).toMatchObject({ was: 'crosshead', lines: [5] });
    // Back to what intake said: the correction mark goes.
    const back = run(next, setPartRole(id, 1, 'crosshead'));
    expect(record(back, id).parts[2]!.was).toBeUndefined();
    expect(back.doc.eq(state.doc)).toBe(true);
  });

  it('refuses roles the story cannot take', () => {
    const refuse = (c: Command) => expect(c(seed)).toBe(false);
    refuse(setPartRole(LEAD, 2, 'headline')); // a second headline
    refuse(setPartRole(LEAD, 2, 'byline')); // a second byline
    refuse(setPartRole(LEAD, 0, 'headline')); // already one
    refuse(setPartRole(LEAD, 5, 'subheadline')); // would pass the crosshead before it
    refuse(setPartRole(FUTURE, 1, 'crosshead')); // opens with a run-in byline
    refuse(setPartRole('no-such-story', 0, 'paragraph'));
    // The only body part cannot leave the body.
    const one = binState('标题一行\n\n正文只有一段。\n');
    expect(setPartRole('intake-1', 1, 'subheadline')(one)).toBe(false);
  });

  it('refuses once the story no longer matches its record', () => {
    const lead = findBinItem(seed.doc, LEAD)!;
    // An edit that removes the first crosshead: the record no longer lines up.
    const crosshead = lead.node.child(2).child(0);
    const bodyStart = lead.pos + 1 + lead.node.child(0).nodeSize + lead.node.child(1).nodeSize + 1;
    const edited = seed.apply(seed.tr.delete(bodyStart, bodyStart + crosshead.nodeSize));
    expect(reviewedStory(edited.doc, LEAD)).toBeNull();
    expect(setPartRole(LEAD, 3, 'crosshead')(edited)).toBe(false);
  });
});

describe('splitJoin and joinToPrevious', () => {
  it('undoes a rejoin across a column break: two paragraphs, split where the source broke', () => {
    const index = record(seed, LEAD).parts.findIndex((p) => p.lines[0] === 21);
    const next = run(seed, splitJoin(LEAD, index, 0));
    const texts = parts(story(next, LEAD));
    expect(texts[index]).toBe('paragraph:探索基层治理“一件事”，提升了跨部');
    expect(texts[index + 1]!.startsWith('paragraph:门协同效率，')).toBe(true);
    const r = record(next, LEAD);
    expect(r.parts[index]).toMatchObject({ lines: [21], chars: 17, edited: 'split' });
    expect(r.parts[index + 1]).toMatchObject({ lines: [23], edited: 'split' });
    expect(r.parts).toHaveLength(record(seed, LEAD).parts.length + 1);
    expect(undone(next).doc.eq(seed.doc)).toBe(true);
    // And joined again, the paragraph is whole, with its join offset back.
    const again = run(next, joinToPrevious(LEAD, index + 1));
    expect(parts(story(again, LEAD))[index]).toBe(parts(story(seed, LEAD))[index]);
    expect(record(again, LEAD).parts[index]).toMatchObject({ lines: [21, 23], joins: [17], edited: 'joined' });
  });

  it('splits the marathon paragraph rejoined around the lifted caption', () => {
    const index = record(seed, MARATHON).parts.findIndex((p) => p.lines.includes(101));
    const next = run(seed, splitJoin(MARATHON, index, 0));
    const texts = parts(story(next, MARATHON));
    expect(texts[index]!.endsWith('正越来越融')).toBe(true);
    expect(texts[index + 1]!.startsWith('paragraph:入萧山人的日常生活')).toBe(true);
  });

  it('refuses to split a paragraph that was not rejoined, or whose text has changed', () => {
    expect(splitJoin(LEAD, 3, 0)(seed)).toBe(false);
    const index = record(seed, LEAD).parts.findIndex((p) => p.lines[0] === 21);
    const at = reviewedStory(seed.doc, LEAD)!.parts[index]!;
    const typed = seed.apply(seed.tr.insertText('新', at.pos + 2));
    expect(splitJoin(LEAD, index, 0)(typed)).toBe(false);
  });

  it('does not join the first body part to a head, nor a part opening with a run-in byline', () => {
    expect(joinToPrevious(LEAD, 2)(seed)).toBe(false); // the crosshead after the byline
    expect(joinToPrevious(FUTURE, 1)(seed)).toBe(false);
  });
});

describe('runInToText', () => {
  it('turns a run-in byline into plain text of its paragraph, text unchanged', () => {
    const next = run(seed, runInToText(FUTURE, 1));
    const paragraph = story(next, FUTURE).child(1).child(0);
    expect(paragraph.textContent).toBe(story(seed, FUTURE).child(1).child(0).textContent);
    expect(paragraph.textContent.startsWith('本报讯（记者 靳林杰 通讯员 高倩倩）近日')).toBe(true);
    let marked = false;
    paragraph.descendants((n) => void (marked ||= n.marks.some((m) => m.type.name === 'dateline')));
    expect(marked).toBe(false);
    expect(record(next, FUTURE).parts[1]!.runIn).toBe('text');
    expect(runInToText(FUTURE, 1)(next)).toBe(false);
    // Now plain text, the paragraph may take another role.
    expect(setPartRole(FUTURE, 1, 'subheadline')(next)).toBe(true);
    expect(undone(next).doc.eq(seed.doc)).toBe(true);
  });
});
