/**
 * `npm run bench:profile`: where the editor's time goes while typing into
 * the reference page's longest story. Types like the bench (typing.ts) under
 * Chromium's CPU profiler (CDP Profiler.start/stop) and prints the functions
 * with the largest self-time shares, plus the share of rendering (style,
 * layout, paint: the profiler's "(program)" and GC stay apart). Writes the
 * profile to `.bench/typing.cpuprofile` for DevTools. BENCH_KEYSTROKES sets
 * the number of keys (default 100). Shares, not times: meaningful on a busy machine.
 * BENCH_TRACE=1 and BENCH_AB_RENDERER=dir: see traceTyping and compareRenderers.
 */
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, CDPSession, Page } from 'playwright-core';
import { launchChromium } from '../electron/node/chromium/launch';
import { createJournal } from '../electron/node/recovery/journal';
import { startWebServer } from '../electron/node/web/server';
import { typeAndMeasure } from './typing';

const ROOT = resolve('.');
const FIXTURE = join(ROOT, 'fixtures/seed-front-page.banmian');
const KEYS = Number(process.env['BENCH_KEYSTROKES'] ?? 100);
const TEXT = '萧山区持续推进基层治理现代化建设，让群众获得感成色更足、幸福感更可持续、安全感更有保障。';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

function selfShares(profile: Profile): { name: string; share: number }[] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const byName = new Map<string, number>();
  for (const [id, t] of self) {
    const f = byId.get(id)!.callFrame;
    const file = f.url.split('/').pop() ?? '';
    const key = `${f.functionName || '(anonymous)'} ${file}:${f.lineNumber + 1}`;
    byName.set(key, (byName.get(key) ?? 0) + t);
  }
  return [...byName].map(([name, t]) => ({ name, share: t / total })).sort((a, b) => b.share - a.share);
}

/** Inclusive time by function (each sample counted once per function on its stack), share of busy time. */
function totalShares(profile: Profile): { name: string; share: number }[] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const name = (n: ProfileNode) => `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.split('/').pop() ?? ''}:${n.callFrame.lineNumber + 1}`;
  const byName = new Map<string, number>();
  let busy = 0;
  profile.samples.forEach((id, i) => {
    const dt = profile.timeDeltas[i] ?? 0;
    if (byId.get(id)!.callFrame.functionName === '(idle)') return;
    busy += dt;
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) seen.add(name(byId.get(at)!));
    for (const k of seen) byName.set(k, (byName.get(k) ?? 0) + dt);
  });
  return [...byName].map(([n, t]) => ({ name: n, share: t / busy })).sort((a, b) => b.share - a.share);
}

/**
 * BENCH_TRACE=1: a Chromium trace of the same typing instead, summed by
 * event on the page's main thread (style, layout, paint, scripts): what the
 * CPU profile shows only as "(program)".
 */
async function traceTyping(cdp: CDPSession, page: Page): Promise<void> {
  interface TraceEvent {
    name: string;
    ph: string;
    dur?: number;
    tid: number;
    pid: number;
  }
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', (e) => void events.push(...(e.value as unknown as TraceEvent[])));
  const done = new Promise<void>((r) => cdp.once('Tracing.tracingComplete', () => r()));
  await cdp.send('Tracing.start', { categories: 'devtools.timeline,blink', transferMode: 'ReportEvents' });
  for (let i = 0; i < KEYS; i++) {
    await cdp.send('Input.insertText', { text: TEXT[i % TEXT.length]! });
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0))));
  }
  await cdp.send('Tracing.end');
  await done;
  // The renderer's main thread: the one running the most FunctionCall events.
  const calls = new Map<string, number>();
  for (const e of events) if (e.name === 'FunctionCall' || e.name === 'RunTask') calls.set(`${e.pid}:${e.tid}`, (calls.get(`${e.pid}:${e.tid}`) ?? 0) + (e.name === 'FunctionCall' ? 1 : 0));
  const main = [...calls].sort((a, b) => b[1] - a[1])[0]?.[0];
  const sums = new Map<string, { n: number; ms: number }>();
  for (const e of events) {
    if (`${e.pid}:${e.tid}` !== main || e.ph !== 'X' || e.dur === undefined) continue;
    const s = sums.get(e.name) ?? { n: 0, ms: 0 };
    s.n++;
    s.ms += e.dur / 1000;
    sums.set(e.name, s);
  }
  console.log(`main-thread trace events over ${KEYS} keys (count per key, ms per key):`);
  for (const [name, s] of [...sums].sort((a, b) => b[1].ms - a[1].ms).slice(0, 30)) {
    console.log(`${(s.n / KEYS).toFixed(1).padStart(6)}  ${(s.ms / KEYS).toFixed(2).padStart(7)}  ${name}`);
  }
}

/**
 * BENCH_AB_RENDERER=dir: relayout per keystroke of this build against
 * another renderer bundle (`dir`, a dist/renderer built from another
 * commit), pages opened in turn in the same browser, BENCH_AB_RUNS pairs
 * (default 5) of KEYS keys each: ratios of medians, fair on a busy machine.
 */
async function compareRenderers(browser: Browser, fixture: string, tmp: string, other: string): Promise<void> {
  const runs = Number(process.env['BENCH_AB_RUNS'] ?? 5);
  const results: Record<'this' | 'other', { relayout: number[]; 'relayout p95': number[]; frameWork: number[]; processing: number[] }> = {
    this: { relayout: [], 'relayout p95': [], frameWork: [], processing: [] },
    other: { relayout: [], 'relayout p95': [], frameWork: [], processing: [] },
  };
  for (let i = 0; i < runs; i++) {
    for (const name of i % 2 === 0 ? (['this', 'other'] as const) : (['other', 'this'] as const)) {
      // A journal of its own each time: typed text left in one would be offered back (a dialog) in the next.
      const server = await startWebServer({
        file: fixture,
        journal: createJournal(join(tmp, `recovery-${name}-${i}`)),
        // BENCH_RENDERER=dir stands for this build (a bundle built elsewhere) in the comparison too.
        ...(name === 'other' ? { rendererDir: other } : process.env['BENCH_RENDERER'] ? { rendererDir: process.env['BENCH_RENDERER'] } : {}),
      });
      try {
        const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
        await page.goto(server.url);
        await page.waitForFunction(() => document.querySelector('.ProseMirror')?.getAttribute('data-typeset') === 'settled', null, { timeout: 60_000 });
        await clickEndOfLongestStory(page);
        const before = await page.evaluate(() => document.querySelector('.ProseMirror')?.textContent?.length ?? 0);
        const r = await typeAndMeasure(page, KEYS);
        const after = await page.evaluate(() => document.querySelector('.ProseMirror')?.textContent?.length ?? 0);
        if (after - before < KEYS * 0.9) throw new Error(`${name}: only ${after - before} of ${KEYS} characters reached the page`);
        results[name].relayout.push(r.relayout.median);
        results[name]['relayout p95'].push(r.relayout.p95);
        results[name].frameWork.push(r.frameWork.median);
        results[name].processing.push(r.processing.median);
        await page.close();
      } finally {
        await server.close();
      }
    }
  }
  const med = (v: number[]) => [...v].sort((x, y) => x - y)[Math.floor(v.length / 2)]!;
  console.log(`medians over ${runs} runs of ${KEYS} keys: this build / ${other}`);
  for (const k of ['relayout', 'relayout p95', 'frameWork', 'processing'] as const) {
    const t = med(results.this[k]);
    const o = med(results.other[k]);
    console.log(`${k.padEnd(13)} ${t.toFixed(2)} ms / ${o.toFixed(2)} ms = ${(t / o).toFixed(2)}×   (runs: ${results.this[k].map((x) => x.toFixed(1)).join(' ')} / ${results.other[k].map((x) => x.toFixed(1)).join(' ')})`);
  }
}

async function clickEndOfLongestStory(page: Page): Promise<void> {
  const [x, y] = await page.evaluate(() => {
    let best: Element | null = null;
    for (const s of document.querySelectorAll('[data-kind="story"]')) {
      if (!best || (s.textContent ?? '').length > (best.textContent ?? '').length) best = s;
    }
    const ps = best!.querySelectorAll('p');
    const last = ps[ps.length - 1]!;
    last.scrollIntoView({ block: 'center' });
    const range = document.createRange();
    range.selectNodeContents(last);
    const r = [...range.getClientRects()].pop()!;
    return [r.right - 2, r.top + r.height / 2];
  });
  await page.mouse.click(x, y);
}

async function main(): Promise<void> {
  const tmp = await mkdtemp(join(tmpdir(), 'banmian-profile-'));
  // BENCH_RENDERER=dir profiles another renderer bundle (a dist/renderer built elsewhere).
  const rendererDir = process.env['BENCH_RENDERER'];
  const server = await startWebServer({ file: FIXTURE, journal: createJournal(join(tmp, 'recovery')), ...(rendererDir ? { rendererDir } : {}) });
  const browser = await launchChromium();
  try {
    const other = process.env['BENCH_AB_RENDERER'];
    if (other) {
      await compareRenderers(browser, FIXTURE, tmp, other);
      return;
    }
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    await page.goto(server.url);
    await page.waitForFunction(() => document.querySelector('.ProseMirror')?.getAttribute('data-typeset') === 'settled', null, { timeout: 60_000 });
    await clickEndOfLongestStory(page);
    const cdp = await page.context().newCDPSession(page);
    if (process.env['BENCH_TRACE'] === '1') {
      await traceTyping(cdp, page);
      return;
    }
    // Selection changes reach every listener (panels re-render on them): how many a key.
    await page.evaluate(() => {
      const w = window as unknown as { __bmSelectionChanges: number };
      w.__bmSelectionChanges = 0;
      document.addEventListener('selectionchange', () => void w.__bmSelectionChanges++);
    });
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await cdp.send('Profiler.start');
    for (let i = 0; i < KEYS; i++) {
      await cdp.send('Input.insertText', { text: TEXT[i % TEXT.length]! });
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0))));
    }
    const { profile } = (await cdp.send('Profiler.stop')) as { profile: Profile };
    const changes = (await page.evaluate('window.__bmSelectionChanges')) as number;
    console.log(`selectionchange events: ${(changes / KEYS).toFixed(1)} a key`);
    const upd = (await page.evaluate('window.__bmUpd ?? null')) as string[] | null;
    if (upd) console.log(`line-end rounds: ${upd.length}, paragraphs updated: ${upd.map(Number).reduce((a, b) => a + b, 0)}`);
    const rounds = (await page.evaluate('window.__bmRounds ?? null')) as number[] | null;
    if (rounds) console.log(`line-end settle() calls: ${rounds.length}, rounds: ${rounds.reduce((a, b) => a + b, 0)}, histogram: ${JSON.stringify(rounds.reduce<Record<number, number>>((h, r) => ({ ...h, [r]: (h[r] ?? 0) + 1 }), {}))}`);
    await mkdir(join(ROOT, '.bench'), { recursive: true });
    await writeFile(join(ROOT, '.bench/typing.cpuprofile'), JSON.stringify(profile));
    const shares = selfShares(profile).filter((s) => s.name !== '(idle) :0');
    const busy = shares.reduce((a, s) => a + s.share, 0);
    console.log(`self time, share of busy time (${KEYS} keys):`);
    for (const s of shares.slice(0, 40)) console.log(`${((s.share / busy) * 100).toFixed(1).padStart(5)} %  ${s.name}`);
    console.log('\ninclusive time, share of busy time:');
    for (const s of totalShares(profile).slice(0, 60)) console.log(`${(s.share * 100).toFixed(1).padStart(5)} %  ${s.name}`);
  } finally {
    await browser.close();
    await server.close();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
