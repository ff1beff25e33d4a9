/**
 * The boxes-and-heads test page (对开): an open story `plain`, a story `boxed`
 * to be boxed and tinted, a story `vert` to get a vertical head with a year in
 * it, a teaser and a double rule; written to a temporary `.banmian`.
 */
import type { Node } from 'prosemirror-model';
import { schema } from '../../../shared/model/schema';
import type { GridBox } from '../../../shared/page/geometry';
import { settingsFromPreset } from '../../../shared/page/settings';

const SENTENCE = '萧山日报讯昨天上午，二〇二二杭州马拉松鸣枪开跑，三万名跑者从黄龙体育中心出发，沿途市民夹道欢迎。';

function story(id: string, box: GridBox, head: string, paragraphs: number, attrs: Record<string, unknown> = {}, headAttrs: Record<string, unknown> = {}): Node {
  const body = Array.from({ length: paragraphs }, () => schema.node('paragraph', null, [schema.text(SENTENCE)]));
  return schema.node('story', { id, ...box, ...attrs }, [
    schema.node('headgroup', headAttrs, [
      schema.node('kicker', null, [schema.text('引题：城市的节日')]),
      schema.node('headline', { sizePt: 26, lines: 4 }, [schema.text(head)]),
    ]),
    schema.node('byline', null, [schema.text('记者 张三 通讯员 李四')]),
    schema.node('body', null, body),
  ]);
}

export function boxTestPage(): Node {
  return schema.node('page', { settings: settingsFromPreset('duikai') }, [
    story('plain', { col: 0, line: 0, cols: 3, lines: 40 }, '马拉松鸣枪开跑', 5),
    story('boxed', { col: 3, line: 0, cols: 3, lines: 40 }, '三万跑者齐聚黄龙', 5),
    story('vert', { col: 0, line: 42, cols: 4, lines: 40 }, '2026年马拉松', 6),
    schema.node('teaser', { id: 'teaser', col: 6, line: 0, cols: 2, lines: 20 }, [
      schema.node('teaser_item', { page: '3' }, [schema.text('跑者的一天')]),
      schema.node('teaser_item', { page: '5' }, [schema.text('志愿者在路上')]),
    ]),
    schema.node('rule', { id: 'rule', col: 0, line: 41, cols: 8, lines: 1, style: 'double', weightPt: 1 }),
  ]);
}
