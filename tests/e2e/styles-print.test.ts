/**
 * Type styles in print: a page whose headline style was changed, exported
 * with `banmian export`, sets every headline in the PDF at the style's size
 * (read back by poppler), the one that overrides it at its own, and the body
 * still at the grid's body size.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeBanmianFile } from '../../electron/node/storage';
import { schema } from '../../shared/model/schema';
import { defaultStyleSheet } from '../../shared/model/styles';
import { settingsFromPreset } from '../../shared/page/settings';
import type { PdfLine } from '../support/pdf-lines';
import { readPdfLines } from '../support/pdf-lines';
import { CLI, e2eUnavailable } from './support/web';

const run = promisify(execFile);
const skip = e2eUnavailable();
const dir = mkdtempSync(join(tmpdir(), 'bm-styles-print-'));

function styledPage() {
  const sheet = defaultStyleSheet();
  Object.assign(sheet.paragraph.find((s) => s.name === 'headline')!, { sizePt: 36, lines: 5 });
  const settings = { ...settingsFromPreset('duikai'), styles: sheet };
  const story = (id: string, line: number, head: Record<string, unknown>, title: string) =>
    schema.node('story', { id, col: 0, line, cols: 4, lines: 20 }, [
      schema.node('headgroup', null, [schema.node('headline', { lines: 5, ...head }, [schema.text(title)])]),
      schema.node('body', null, [schema.node('paragraph', null, [schema.text('正文的字号由网格决定。'.repeat(6))])]),
    ]);
  return schema.node('page', { settings }, [story('a', 0, {}, '甲乙丙丁'), story('b', 20, {}, '戊己庚辛'), story('c', 40, { sizePt: 18 }, '子丑寅卯')]);
}

/** Height of a line's em box in the PDF (pt): its type size for one face. */
const height = (l: PdfLine) => l.yMax - l.yMin;

describe.skipIf(skip !== null)(`type styles in the PDF${skip ? ` (skipped: ${skip})` : ''}`, () => {
  let lines: PdfLine[] = [];

  beforeAll(async () => {
    const file = join(dir, 'styled.banmian');
    const written = await writeBanmianFile(file, { pages: [styledPage().toJSON()], assets: [] });
    if (!written.ok) throw new Error(written.error.message);
    const out = join(dir, 'styled.pdf');
    await run(process.execPath, [CLI, 'export', file, '-o', out], { timeout: 170_000 });
    lines = readPdfLines(out);
  }, 200_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('sets the headlines at the style size and the overriding one at its own', () => {
    const find = (text: string) => {
      const l = lines.find((x) => x.text.replace(/\s/g, '') === text);
      expect(l, text).toBeDefined();
      return l!;
    };
    const body = lines.find((l) => l.text.includes('正文的字号'))!;
    const unit = height(body) / 9;
    expect(height(find('甲乙丙丁')) / unit).toBeCloseTo(36, 0);
    expect(height(find('戊己庚辛')) / unit).toBeCloseTo(36, 0);
    expect(height(find('子丑寅卯')) / unit).toBeCloseTo(18, 0);
  });
});
