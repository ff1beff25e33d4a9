import { describe, expect, it } from 'vitest';
import type { Node } from 'prosemirror-model';
import { binItemInfo } from '../../../renderer/bin/bin-item-info';
import { placeFromBin } from '../../../shared/model/commands/bin-place';
import { findBlock } from '../../../shared/model/commands/blocks';
import { schema } from '../../../shared/model/schema';
import { defaultStyleSheet } from '../../../shared/model/styles';
import { settingsFromPreset } from '../../../shared/page/settings';
import { run, stateOf } from '../../shared/model/commands/page-builder';

/** A bin story as an import before styles counted: its head at the schema's default lines. */
function oldImport(): Node {
  return schema.node('story', { id: 'old', col: 0, line: 0, cols: 2, lines: 20 }, [
    schema.node('headgroup', null, [schema.node('kicker', null, [schema.text('引题')]), schema.node('headline', null, [schema.text('主题')])]),
    schema.node('byline', null, [schema.text('记者 张三')]),
    schema.node('body', null, [schema.node('paragraph', null, [schema.text('正文。'.repeat(80))])]),
  ]);
}

describe('binItemInfo', () => {
  it('lists (and drags at) the size placing gives: a head at the schema defaults counted at its style\'s lines', () => {
    const styles = defaultStyleSheet();
    styles.paragraph.find((s) => s.name === 'headline')!.lines = 8;
    const settings = { ...settingsFromPreset('duikai'), styles };
    const doc = schema.node('edition', null, [schema.node('page', { settings }), schema.node('bin', null, [oldImport()])]);
    const info = binItemInfo(doc.lastChild!.firstChild!, settings);
    const placed = findBlock(run(stateOf(doc), placeFromBin('old', { col: 0, line: 0 })).state.doc, 'old')!.node;
    expect(info.size).toEqual({ cols: placed.attrs['cols'], lines: placed.attrs['lines'] });
    // With the built-in styles the head is 2 + 4 + 1 lines; here 2 + 8 + 1.
    const plain = binItemInfo(oldImport(), settingsFromPreset('duikai'));
    expect(info.size.lines - plain.size.lines).toBe(4);
  });
});
