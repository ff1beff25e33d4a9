/**
 * The page the editor end-to-end tests edit, written through the storage API:
 * a masthead, a lead story with a head and several paragraphs, a small story
 * that is exactly full, and an empty photo frame.
 */
import type { Node } from 'prosemirror-model';
import { schema } from '../../shared/model/schema';
import { settingsFromPreset } from '../../shared/page/settings';

/**
 * 37 Han characters: one 13-character column of 3 lines holds exactly that
 * with the 2-character first-line indent (11 + 13 + 13).
 */
export const FULL_TEXT = '一二三四五六七八九十甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥东南西北中';

export const LEAD_FIRST = '本段是第一段正文，用来测试输入。';

export function editorTestPage(): Node {
  const p = (text: string) => schema.node('paragraph', null, text ? [schema.text(text)] : []);
  return schema.node('page', { settings: settingsFromPreset('duikai') }, [
    schema.node('masthead', { id: 'masthead', col: 0, line: 0, cols: 8, lines: 12, issue: '第10927期', pagesToday: '今日8版' }),
    schema.node('story', { id: 'lead', col: 0, line: 12, cols: 4, lines: 40 }, [
      schema.node('headgroup', null, [schema.node('headline', { sizePt: 26, lines: 4 }, [schema.text('跑过风景跑进亚运')])]),
      schema.node('byline', { lines: 1 }, [schema.text('本报记者 张三')]),
      schema.node('body', null, [
        p(LEAD_FIRST),
        p('第二段正文。'.repeat(6)),
        schema.node('crosshead', { lines: 2 }, [schema.text('小标题')]),
        // Runs in other faces and emphasis dots must keep their lines on the grid.
        schema.node('paragraph', null, [
          schema.text('本报讯（记者 张三）', [schema.marks.dateline!.create()]),
          schema.text('第三段正文。'.repeat(4)),
          schema.text('着重号', [schema.marks.emphasis_dots!.create()]),
          schema.text('和'),
          schema.text('粗体字', [schema.marks.strong!.create()]),
          schema.text('第三段正文。'.repeat(6)),
        ]),
      ]),
    ]),
    // 1 column, 3 body lines, no head: exactly full with FULL_TEXT.
    schema.node('story', { id: 'full', col: 4, line: 12, cols: 1, lines: 3 }, [schema.node('body', null, [p(FULL_TEXT)])]),
    schema.node('photo', { id: 'photo', col: 5, line: 12, cols: 3, lines: 20 }, [
      schema.node('caption', null, [schema.text('选手比赛中。')]),
      schema.node('credit', null, [schema.text('记者 方方斌摄')]),
    ]),
  ]);
}
