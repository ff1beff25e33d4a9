/**
 * The whole path, from the reference page file to a print-ready PDF, through
 * the command line: `banmian export fixtures/seed-front-page.banmian -o x.pdf`.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { normalizeChineseText } from '../../shared/text/normalize';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readBanmianFile } from '../../electron/node/storage/index';
import type { PageSettings } from '../../shared/page/settings';
import { CLI, e2eUnavailable, SEED_FILE, SEED_TEXT } from './support/web';

const run = promisify(execFile);
const skip = e2eUnavailable();
const dir = mkdtempSync(join(tmpdir(), 'bm-export-'));
const out = join(dir, 'seed-front-page.pdf');
const noSpace = (s: string) => s.replace(/\s+/g, '');

describe.skipIf(skip !== null)(`banmian export of the reference page${skip ? ` (skipped: ${skip})` : ''}`, () => {
  let stdout = '';
  let paper: PageSettings['paper'];

  beforeAll(async () => {
    const file = await readBanmianFile(SEED_FILE);
    if (!file.ok) throw new Error(`the reference page does not load: ${file.error.message}`);
    paper = (file.value.pages[0] as { attrs: { settings: PageSettings } }).attrs.settings.paper;
    ({ stdout } = await run(process.execPath, [CLI, 'export', SEED_FILE, '-o', out], { timeout: 170_000 }));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes one line and the PDF', () => {
    expect(stdout.trim().split('\n')).toHaveLength(1);
    expect(stdout).toMatch(/^wrote .*seed-front-page\.pdf \(1 page, [\d.]+ MB\) in [\d.]+ s\n$/);
    expect(statSync(out).size).toBeGreaterThan(10_000);
  });

  it('has one page whose size is exactly the paper size', async () => {
    const { stdout: info } = await run('pdfinfo', ['-box', out]);
    expect(info).toMatch(/^Pages:\s+1$/m);
    const mm = (pt: string) => (Number(pt) * 25.4) / 72;
    const box = (name: string) => {
      const m = new RegExp(`^${name}:\\s+([-\\d.]+)\\s+([-\\d.]+)\\s+([-\\d.]+)\\s+([-\\d.]+)`, 'm').exec(info);
      expect(m, name).not.toBeNull();
      return m!.slice(1, 5).map(mm) as [number, number, number, number];
    };
    const trim = box('TrimBox');
    expect(Math.abs(trim[2] - trim[0] - paper.width), 'TrimBox width').toBeLessThan(0.1);
    expect(Math.abs(trim[3] - trim[1] - paper.height), 'TrimBox height').toBeLessThan(0.1);
    // The default export has no bleed or marks: the page itself is the paper.
    const media = box('MediaBox');
    expect(Math.abs(media[2] - media[0] - paper.width), 'MediaBox width').toBeLessThan(0.1);
    expect(Math.abs(media[3] - media[1] - paper.height), 'MediaBox height').toBeLessThan(0.1);
    const size = /^Page size:\s+([\d.]+) x ([\d.]+) pts/m.exec(info);
    expect(Math.abs(mm(size![1]!) - paper.width)).toBeLessThan(0.1);
    expect(Math.abs(mm(size![2]!) - paper.height)).toBeLessThan(0.1);
    expect(info).toMatch(/^Title:\s+萧山日报 2022-11-21 第一版$/m);
  });

  it('embeds every font, none of them Type 3', async () => {
    const { stdout: fonts } = await run('pdffonts', [out]);
    const rows = fonts.trim().split('\n').slice(2);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect(row, row).not.toMatch(/Type 3/);
      // Columns from the right: emb sub uni object ID.
      const cols = row.trim().split(/\s+/);
      expect(cols.at(-5), row).toBe('yes');
    }
  });

  it('holds the whole seed text, every paragraph exactly as often as the seed has it', async () => {
    const { stdout: text } = await run('pdftotext', ['-raw', '-enc', 'UTF-8', out, '-'], { maxBuffer: 64 * 1024 * 1024 });
    const pdf = noSpace(text);
    // The page sets the seed's punctuation full width, as intake does (fixtures/README.md).
    const seedLines = readFileSync(SEED_TEXT, 'utf8').split('\n').map((l) => normalizeChineseText(l));
    const seed = noSpace(seedLines.join('\n'));
    const paragraphs = seedLines.map(noSpace).filter((p) => p !== '');
    expect(paragraphs.length).toBeGreaterThan(40);
    const count = (hay: string, needle: string) => hay.split(needle).length - 1;
    const wrong = paragraphs.filter((p) => count(pdf, p) !== count(seed, p));
    // A paragraph missing means overset or lost text; one twice means a clone was printed.
    expect(wrong.map((p) => p.slice(0, 24))).toEqual([]);
  });

  it('prints the photographs from their originals, not the screen proxies', async () => {
    const file = await readBanmianFile(SEED_FILE);
    if (!file.ok) throw new Error(file.error.message);
    const { stdout: list } = await run('pdfimages', ['-list', out]);
    const sizes = list.trim().split('\n').slice(2).map((row) => row.trim().split(/\s+/).slice(3, 5).join('x'));
    for (const asset of file.value.assets) expect(sizes).toContain(`${asset.entry.pixelWidth}x${asset.entry.pixelHeight}`);
  });
});
