/**
 * The copyfit test page (对开): one block of every kind that holds text, each
 * fitting with room to spare — a masthead, a label, a 导读 box, a story with
 * 引题, 主题, 副题, byline, body and a 小标题, a short story, a story with a
 * vertical head (竖排, digits upright) and a photo with caption and credit. `longMasthead` gives the masthead lines and the folio
 * (edition line) too long for the masthead's box.
 */
import type { Node } from 'prosemirror-model';
import { schema } from '../../../shared/model/schema';
import { settingsFromPreset } from '../../../shared/page/settings';

/** Text too long for any part of the page: 溢 repeated. */
export const OVER = '溢'.repeat(400);

/**
 * The page; with `overset`, every text on it is too long for its frame
 * (each part is {@link OVER}), the masthead and folio lines included.
 */
export function copyfitTestPage(options: { longMasthead?: boolean; overset?: boolean } = {}): Node {
  const settings = settingsFromPreset('duikai');
  const all = options.overset === true;
  const long = options.longMasthead === true || all;
  const t = (text: string) => schema.text(all ? OVER : text);
  const p = (text: string) => schema.node('paragraph', null, [t(text)]);
  // The folio line's section is the page's own (the edition mirrors it into the settings on load: shared/edition/edition-sync.ts).
  const section = '要闻·综合新闻·时政要闻·社会民生·城市建设·文化体育·经济观察·'.repeat(5);
  const pageAttrs = long ? { settings: { ...settings, edition: { ...settings.edition, editionName: '第一版 要闻 '.repeat(20), section } }, section } : { settings };
  return schema.node('page', pageAttrs, [
    schema.node('masthead', {
      id: 'masthead',
      col: 0,
      line: 0,
      cols: 5,
      // Long lines in a short masthead: the folio's date and section lines cannot all fit.
      lines: long ? 5 : 11,
      tagline: long ? '萧山网 www.xsnet.cn 萧山日报官方网站 萧山发布 萧山日报微信公众号 萧山日报抖音号' : '萧山网 www.xsnet.cn',
      issue: '第10927期',
      pagesToday: '今日8版',
      publisher: '中共杭州市萧山区委主管主办',
    }),
    schema.node('label', { id: 'label', col: 5, line: 0, cols: 3, lines: 3 }, [t('导读')]),
    schema.node('teaser', { id: 'guide', col: 5, line: 3, cols: 3, lines: 8 }, [
      schema.node('teaser_item', { page: '3' }, [t('跑者的一天')]),
      schema.node('teaser_item', { page: '5' }, [t('志愿者在路上')]),
    ]),
    schema.node('story', { id: 'lead', col: 0, line: 12, cols: 4, lines: 40 }, [
      schema.node('headgroup', null, [
        schema.node('kicker', null, [t('城市的节日')]),
        schema.node('headline', { sizePt: 26, lines: 4 }, [t('跑过风景跑进亚运')]),
        schema.node('subheadline', null, [t('三万跑者齐聚黄龙')]),
      ]),
      schema.node('byline', null, [t('记者 张三')]),
      schema.node('body', null, [
        p('本报讯昨天上午，二〇二二杭州马拉松鸣枪开跑。'),
        schema.node('crosshead', { lines: 2 }, [t('沿途')]),
        p('沿途市民夹道欢迎，志愿者送上补给。'),
      ]),
    ]),
    schema.node('story', { id: 'brief', col: 4, line: 12, cols: 1, lines: 6 }, [schema.node('body', null, [p('简讯正文。')])]),
    // 竖排: a vertical head with digits set upright (横中竖), beside its body.
    schema.node('story', { id: 'vert', col: 0, line: 60, cols: 4, lines: 30 }, [
      schema.node('headgroup', { vertical: true, cols: 1 }, [schema.node('headline', { sizePt: 26, lines: 4 }, [t('2026年马拉松')])]),
      schema.node('body', null, [p('正文。沿途市民夹道欢迎。')]),
    ]),
    schema.node('photo', { id: 'photo', col: 5, line: 12, cols: 3, lines: 20, captionLines: 2 }, [
      schema.node('caption', null, [t('选手比赛中。')]),
      schema.node('credit', null, [t('记者 方方斌摄')]),
    ]),
  ]);
}
