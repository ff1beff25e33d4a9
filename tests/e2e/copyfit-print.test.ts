/**
 * Overset in print (the CLI, headless Chromium, poppler): a page on which
 * every text is too long for its frame — 引题, 主题, 副题, byline, 小标题,
 * body, caption, credit, 导读, label, the masthead's lines and its folio —
 * is flagged by `banmian preflight` part by part, `banmian export` stops
 * unless forced, and the forced PDF prints exactly the characters that fit,
 * each inside its block's frame: the text boxes `pdftotext -bbox-layout`
 * reads lie in the frames, and per block they hold the characters the
 * layout says fit (none of the clipped text is written into the PDF, none of
 * what fits is lost). In the editor the masthead and folio are flagged like
 * any other block.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeBanmianFile } from '../../electron/node/storage/index';
import { pageToJson } from '../../shared/model/load-page';
import { gridBoxRect, gridMetrics } from '../../shared/page/geometry';
import { settingsFromPreset } from '../../shared/page/settings';
import { copyfitTestPage, OVER } from './support/copyfit-document';
import { CLI, e2eUnavailable, openFileInEditor } from './support/web';
import { readFit } from './copyfit-support';

const run = promisify(execFile);
const skip = e2eUnavailable();
const metrics = gridMetrics(settingsFromPreset('duikai'));
const PT_PER_PX = 0.75;

interface Word {
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
  text: string;
}

/** A block's frame on the paper, pt. */
function framePt(box: { col: number; line: number; cols: number; lines: number }): { left: number; top: number; right: number; bottom: number } {
  const r = gridBoxRect(metrics, box);
  const left = (metrics.typeLeftPx + r.x) * PT_PER_PX;
  const top = (metrics.typeTopPx + r.y) * PT_PER_PX;
  return { left, top, right: left + r.width * PT_PER_PX, bottom: top + r.height * PT_PER_PX };
}

describe.skipIf(skip !== null)(`overset in print${skip ? ` (skipped: ${skip})` : ''}`, () => {
  const dir = mkdtempSync(join(tmpdir(), 'bm-copyfit-print-'));
  const file = join(dir, 'overset.banmian');
  const pdf = join(dir, 'overset.pdf');
  const doc = copyfitTestPage({ overset: true });

  beforeAll(async () => {
    const written = await writeBanmianFile(file, { pages: [pageToJson(doc)], assets: [] });
    if (!written.ok) throw new Error(written.error.message);
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('banmian preflight lists every block whose text does not fit, part by part, as an error', async () => {
    const out = await run(process.execPath, [CLI, 'preflight', file, '--json'], { timeout: 170_000 }).catch((e: { stdout: string; code: number }) => e);
    const report = JSON.parse(out.stdout) as { oversetMeasured: boolean; findings: { level: string; code: string; blockId?: string; message: string; messageZh: string }[] };
    expect(report.oversetMeasured).toBe(true);
    const overset = new Map(report.findings.filter((f) => f.code === 'overset').map((f) => [f.blockId, f]));
    expect([...overset.keys()].sort()).toEqual(['brief', 'guide', 'label', 'lead', 'masthead', 'photo', 'vert']);
    expect([...overset.values()].every((f) => f.level === 'error')).toBe(true);
    expect(overset.get('lead')!.messageZh).toMatch(/^稿件溢出：引题超行 \d+行，标题超行 \d+行，副题超行 \d+行，署名超行 \d+行，小标题超行 \d+行$/);
    expect(overset.get('brief')!.messageZh).toMatch(/^稿件溢出 \d+ 字$/);
    expect(overset.get('photo')!.messageZh).toMatch(/^图片溢出：图片说明超出 \d+字，图片署名超出 \d+字$/);
    expect(overset.get('guide')!.messageZh).toMatch(/^导读溢出：导读超行 \d+行$/);
    expect(overset.get('label')!.messageZh).toMatch(/^栏目标签溢出：栏目标签超行 \d+行$/);
    expect(overset.get('masthead')!.messageZh).toMatch(/报眉超出 \d+字/);
    expect(overset.get('lead')!.message).toMatch(/^story is overset: Kicker over by \d+ lines?; Headline over by/);
  }, 180_000);

  it('banmian export stops on the overset; with --force it writes the page, printing only what fits, inside each frame', async () => {
    const refused = await run(process.execPath, [CLI, 'export', file, '-o', pdf], { timeout: 170_000 }).then(
      () => null,
      (e: { code: number; stderr: string }) => e,
    );
    expect(refused).not.toBeNull();
    expect(refused!.stderr).toContain('overset');
    await run(process.execPath, [CLI, 'export', file, '-o', pdf, '--force'], { timeout: 170_000 });

    // What the layout says fits, block by block (the editor lays the page out as print does).
    const app = await openFileInEditor(file, '.bm-page [data-block-id="lead"]');
    const fits = new Map<string, number>();
    try {
      for (const id of ['masthead', 'label', 'guide', 'lead', 'brief', 'vert', 'photo']) {
        await expect.poll(async () => (await readFit(app.page, id)).overset).toBeGreaterThan(0);
        fits.set(id, (await readFit(app.page, id)).overset);
      }
      expect((await readFit(app.page, 'masthead')).parts.map((p) => p.part)).toEqual(['masthead', 'folio']);
      expect(await app.page.$eval('.bm-page > [data-block-id="masthead"]', (el) => getComputedStyle(el, '::after').content)).toBe('"+"');
    } finally {
      await app.close();
    }

    const { stdout: html } = await run('pdftotext', ['-bbox-layout', pdf, '-'], { maxBuffer: 64 * 1024 * 1024 });
    const words: Word[] = [...html.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)].map((m) => ({
      xMin: Number(m[1]),
      yMin: Number(m[2]),
      xMax: Number(m[3]),
      yMax: Number(m[4]),
      text: m[5]!,
    }));
    const blocks: { id: string; frame: ReturnType<typeof framePt>; over: number }[] = [];
    doc.forEach((b) => {
      const a = b.attrs as { id: string; col: number; line: number; cols: number; lines: number };
      if (b.type.name === 'rule') return;
      // Every part of the block is OVER.
      let parts = 0;
      b.descendants((n) => {
        if (n.isTextblock && n.textContent === OVER) parts++;
        return true;
      });
      blocks.push({ id: a.id, frame: framePt(a), over: parts * OVER.length });
    });
    const counted = new Map<string, number>();
    const strays: string[] = [];
    for (const w of words) {
      const cx = (w.xMin + w.xMax) / 2;
      const cy = (w.yMin + w.yMax) / 2;
      const home = blocks.find((b) => cx >= b.frame.left && cx <= b.frame.right && cy >= b.frame.top && cy <= b.frame.bottom);
      if (!home) {
        strays.push(`${w.text} @ ${cx.toFixed(1)},${cy.toFixed(1)}`);
        continue;
      }
      // A text box is the font's box, a little taller than a tight line: it may stand out of the frame by that much, no more.
      const slack = 0.2 * (w.yMax - w.yMin);
      const f = home.frame;
      if (w.xMin < f.left - 0.5 || w.xMax > f.right + 0.5 || w.yMin < f.top - slack || w.yMax > f.bottom + slack) {
        strays.push(`${w.text} (${home.id}) [${w.xMin.toFixed(1)} ${w.yMin.toFixed(1)} ${w.xMax.toFixed(1)} ${w.yMax.toFixed(1)}] outside [${f.left.toFixed(1)} ${f.top.toFixed(1)} ${f.right.toFixed(1)} ${f.bottom.toFixed(1)}]`);
      }
      counted.set(home.id, (counted.get(home.id) ?? 0) + Array.from(w.text).filter((c) => c === '溢').length);
    }
    expect(strays).toEqual([]);
    // Per block, the PDF holds exactly the 溢 that fit: those typed less those the layout found overset.
    for (const b of blocks) {
      if (b.over === 0) continue;
      expect({ id: b.id, printed: counted.get(b.id) ?? 0 }).toEqual({ id: b.id, printed: b.over - fits.get(b.id)! });
    }
  }, 300_000);
});
