import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { paperRuns, parsePageSelection, splitFileName } from '../../../electron/node/commands/edition-export';
import { joinPdfs } from '../../../electron/node/commands/join-pdfs';
import { settingsFromPreset } from '../../../shared/page/settings';
import { schema } from '../../../shared/model/schema';
import { edition, page } from '../../shared/edition/build';

describe('edition export helpers', () => {
  it('reads page selections like 1,3-5, in order, each once', () => {
    expect(parsePageSelection('1,3-5', 8)).toEqual([1, 3, 4, 5]);
    expect(parsePageSelection('5, 1-2 ,2', 8)).toEqual([1, 2, 5]);
    expect(() => parsePageSelection('0', 8)).toThrow(/not within pages 1 to 8/);
    expect(() => parsePageSelection('3-9', 8)).toThrow(/not within/);
    expect(() => parsePageSelection('5-3', 8)).toThrow(/not within/);
    expect(() => parsePageSelection('a', 8)).toThrow(/not a page or a range/);
    expect(() => parsePageSelection('', 8)).toThrow(/not a page/);
  });

  it('names split files the way plants take them, by a pattern', () => {
    const ed = edition([page('要闻', []), page('体育', [])]);
    expect(splitFileName('{date}-{folio}.pdf', ed, 2)).toBe('20221121-02.pdf');
    expect(splitFileName('XSRB_{date}_{folio3}_{section}.pdf', ed, 1)).toBe('XSRB_20221121_001_要闻.pdf');
    expect(splitFileName('{paper}/{n}.pdf', ed, 2)).toBe('萧山日报_2.pdf');
    expect(() => splitFileName('..', ed, 1)).toThrow(/no usable file name/);
  });

  it('groups consecutive pages on one paper into runs (a 四开 insert is its own)', () => {
    const sikai = schema.node('page', { settings: settingsFromPreset('sikai'), section: '插页' });
    const ed = edition([page('要闻', []), page('综合', []), sikai, page('体育', []), page('副刊', [])]);
    expect(paperRuns(ed, [1, 2, 3, 4, 5])).toEqual([[1, 2], [3], [4, 5]]);
    expect(paperRuns(ed, [1, 4, 5])).toEqual([[1], [4, 5]]);
  });

  it('joins PDFs in order, keeping each page its own size', async () => {
    const make = async (sizes: [number, number][]) => {
      const doc = await PDFDocument.create();
      for (const s of sizes) doc.addPage(s);
      doc.setTitle('first');
      return doc.save();
    };
    const joined = await PDFDocument.load(await joinPdfs([await make([[100, 200]]), await make([[300, 400], [50, 60]])]));
    expect(joined.getPages().map((p) => [p.getWidth(), p.getHeight()])).toEqual([[100, 200], [300, 400], [50, 60]]);
    expect(joined.getTitle()).toBe('first');
  });
});
