import { describe, expect, it } from 'vitest';
import type { Node } from 'prosemirror-model';
import { verticalDigitDecorations } from '../../../renderer/editor/vertical-digits-plugin';
import { schema } from '../../../shared/model/schema';
import { settingsFromPreset } from '../../../shared/page/settings';

function page(vertical: boolean, head: string): Node {
  return schema.node('page', { settings: settingsFromPreset('duikai') }, [
    schema.node('story', { id: 's', cols: 3, lines: 30 }, [
      schema.node('headgroup', { vertical }, [schema.node('headline', null, [schema.text(head)])]),
      schema.node('body', null, [schema.node('paragraph', null, [schema.text('2026年正文')])]),
    ]),
  ]);
}

function upright(doc: Node): string[] {
  return verticalDigitDecorations(doc)
    .find()
    .map((d) => doc.textBetween(d.from, d.to));
}

describe('verticalDigitDecorations', () => {
  it('sets runs of one to four digits upright in a vertical head, not longer runs', () => {
    expect(upright(page(true, '2026年第9届马拉松12345人'))).toEqual(['2026', '9']);
  });

  it('leaves horizontal heads and the body alone', () => {
    expect(upright(page(false, '2026年马拉松'))).toEqual([]);
  });
});
