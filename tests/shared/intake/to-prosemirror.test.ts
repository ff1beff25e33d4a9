import { describe, expect, it } from 'vitest';
import { schema } from '../../../shared/model/schema';
import { pageFromJson } from '../../../shared/model/load-page';
import { settingsFromPreset } from '../../../shared/page/settings';
import { intakeHtml, intakeText } from '../../../shared/intake/intake';
import { draftsToBlocks } from '../../../shared/intake/to-prosemirror';
import { seedText } from './seed-text';

describe('draftsToBlocks', () => {
  const drafts = intakeText(seedText()).stories;
  const blocks = draftsToBlocks(drafts, {
    assetFor: () => ({ asset: 'a'.repeat(64), pixelWidth: 1200, pixelHeight: 800 }),
  });

  it('turns the reference page into label, story, photo and teaser blocks with unique ids', () => {
    expect(blocks.map((b) => b.type.name)).toEqual([
      'story', 'label', 'photo', 'story', 'story', 'story', 'label', 'story', 'photo', 'label', 'teaser',
    ]);
    expect(new Set(blocks.map((b) => b.attrs['id'])).size).toBe(blocks.length);
  });

  it('builds the lead story as headgroup, byline and a body of paragraphs and crossheads', () => {
    const lead = blocks[0]!;
    expect(lead.child(0).type.name).toBe('headgroup');
    expect(lead.child(0).textContent).toBe('党建引领共治共享 构建现代化治理体系');
    expect(lead.child(1).type.name).toBe('byline');
    expect(lead.child(1).textContent).toBe('首席记者 蒋超');
    const body = lead.child(2);
    const kinds: string[] = [];
    body.forEach((n) => kinds.push(n.type.name));
    expect(kinds.filter((k) => k === 'crosshead')).toHaveLength(2);
    expect(kinds.filter((k) => k === 'paragraph')).toHaveLength(10);
    expect(lead.attrs['cols']).toBeGreaterThanOrEqual(2);
    expect(lead.attrs['lines']).toBeGreaterThan(20);
  });

  it('prints a run-in byline at the start of the first paragraph with the dateline mark', () => {
    const story = blocks[3]!;
    expect(story.childCount).toBe(2); // headgroup, body: no separate byline node
    const first = story.child(1).child(0);
    expect(first.textContent.startsWith('本报讯（记者 靳林杰 通讯员 高倩倩）近日')).toBe(true);
    expect(first.child(0).marks.map((m) => m.type.name)).toEqual(['dateline']);
    expect(first.child(1).marks).toEqual([]);
  });

  it('gives photos their caption, credit and asset', () => {
    const photo = blocks[8]!;
    expect(photo.child(0).textContent).toBe('选手比赛中。');
    expect(photo.child(1).textContent).toBe('记者 方方斌摄');
    expect(photo.attrs).toMatchObject({ asset: 'a'.repeat(64), pixelWidth: 1200, pixelHeight: 800 });
    expect(blocks[6]!.textContent).toBe('今日视点');
    expect(blocks[10]!.textContent).toBe('致敬 匠人');
  });

  it('makes blocks a page accepts', () => {
    const page = schema.node('page', { settings: settingsFromPreset('duikai') }, blocks);
    const loaded = pageFromJson(page.toJSON());
    expect(loaded.ok).toBe(true);
    if (loaded.ok) expect(loaded.findings.filter((f) => f.level === 'error')).toEqual([]);
  });

  it('keeps bold from pasted HTML as the strong mark', () => {
    const [story] = draftsToBlocks(intakeHtml('<h1>标题</h1><p>记者 张三</p><p><b>开头</b>正文。</p>').stories);
    const para = story!.child(2).child(0);
    expect(para.child(0).marks.map((m) => m.type.name)).toEqual(['strong']);
    expect(para.textContent).toBe('开头正文。');
  });
});
