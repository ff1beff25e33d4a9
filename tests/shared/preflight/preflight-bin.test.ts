import { describe, expect, it } from 'vitest';
import { schema } from '../../../shared/model/schema';
import { preflightPage } from '../../../shared/preflight/preflight-page';
import { settingsFromPreset } from '../../../shared/page/settings';

describe('preflightPage with a story bin', () => {
  it('ignores copy in the bin: it is not placed and never printed', () => {
    const story = (id: string) =>
      schema.node('story', { id, col: 0, line: 0, cols: 2, lines: 20 }, [schema.node('body', null, [schema.node('paragraph', null, [schema.text('正文。')])])]);
    const binned = schema.node('story', { id: 'x', col: 40, line: 400, cols: 2, lines: 20 }, [schema.node('body', null, [schema.node('paragraph')])]);
    const doc = schema.node('page', { settings: settingsFromPreset('duikai') }, [story('a'), schema.node('bin', null, [binned])]);
    const findings = preflightPage({ doc, page: 1, assets: new Map(), overset: new Map([['a', 0]]) });
    expect(findings.filter((f) => f.level !== 'info')).toEqual([]);
    expect(findings.some((f) => f.blockId === 'x' || f.message.includes('bin'))).toBe(false);
  });
});
