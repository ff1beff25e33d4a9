import { describe, expect, it } from 'vitest';
import { schema } from '../../../shared/model/schema';
import { formatFinding } from '../../../shared/preflight/finding';
import { effectivePpi, preflightPage } from '../../../shared/preflight/preflight-page';
import { preflightPdf } from '../../../shared/preflight/preflight-pdf';
import { gridBoxRect, gridMetrics } from '../../../shared/page/geometry';
import { settingsFromPreset } from '../../../shared/page/settings';
import { PX_PER_MM } from '../../../shared/page/units';

const settings = settingsFromPreset('duikai');
const HASH = 'a'.repeat(64);
const MISSING = 'b'.repeat(64);

function story(id: string, text: string, col = 0) {
  return schema.node('story', { id, col, line: 0, cols: 2, lines: 20 }, [schema.node('body', null, [schema.node('paragraph', null, text ? [schema.text(text)] : [])])]);
}

function photo(id: string, asset: string, box: { col: number; line: number; cols: number; lines: number }) {
  return schema.node('photo', { id, ...box, asset, captionLines: 2 }, [schema.node('caption', null, [schema.text('说明')])]);
}

function page(blocks: ReturnType<typeof schema.node>[]) {
  return schema.node('page', { settings }, blocks);
}

describe('preflightPage', () => {
  it('warns where black label text overprints a picture, with the overlap, but not reversed text or text beside it', () => {
    const assets = new Map([[HASH, { pixelWidth: 4000, pixelHeight: 3000 }]]);
    const over = schema.node('label', { id: 'l-over', col: 2, line: 12, cols: 2, lines: 3, variant: 'plain', swatch: 'black' }, [schema.text('标题')]);
    const reversed = schema.node('label', { id: 'l-white', col: 2, line: 20, cols: 2, lines: 3, variant: 'solid', swatch: 'red' }, [schema.text('标题')]);
    const beside = schema.node('label', { id: 'l-beside', col: 6, line: 12, cols: 2, lines: 3, variant: 'plain', swatch: 'black' }, [schema.text('标题')]);
    const doc = page([photo('p1', HASH, { col: 2, line: 10, cols: 3, lines: 30 }), over, reversed, beside]);
    const found = preflightPage({ doc, page: 1, assets, overset: new Map() }).filter((f) => f.code === 'black-over-image');
    expect(found.map((f) => f.blockId)).toEqual(['l-over']);
    const m = gridMetrics(settings);
    const label = gridBoxRect(m, { col: 2, line: 12, cols: 2, lines: 3 });
    expect(found[0]!.level).toBe('warning');
    expect(found[0]!.xMm).toBeCloseTo((m.typeLeftPx + label.x) / PX_PER_MM, 1);
    expect(found[0]!.widthMm).toBeCloseTo(label.width / PX_PER_MM, 1);
    expect(found[0]!.messageZh).toContain('p1');
  });

  it('measures a photo in a boxed story as drawn, inside the box\'s inset', () => {
    const box = { col: 1, line: 10, cols: 1, lines: 10 };
    const boxed = schema.node('story', { id: 's', col: 0, line: 0, cols: 2, lines: 20, frame: 'single', frameInset: 1 }, [
      schema.node('body', null, [schema.node('paragraph', null, [schema.text('正文')])]),
    ]);
    const doc = page([boxed, photo('p1', HASH, box)]);
    const f = preflightPage({ doc, page: 1, assets: new Map([[HASH, { pixelWidth: 120, pixelHeight: 90 }]]), overset: new Map() }).find((x) => x.code === 'image-low-ppi')!;
    const m = gridMetrics(settings);
    const rect = gridBoxRect(m, box);
    // One character off the right (the story's edge), one line off the bottom.
    expect(f.xMm).toBeCloseTo((m.typeLeftPx + rect.x) / PX_PER_MM, 1);
    expect(f.widthMm).toBeCloseTo((rect.width - m.charPx) / PX_PER_MM, 1);
    expect(f.heightMm).toBeCloseTo((rect.height - m.linePx - 2 * m.linePx) / PX_PER_MM, 1);
    const expected = Math.round(
      effectivePpi({ pixelWidth: 120, pixelHeight: 90, frameWidthMm: (rect.width - m.charPx) / PX_PER_MM, frameHeightMm: (rect.height - 3 * m.linePx) / PX_PER_MM, fit: 'fill', zoom: 1 }),
    );
    expect(f.message).toContain(`${expected} ppi`);
  });

  it('reports a 400 px image as an error with its effective ppi and position', () => {
    const box = { col: 2, line: 10, cols: 3, lines: 30 };
    const doc = page([photo('p1', HASH, box)]);
    const findings = preflightPage({ doc, page: 1, assets: new Map([[HASH, { pixelWidth: 400, pixelHeight: 300 }]]), overset: new Map() });
    const f = findings.find((x) => x.code === 'image-low-ppi')!;
    expect(f.level).toBe('error');
    expect(f.blockId).toBe('p1');
    const m = gridMetrics(settings);
    const rect = gridBoxRect(m, box);
    expect(f.xMm).toBeCloseTo((m.typeLeftPx + rect.x) / PX_PER_MM, 1);
    expect(f.yMm).toBeCloseTo((m.typeTopPx + rect.y) / PX_PER_MM, 1);
    // 3 columns of 13 × 9 pt plus 2 gutters: 41 × 9 pt = 130.2 mm wide; the frame is filled, so the
    // width or height that needs more scaling decides.
    const frameW = rect.width / PX_PER_MM;
    const frameH = (rect.height - 2 * m.linePx) / PX_PER_MM;
    const expected = Math.round(effectivePpi({ pixelWidth: 400, pixelHeight: 300, frameWidthMm: frameW, frameHeightMm: frameH, fit: 'fill', zoom: 1 }));
    expect(expected).toBeLessThan(100);
    expect(f.message).toContain(`${expected} ppi`);
    expect(formatFinding(f)).toMatch(/^error\s+p1 p1 @ \d+\.\d,\d+\.\d mm {2}image-low-ppi: image resolution is \d+ ppi/);
  });

  it('warns between 100 and 150 ppi and says nothing above', () => {
    const box = { col: 0, line: 0, cols: 1, lines: 20 };
    const m = gridMetrics(settings);
    const wIn = gridBoxRect(m, box).width / PX_PER_MM / 25.4;
    const at = (ppi: number) => {
      const px = Math.round(wIn * ppi);
      return preflightPage({ doc: page([photo('p', HASH, box)]), page: 1, assets: new Map([[HASH, { pixelWidth: px, pixelHeight: px * 3 }]]), overset: new Map() }).filter(
        (f) => f.code === 'image-low-ppi',
      );
    };
    expect(at(120).map((f) => f.level)).toEqual(['warning']);
    expect(at(200)).toEqual([]);
  });

  it('computes effective ppi for fill, fit and zoom', () => {
    const base = { pixelWidth: 1000, pixelHeight: 500, frameWidthMm: 254, frameHeightMm: 254 };
    expect(effectivePpi({ ...base, fit: 'fit', zoom: 1 })).toBeCloseTo(100);
    expect(effectivePpi({ ...base, fit: 'fill', zoom: 1 })).toBeCloseTo(50);
    expect(effectivePpi({ ...base, fit: 'fill', zoom: 2 })).toBeCloseTo(25);
  });

  it('reports missing images, empty frames and overset stories', () => {
    const doc = page([photo('gone', MISSING, { col: 0, line: 30, cols: 2, lines: 20 }), photo('empty', '', { col: 2, line: 30, cols: 2, lines: 20 }), story('s1', '正文'), story('s2', '', 4)]);
    const findings = preflightPage({ doc, page: 2, assets: new Map(), overset: new Map([['s1', 37]]) });
    const by = (code: string) => findings.filter((f) => f.code === code).map((f) => `${f.level}:${f.blockId}`);
    expect(by('image-missing')).toEqual(['error:gone']);
    expect(by('empty-frame').sort()).toEqual(['warning:empty', 'warning:s2']);
    expect(by('overset')).toEqual(['error:s1']);
    expect(findings.find((f) => f.code === 'overset')!.message).toContain('37');
    expect(findings.every((f) => f.page === 2)).toBe(true);
  });

  it('reports any block whose text does not fit, with the parts over', () => {
    const label = schema.node('label', { id: 'l1', col: 0, line: 50, cols: 2, lines: 2, sizePt: 16 }, [schema.text('今日视点')]);
    const doc = page([story('s1', '正文'), label]);
    const overset = new Map([
      ['s1', { chars: 5, parts: [{ part: 'headline' as const, lines: 2, chars: 5 }] }],
      ['l1', { chars: 3, parts: [{ part: 'label' as const, lines: 1, chars: 3 }] }],
    ]);
    const findings = preflightPage({ doc, page: 1, assets: new Map(), overset }).filter((f) => f.code === 'overset');
    expect(findings.map((f) => `${f.level}:${f.blockId}:${f.messageZh}`)).toEqual(['error:s1:稿件溢出：标题超行 2行', 'error:l1:栏目标签溢出：栏目标签超行 1行']);
  });

  it('says when overset was not measured', () => {
    const findings = preflightPage({ doc: page([story('s1', '正文')]), page: 1, assets: new Map(), overset: null });
    expect(findings.map((f) => `${f.level}:${f.code}`)).toEqual(['info:overset-not-measured']);
  });

  it('warns about small reversed or coloured text and hairline rules', () => {
    const label = (id: string, attrs: Record<string, unknown>) => schema.node('label', { id, col: 0, line: 50, cols: 1, lines: 2, ...attrs }, [schema.text('今日视点')]);
    const doc = page([
      label('small-reversed', { variant: 'solid', sizePt: 9 }),
      label('big-reversed', { variant: 'solid', sizePt: 16 }),
      label('small-red', { variant: 'plain', swatch: 'red', sizePt: 8 }),
      label('small-black', { variant: 'plain', swatch: 'black', sizePt: 8 }),
      schema.node('rule', { id: 'hair', col: 0, line: 60, cols: 4, lines: 1, weightPt: 0.1 }),
      schema.node('rule', { id: 'ok', col: 0, line: 62, cols: 4, lines: 1, weightPt: 0.5 }),
    ]);
    const findings = preflightPage({ doc, page: 1, assets: new Map(), overset: new Map() });
    expect(findings.filter((f) => f.code === 'small-coloured-text').map((f) => f.blockId)).toEqual(['small-reversed', 'small-red']);
    expect(findings.filter((f) => f.code === 'thin-rule').map((f) => f.blockId)).toEqual(['hair']);
  });

  it('tells a block outside the type area from one beyond the bleed', () => {
    const doc = page([story('edge', '正文').type.create({ id: 'edge', col: 0, line: 118, cols: 2, lines: 5 }, story('x', '正').content), story('far', '正文').type.create({ id: 'far', col: 0, line: 200, cols: 2, lines: 5 }, story('x', '正').content)]);
    const findings = preflightPage({ doc, page: 1, assets: new Map(), overset: new Map() });
    expect(findings.filter((f) => f.code === 'outside-type-area').map((f) => f.blockId)).toEqual(['edge']);
    expect(findings.filter((f) => f.code === 'outside-bleed').map((f) => f.blockId)).toEqual(['far']);
  });
});

describe('preflightPdf', () => {
  it('reports RGB left in x4-cmyk and ink coverage above the limit, with position', () => {
    const findings = preflightPdf({
      variant: 'x4-cmyk',
      rgb: [{ page: 1, what: 'image 12 0 R' }],
      tac: { percent: 262, page: 1, what: 'image 7 0 R', xMm: 12.34, yMm: 56.78 },
      unconverted: [],
    });
    expect(findings.map((f) => `${f.level}:${f.code}`)).toEqual(['error:rgb-in-cmyk', 'error:ink-coverage']);
    expect(findings[1]).toMatchObject({ xMm: 12.3, yMm: 56.8 });
    expect(findings[1]!.message).toContain('262 %');
  });

  it('accepts RGB in x4 and coverage within the limit', () => {
    expect(preflightPdf({ variant: 'x4', rgb: [{ page: 1, what: 'image' }], tac: { percent: 239, page: 1, what: 'x' }, unconverted: [] })).toEqual([]);
    expect(preflightPdf({ variant: 'x4', rgb: [], tac: { percent: 250, page: 1, what: 'x' }, unconverted: [] }, { maxTac: 260 })).toEqual([]);
  });
});
