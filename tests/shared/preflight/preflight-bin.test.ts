import { describe, expect, it } from 'vitest';
import { buildEdition, editionPages } from '../../../shared/edition/edition-doc';
import { schema } from '../../../shared/model/schema';
import { preflightEditionReferences } from '../../../shared/preflight/edition-references';
import { preflightPage } from '../../../shared/preflight/preflight-page';
import { settingsFromPreset } from '../../../shared/page/settings';

describe('preflight of an edition with a story bin', () => {
  it('ignores copy in the edition bin: it is on no page and never printed', () => {
    const story = (id: string) =>
      schema.node('story', { id, col: 0, line: 0, cols: 2, lines: 20 }, [schema.node('body', null, [schema.node('paragraph', null, [schema.text('正文。')])])]);
    // Outside any grid and empty: on a page it would be an error.
    const binned = schema.node('story', { id: 'x', col: 40, line: 400, cols: 2, lines: 20 }, [schema.node('body', null, [schema.node('paragraph')])]);
    const page = (id: string) => schema.node('page', { settings: settingsFromPreset('duikai') }, [story(id)]);
    const edition = buildEdition({ paperName: '萧山日报', date: '2022-11-21', label: '' }, [page('a'), page('b')], schema.node('bin', null, [binned]));
    const pages = editionPages(edition);
    expect(pages).toHaveLength(2);
    const findings = pages.flatMap((doc, i) => preflightPage({ doc, page: i + 1, assets: new Map(), overset: new Map([[i === 0 ? 'a' : 'b', 0]]) }));
    expect(findings.filter((f) => f.level !== 'info')).toEqual([]);
    expect(findings.some((f) => f.blockId === 'x' || f.message.includes('bin'))).toBe(false);
    expect(preflightEditionReferences(edition)).toEqual([]);
  });
});
