import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { intakeText } from '../../../shared/intake/intake';
import type { IntakeFile } from '../../../shared/intake/intake-file';
import { pageFromJson } from '../../../shared/model/load-page';
import { schema } from '../../../shared/model/schema';
import { settingsFromPreset } from '../../../shared/page/settings';
import { SEED_PATH, seedText } from '../../shared/intake/seed-text';
import { buildIntakeEntries } from './build-entries';
import { DOCX_STORY, makeDocx, makePng } from './make-docx';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'banmian-import-cli-'));
let cli = '';

beforeAll(async () => {
  cli = (await buildIntakeEntries('cli')).cli;
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function banmian(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [cli, 'import', ...args], { maxBuffer: 64 * 1024 * 1024 });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

// Each run starts the whole CLI (every command's modules): seconds on a loaded machine.
describe('banmian import', { timeout: 240_000 }, () => {
  it('prints the summary of the seed page, story by story', async () => {
    const { code, stdout, stderr } = await banmian(SEED_PATH, '--summary');
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const { stories } = JSON.parse(stdout) as { stories: Record<string, unknown>[] };
    expect(stories).toHaveLength(7);
    expect(stories[0]).toMatchObject({
      kind: 'story',
      headline: '党建引领共治共享 构建现代化治理体系',
      byline: '首席记者 蒋超',
      crossheads: ['“数”绘基层治理图景', '“轻装上阵”减负增效'],
      paragraphs: 10,
    });
    expect(stories[0]).not.toHaveProperty('label');
    expect(stories[1]).toMatchObject({ kind: 'photo', label: '大美萧山', credits: ['记者丁力摄'], paragraphs: 0 });
    expect(stories[5]).toMatchObject({ label: '今日视点', captions: ['选手比赛中。'], credits: ['记者 方方斌摄'], paragraphs: 6 });
    expect(stories[5]!['text']).toContain('正越来越融入萧山人的日常生活');
    expect(stories[6]).toMatchObject({ kind: 'teaser', label: '导读', teasers: ['致敬 匠人'] });
  });

  it('prints the same summary for the seed saved as GB18030 and as UTF-16 with CRLF', async () => {
    const reference = (await banmian(SEED_PATH, '--summary')).stdout;
    const crlf = seedText().replace(/\n/g, '\r\n');
    const gb = join(dir, 'seed-gb18030.txt');
    const u16 = join(dir, 'seed-utf16.txt');
    writeFileSync(gb, iconv.encode(seedText(), 'gb18030'));
    writeFileSync(u16, iconv.encode(crlf, 'utf-16le', { addBOM: true }));
    expect((await banmian(gb, '--summary')).stdout).toBe(reference);
    expect((await banmian(u16, '--summary')).stdout).toBe(reference);
  });

  it('writes the stories as page-schema blocks with -o', async () => {
    const out = join(dir, 'seed.json');
    const { code, stdout } = await banmian(SEED_PATH, '-o', out);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^ {2}1\. story {2}党建引领共治共享/mu);
    const file = JSON.parse(readFileSync(out, 'utf8')) as IntakeFile;
    expect(file).toMatchObject({ format: 'banmian-intake', version: 1, source: { name: '000_06c4c4664c43f101.txt', encoding: 'utf-8' } });
    expect(file.stories).toHaveLength(7);
    expect(file.decisions).toEqual(intakeText(seedText()).decisions);
    const blocks = file.stories.flatMap((s) => s.blocks);
    const page = schema.nodeFromJSON({ type: 'page', attrs: { settings: settingsFromPreset('duikai') }, content: blocks });
    const loaded = pageFromJson(page.toJSON());
    expect(loaded.ok).toBe(true);
  });

  it('writes a Word file’s picture as an asset the photo block refers to', async () => {
    const png = await makePng(120, 80);
    const docx = join(dir, 'story.docx');
    const out = join(dir, 'story.json');
    writeFileSync(docx, await makeDocx(DOCX_STORY, png));
    expect((await banmian(docx, '-o', out)).code).toBe(0);
    const file = JSON.parse(readFileSync(out, 'utf8')) as IntakeFile;
    expect(file.stories).toHaveLength(1);
    const photo = file.stories[0]!.blocks.find((b) => b.type === 'photo');
    expect(file.assets).toHaveLength(1);
    expect(photo?.attrs).toMatchObject({ asset: file.assets[0]!.asset, pixelWidth: 120, pixelHeight: 80, alt: '孙叶江在厨房' });
    expect(Buffer.from(file.assets[0]!.data, 'base64').equals(png)).toBe(true);
  });

  it('refuses bad input with one line on stderr, a non-zero exit and nothing written', async () => {
    const binary = join(dir, 'photo.txt');
    writeFileSync(binary, Buffer.from([0x00, 0x01, 0x02, 0x03, 0xff, 0x00, 0x10]));
    const empty = join(dir, 'empty.txt');
    writeFileSync(empty, '');
    const blank = join(dir, 'blank.txt');
    writeFileSync(blank, '\r\n  \r\n\u3000\r\n');
    const whole = await makeDocx(DOCX_STORY, await makePng(40, 30));
    const cut = join(dir, 'cut.docx');
    writeFileSync(cut, whole.subarray(0, whole.length - 200));
    const cases: [string, RegExp][] = [
      [binary, /not a text file: it holds 2 NUL bytes/],
      [empty, /the file is empty/],
      [blank, /holds no text/],
      [cut, /not a readable Word \.docx file: the file is damaged or truncated/],
      [join(dir, 'missing.txt'), /no such file/],
    ];
    const outs = cases.map((_, i) => join(dir, `never-${i}.json`));
    const runs = await Promise.all(cases.map(([input], i) => banmian(input, '-o', outs[i]!)));
    cases.forEach(([input, message], i) => {
      const r = runs[i]!;
      expect(r.code, input).toBe(1);
      expect(r.stderr).toMatch(message);
      expect(r.stderr.trim().split('\n'), r.stderr).toHaveLength(1);
      expect(r.stdout).toBe('');
      expect(existsSync(outs[i]!)).toBe(false);
    });
  });

  it('writes -o through the atomic writer: an existing file keeps its mode, no temp file is left', async () => {
    const folder = mkdtempSync(join(dir, 'atomic-'));
    const out = join(folder, 'kept.json');
    writeFileSync(out, '{}', { mode: 0o600 });
    expect((await banmian(SEED_PATH, '-o', out)).code).toBe(0);
    expect(statSync(out).mode & 0o777).toBe(0o600);
    expect((JSON.parse(readFileSync(out, 'utf8')) as IntakeFile).stories).toHaveLength(7);
    expect(readdirSync(folder)).toEqual(['kept.json']);
  });

  it('explains its usage when called wrongly', async () => {
    const r = await banmian();
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no file given\nusage: banmian import FILE/);
    expect((await banmian(SEED_PATH, '-o', join(dir, 'x.banmian'))).stderr).toMatch(/must be a \.json file/);
  });
});
