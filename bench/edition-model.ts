/**
 * What decides the edition model (docs/decisions/0014-edition-model.md):
 * one ProseMirror document for the edition with pages as children, or one
 * document per page. The reference page repeated 1, 8 and 24 times (ids made
 * unique) is measured in Node (building, parsing, a keystroke's transaction
 * with history, undo, a page move, a whole-document scan, saving to JSON) and
 * in Chromium (an EditorView over the edition where inactive pages are a
 * NodeView without contentDOM: creating it, and a keystroke on page 1).
 * A one-page document is exactly what the per-page model pays, so each row
 * stands beside its one-page baseline. Then the app as it is (issue 11's
 * budgets): opening the reference edition (8 pages) and a 24-page edition
 * (its pages three times) to page 1 editable, beside opening the reference
 * page; switching pages in them (PageDown/PageUp, to the new page settled);
 * their page-plan thumbnails (240 px, through the print path) beside the
 * page's; and exporting them (x4-cmyk) beside exporting the page
 * (`BENCH_EXPORT=0` leaves the exports out; `BENCH_ONLY=switch` runs only the
 * switch rows: all switches, first visits (down) and pages shown before (up);
 * `BENCH_ONLY=thumbs` only the tab's memory, the plan's thumbnails in the app
 * and the host's thumbnail rows, `BENCH_TAB_ONLY=1` then the tab rows alone,
 * `BENCH_FILES=8,24` which editions beside the page).
 *
 * `npm run bench:edition` (builds first). Reads the fixture from the repository.
 */
import { build } from 'esbuild';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Node } from 'prosemirror-model';
import { EditorState, TextSelection } from 'prosemirror-state';
import { history, undo } from 'prosemirror-history';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../electron/node/chromium/launch';
import { StageClock } from '../electron/node/export/export-timings';
import { readBanmianFile, writeBanmianFile } from '../electron/node/storage/index';
import type { LoadedFile } from '../electron/node/storage/index';
import { startWebServer } from '../electron/node/web/server';
import { buildEdition } from '../shared/edition/edition-doc';
import { movePage } from '../shared/edition/page-moves';
import { schema } from '../shared/model/schema';
import { fmt, summarize } from './stats';

/** `BENCH_ONLY=switch`: only the page-switch rows (no model, view, open or export rows). */
const switchOnly = process.env['BENCH_ONLY'] === 'switch';
/** `BENCH_ONLY=thumbs`: only the page-plan thumbnail rows. */
const thumbsOnly = process.env['BENCH_ONLY'] === 'thumbs';

type Json = { type: string; attrs?: Record<string, unknown>; content?: Json[] };

/** The page JSON with every block id suffixed, so copies can share an edition. */
function copyPage(page: Json, n: number): Json {
  const copy = JSON.parse(JSON.stringify(page)) as Json;
  for (const block of copy.content ?? []) {
    if (block.attrs && typeof block.attrs['id'] === 'string') block.attrs['id'] = `${block.attrs['id']}-${n}`;
    if (block.type === 'bin') for (const item of block.content ?? []) if (item.attrs) item.attrs['id'] = `${String(item.attrs['id'])}-${n}`;
  }
  return copy;
}

function editionJson(page: Json, pages: number): Json {
  return { type: 'edition', attrs: { paperName: '萧山日报', date: '2022-11-21', label: '' }, content: Array.from({ length: pages }, (_, i) => copyPage(page, i + 1)) };
}

/** `reps` samples, each the mean of `inner` runs (sub-microsecond work needs batching to be measured). */
function time(reps: number, fn: () => void, inner = 1): number[] {
  const out: number[] = [];
  for (let i = 0; i < reps; i++) {
    const t = performance.now();
    for (let k = 0; k < inner; k++) fn();
    out.push((performance.now() - t) / inner);
  }
  return out;
}

/** Position just inside the end of the lead story's first paragraph on page 1. */
function typingPos(doc: Node): number {
  let found = -1;
  doc.descendants((node, pos) => {
    if (found >= 0) return false;
    if (node.type.name === 'paragraph') {
      found = pos + node.nodeSize - 1;
      return false;
    }
    return true;
  });
  return found;
}

const row = (name: string, ms: number[], base?: number[]) => {
  const s = summarize(ms);
  const b = base ? summarize(base) : null;
  console.log(`${name.padEnd(48)} median ${fmt(s.median).padStart(10)}  p95 ${fmt(s.p95).padStart(10)}${b ? `   (1 page: ${fmt(b.median)}, ×${(s.median / b.median).toFixed(2)})` : ''}`);
};

function nodeRows(page: Json): void {
  const docs = new Map<number, Node>();
  const base: Record<string, number[]> = {};
  for (const n of [1, 8, 24]) {
    const json = editionJson(page, n);
    // Warm up the JIT on this shape first.
    time(20, () => void schema.nodeFromJSON(json));
    const parse = time(30, () => void schema.nodeFromJSON(json));
    const doc = schema.nodeFromJSON(json);
    docs.set(n, doc);
    const check = time(30, () => doc.check());
    const toJson = time(30, () => void JSON.stringify(doc.toJSON()));
    const scan = time(50, () => {
      let c = 0;
      doc.descendants(() => void c++);
    }, 20);
    const scanPage = time(50, () => {
      let c = 0;
      doc.child(0).descendants(() => void c++);
    }, 20);
    let state = EditorState.create({ doc, plugins: [history()] });
    const pos = typingPos(doc);
    state = state.apply(state.tr.setSelection(TextSelection.create(state.doc, pos)));
    const typing = time(60, () => {
      state = state.apply(state.tr.insertText('字'));
    }, 5);
    const undoMs: number[] = [];
    for (let round = 0; round < 8; round++) {
      let s = EditorState.create({ doc, plugins: [history()] });
      s = s.apply(s.tr.setSelection(TextSelection.create(s.doc, pos)));
      for (let i = 0; i < 300; i++) s = s.apply(s.tr.insertText('字'));
      undoMs.push(...time(1, () => void undo(s, (tr) => void (s = s.apply(tr)))));
    }
    const move = n > 1 ? time(30, () => void movePage(doc, 2, n), 5) : [];
    if (n === 1 || n === 24) console.log(`(${n} page${n === 1 ? '' : 's'}: ${doc.content.size} positions, ${doc.textContent.length} characters)`);
    const label = (what: string) => `${what}, ${n} page${n === 1 ? '' : 's'}`;
    const rows: [string, number[]][] = [
      ['parse JSON → node', parse],
      ['check()', check],
      ['toJSON + stringify (save, journal)', toJson],
      ['descendants() over the whole doc', scan],
      ['descendants() over page 1 only', scanPage],
      ['keystroke transaction (history on)', typing],
      ['undo after 300 keystrokes', undoMs],
    ];
    if (move.length > 0) rows.push(['move page 2 to the end (+ renumber)', move]);
    for (const [what, ms] of rows) {
      if (n === 1) base[what] = ms;
      row(label(what), ms, n === 1 ? undefined : base[what]);
    }
  }
  void buildEdition;
}

const VIEW_ENTRY = `
import { EditorState, TextSelection } from 'prosemirror-state';
import { EditorView } from 'prosemirror-view';
import { history } from 'prosemirror-history';
import { schema } from './shared/model/schema';
window.__bench = (json, skipInactive) => {
  document.body.innerHTML = '<div id="ed"></div>';
  const t0 = performance.now();
  const doc = schema.nodeFromJSON(json);
  let index = 0;
  const view = new EditorView(document.getElementById('ed'), {
    state: EditorState.create({ doc, plugins: [history()] }),
    nodeViews: {
      page(node, _view, getPos) {
        const dom = document.createElement('section');
        const pos = getPos();
        const active = pos === 0 || !skipInactive;
        if (!active) {
          // An inactive page: a placeholder (a thumbnail later), no contentDOM; PM never descends.
          dom.className = 'thumb';
          dom.textContent = 'page';
          return { dom, update: (n) => n.type.name === 'page', ignoreMutation: () => true, stopEvent: () => true };
        }
        const contentDOM = document.createElement('div');
        dom.appendChild(contentDOM);
        return { dom, contentDOM };
      },
    },
  });
  const created = performance.now() - t0;
  let pos = -1;
  view.state.doc.descendants((n, p) => { if (pos >= 0) return false; if (n.type.name === 'paragraph') { pos = p + n.nodeSize - 1; return false; } return true; });
  view.dispatch(view.state.tr.setSelection(TextSelection.create(view.state.doc, pos)));
  const keys = [];
  for (let i = 0; i < 200; i++) {
    const t = performance.now();
    view.dispatch(view.state.tr.insertText('字'));
    keys.push(performance.now() - t);
  }
  const nodes = document.getElementsByTagName('*').length;
  view.destroy();
  return { created, keys, nodes };
};
document.documentElement.setAttribute('data-ready', '1');
`;

async function viewRows(root: string, page: Json): Promise<void> {
  const bundle = await build({ stdin: { contents: VIEW_ENTRY, resolveDir: root, loader: 'ts' }, bundle: true, write: false, format: 'iife', logLevel: 'warning' });
  const browser = await launchChromium();
  try {
    const tab = await browser.newPage();
    await tab.setContent(`<!doctype html><meta charset="utf-8"><body><script>${bundle.outputFiles[0]!.text.replace(/<\/script/g, '<\\/script')}</script></body>`);
    await tab.waitForSelector('html[data-ready]', { state: 'attached' });
    const results: Record<string, { created: number[]; keys: number[]; nodes: number }> = {};
    for (const [name, n, skip] of [['1 page', 1, true], ['8 pages, inactive skipped', 8, true], ['24 pages, inactive skipped', 24, true], ['24 pages, all rendered', 24, false]] as const) {
      const json = editionJson(page, n);
      const created: number[] = [];
      let keys: number[] = [];
      let nodes = 0;
      for (let i = 0; i < 5; i++) {
        const r = await tab.evaluate(([j, s]) => (window as unknown as { __bench: (j: unknown, s: boolean) => { created: number; keys: number[]; nodes: number } }).__bench(j, s), [json, skip] as const);
        created.push(r.created);
        keys = keys.concat(r.keys);
        nodes = r.nodes;
      }
      results[name] = { created, keys, nodes };
      const base = results['1 page'];
      row(`view: create, ${name} (${nodes} DOM nodes)`, created, name === '1 page' ? undefined : base?.created);
      row(`view: keystroke dispatch, ${name}`, keys, name === '1 page' ? undefined : base?.keys);
    }
  } finally {
    await browser.close();
  }
}

/** Page JSON with every id, `continues` and 导读 `story` suffixed: a copy that can share an edition with the original. */
function renamed(page: unknown, n: number): unknown {
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(walk);
    if (v === null || typeof v !== 'object') return v;
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = (k === 'id' || k === 'continues' || k === 'story') && typeof x === 'string' && x !== '' ? `${x}~${n}` : walk(x);
    return out;
  };
  return walk(page);
}

/**
 * Switching pages in an open edition: PageDown to the last page and PageUp
 * back to the first; each sample from the key press to the new page
 * shown with its typesetting settled (line ends, copyfit) and painted.
 */
async function switchSamples(browser: Browser, url: string): Promise<{ first: number[]; again: number[] }> {
  const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
  const page = await context.newPage();
  try {
    await page.goto(url);
    await page.waitForSelector('[data-kind="story"][data-overset]');
    await page.evaluate(() => document.fonts.ready.then(() => undefined));
    const count = await page.locator('[data-status="page"] option').count();
    await page.click('.bm-page > [data-block-id="lead"] .bm-body p >> nth=0');
    let samples: number[] = [];
    const go = async (key: string, to: number) => {
      const t0 = performance.now();
      await page.keyboard.press(key);
      await page.waitForFunction(
        (want) =>
          document.querySelector('[data-status="page"]')?.getAttribute('data-value') === String(want) &&
          document.querySelector('.ProseMirror')?.getAttribute('data-typeset') === 'settled' &&
          new Promise<boolean>((done) => requestAnimationFrame(() => requestAnimationFrame(() => done(true)))),
        to,
        { polling: 'raf' },
      );
      samples.push(performance.now() - t0);
    };
    // Down to the last page: first visits; back up: pages shown before.
    for (let i = 1; i < count; i++) await go('PageDown', i);
    const first = samples;
    samples = [];
    for (let i = count - 2; i >= 0; i--) await go('PageUp', i);
    return { first, again: samples };
  } finally {
    await context.close();
  }
}

async function appRows(root: string): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'banmian-bench-edition-'));
  try {
    const seed = join(root, 'fixtures', 'seed-front-page.banmian');
    const eight = join(root, 'fixtures', 'reference-edition.banmian');
    const loaded = await readBanmianFile(eight);
    if (!loaded.ok) throw new Error(loaded.error.message);
    const file: LoadedFile = loaded.value;
    const twentyFour = join(dir, 'edition-24.banmian');
    const pages = [...file.pages, ...file.pages.map((p) => renamed(p, 2)), ...file.pages.map((p) => renamed(p, 3))];
    const written = await writeBanmianFile(twentyFour, { pages, edition: file.edition, assets: file.assets });
    if (!written.ok) throw new Error(written.error.message);
    const files: [string, string][] = [['reference page', seed], ['8-page edition', eight], ['24-page edition', twentyFour]];
    // `BENCH_FILES=8,24`: only the files whose name starts with one of these (the reference page always, as the baseline).
    const only = process.env['BENCH_FILES']?.split(',');
    const chosen = files.filter(([name]) => !only || name === 'reference page' || only.some((o) => name.startsWith(`${o}-`)));
    if (thumbsOnly) {
      await tabRows(chosen);
      if (process.env['BENCH_TAB_ONLY'] !== '1') await thumbnailRows(chosen);
      return;
    }
    const browser = await launchChromium();
    const open: Record<string, number[]> = {};
    try {
      for (const [name, path] of files) {
        if (switchOnly && name === 'reference page') continue;
        const server = await startWebServer({ file: path, journal: null, thumbnailDir: null });
        try {
          const samples: number[] = [];
          for (let i = 0; i < (switchOnly ? 0 : 5); i++) {
            const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
            const page = await context.newPage();
            const t0 = Date.now();
            await page.goto(server.url);
            await page.waitForSelector('[data-kind="story"][data-overset]');
            await page.evaluate(() => document.fonts.ready.then(() => undefined));
            samples.push(Date.now() - t0);
            await context.close();
          }
          open[name] = samples;
          if (!switchOnly) row(`app: open ${name} to page 1 editable`, samples, name === 'reference page' ? undefined : open['reference page']);
          if (name !== 'reference page') {
            const { first, again } = await switchSamples(browser, server.url);
            row(`app: switch page, ${name} (PageDown/PageUp)`, [...first, ...again]);
            row(`app: switch page, ${name}, first visits`, first);
            row(`app: switch page, ${name}, shown before`, again);
            if (switchOnly) console.log(`  down ${first.map((t) => t.toFixed(0)).join(' ')}\n  up   ${again.map((t) => t.toFixed(0)).join(' ')}`);
          }
        } finally {
          await server.close();
        }
      }
    } finally {
      await browser.close();
    }
    if (switchOnly) return;
    await tabRows(files);
    await thumbnailRows(files);
    if (process.env['BENCH_EXPORT'] === '0') return;
    const exports: Record<string, number[]> = {};
    for (const [name, path] of files) {
      const server = await startWebServer({ file: path, journal: null, thumbnailDir: null });
      try {
        const initial = server.host.initial();
        if (!initial.ok || !initial.value) throw new Error(`cannot open ${path}`);
        const t0 = performance.now();
        const r = await server.host.exportPdf(initial.value.handle, initial.value.pages, join(dir, 'out.pdf'), { variant: 'x4-cmyk', force: true });
        if (!r.ok) throw new Error(r.error.message);
        exports[name] = [performance.now() - t0];
        row(`app: export ${name}, x4-cmyk (${r.value.pageCount} pages)`, exports[name]!, name === 'reference page' ? undefined : exports['reference page']);
      } finally {
        await server.close();
      }
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Every page's settings with the edition label changed: the same pages, every one changed (no thumbnail cached). */
function touched(pages: readonly unknown[], mark: string): unknown[] {
  return pages.map((p) => {
    const page = p as { attrs: { settings: { edition: Record<string, unknown> } } };
    return { ...page, attrs: { ...page.attrs, settings: { ...page.attrs.settings, edition: { ...page.attrs.settings.edition, label: mark } } } };
  });
}

/**
 * Page-plan thumbnails (host method `pageThumbnails`, 240 px) of each file:
 * the first request of a host (the browser starts, print mode loads; the
 * draft layout the plan asks for), every page changed on a host that drew
 * before (the kept print page lays them out again; draft, then the print's
 * own layout), nothing changed (the cache) and the edition opened again by a
 * new host (the disk cache). Issue 11: all 24 shown ≤ 3 s.
 * `BENCH_BASE_RENDERER=DIR` runs every row first with the renderer built in
 * DIR (main's, say: a before/after in the same run, file by file).
 */
async function thumbnailRows(files: readonly [string, string][]): Promise<void> {
  const baseRenderer = process.env['BENCH_BASE_RENDERER'];
  const builds: [string, string | undefined][] = baseRenderer ? [[' (before)', baseRenderer], ['', undefined]] : [['', undefined]];
  const base: Record<string, number[]> = {};
  for (const [name, path] of files) {
    for (const [tag, rendererDir] of builds) {
      // A state folder of the bench's own: the first request draws every page, a reopen finds them on disk.
      const thumbnailDir = await mkdtemp(join(tmpdir(), 'banmian-bench-thumbs-'));
      const server = await startWebServer({ file: path, journal: null, thumbnailDir, rendererDir });
      const reopened: number[] = [];
      try {
        const initial = server.host.initial();
        if (!initial.ok || !initial.value) throw new Error(`cannot open ${path}`);
        const { handle, pages } = initial.value;
        const timed = async (sent: unknown[], layout: 'draft' | 'print', clock?: StageClock): Promise<number> => {
          const t0 = performance.now();
          const session = server.host.sessions.require(handle);
          if (!session.ok || !server.host.printer) throw new Error('no session or printer');
          const r = await server.host.thumbnails.render(session.value, sent, 240, server.host.printer, { layout, clock });
          if (!r.ok) throw new Error(r.error.message);
          return performance.now() - t0;
        };
        const clock = new StageClock();
        const first = [await timed(pages, 'draft', clock)];
        console.log(`  first request of ${name}${tag}: ${clock.stages.map((s) => `${s.stage} ${s.ms.toFixed(0)}`).join(' · ')}`);
        // Drawing every page of an edition takes minutes on this machine: once there, three times for the page.
        const reps = pages.length > 1 ? 1 : 3;
        const changed: number[] = [];
        for (let i = 0; i < reps; i++) changed.push(await timed(touched(pages, `bench ${i}`), 'draft'));
        const printed: number[] = [];
        // `BENCH_PRINT_ROWS=0`: not the print-layout row (minutes for 24 pages under load).
        if (process.env['BENCH_PRINT_ROWS'] !== '0') for (let i = 0; i < reps; i++) printed.push(await timed(touched(pages, `bench ${i}`), 'print'));
        const cached: number[] = [];
        for (let i = 0; i < 3; i++) cached.push(await timed(touched(pages, `bench ${reps - 1}`), 'draft'));
        // The edition opened again by a new host (a new run of the app): the thumbnails come from the disk.
        const again = await startWebServer({ file: path, journal: null, thumbnailDir, rendererDir });
        try {
          const opened = again.host.initial();
          if (!opened.ok || !opened.value) throw new Error(`cannot open ${path}`);
          const t0 = performance.now();
          const r = await again.host.pageThumbnails(opened.value.handle, opened.value.pages, 240, 'draft');
          if (!r.ok) throw new Error(r.error.message);
          reopened.push(performance.now() - t0);
        } finally {
          await again.close();
        }
        for (const [what, ms] of [
          ['first request (browser starts)', first],
          ['every page changed', changed],
          ['every page changed, print layout', printed],
          ['unchanged (cache)', cached],
          ['reopened (disk cache)', reopened],
        ] as const) {
          if (ms.length === 0) continue;
          const key = `${what}${tag}`;
          if (name === 'reference page') base[key] = ms;
          row(`app: thumbnails of ${name}, ${what}${tag}`, ms, name === 'reference page' ? undefined : base[key]);
        }
      } finally {
        await server.close();
        await rm(thumbnailDir, { recursive: true, force: true });
      }
    }
  }
}

/**
 * The web-mode tab of each file: its memory once page 1 is editable (JS heap
 * after a garbage collection, and DOM nodes, from CDP), then the page plan
 * opened in it — the time to its first thumbnail and to all of them shown (a
 * fresh host: nothing cached) — and the tab's memory with the plan full.
 * Issue 11: all 24 shown ≤ 3 s; the 24-page tab ≤ 1.5× the one-page tab.
 */
async function tabRows(files: readonly [string, string][]): Promise<void> {
  const browser = await launchChromium();
  const base: Record<string, number[]> = {};
  const keep = (name: string, what: string, values: number[], unit: string) => {
    if (name === 'reference page') base[what] = values;
    const ratio = name === 'reference page' || !base[what] ? '' : `   (1 page: ${base[what]![0]!.toFixed(1)} ${unit}, ×${(values[0]! / base[what]![0]!).toFixed(2)})`;
    console.log(`app: ${what}, ${name} ${values[0]!.toFixed(1)} ${unit}${ratio}`);
  };
  try {
    for (const [name, path] of files) {
      const server = await startWebServer({ file: path, journal: null, thumbnailDir: null });
      const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
      try {
        const page = await context.newPage();
        await page.goto(server.url);
        await page.waitForSelector('[data-kind="story"][data-overset]');
        await page.evaluate(() => document.fonts.ready.then(() => undefined));
        const cdp = await context.newCDPSession(page);
        await cdp.send('Performance.enable');
        const memory = async () => {
          await cdp.send('HeapProfiler.collectGarbage');
          const { metrics } = (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
          const m = (n: string) => metrics.find((x) => x.name === n)?.value ?? 0;
          return { heapMb: m('JSHeapUsedSize') / 1e6, nodes: m('Nodes') };
        };
        const open = await memory();
        keep(name, 'tab memory at open (JS heap after GC)', [open.heapMb], 'MB');
        keep(name, 'tab DOM nodes at open', [open.nodes], '');
        const count = await page.locator('[data-status="page"] option').count();
        const pages = Math.max(1, count);
        const t0 = performance.now();
        await page.click('button[data-command="pagePlan"]');
        await page.waitForSelector('.bm-plan-page img', { timeout: 600_000 });
        const firstMs = performance.now() - t0;
        await page.waitForFunction((n) => document.querySelectorAll('.bm-plan-page img').length === n, pages, { timeout: 600_000, polling: 50 });
        const allMs = performance.now() - t0;
        keep(name, 'plan opened: first thumbnail shown (fresh host)', [firstMs], 'ms');
        keep(name, `plan opened: all thumbnails shown (fresh host)`, [allMs], 'ms');
        const full = await memory();
        keep(name, 'tab memory with the plan shown (JS heap after GC)', [full.heapMb], 'MB');
        keep(name, 'tab DOM nodes with the plan shown', [full.nodes], '');
      } finally {
        await context.close();
        await server.close();
      }
    }
  } finally {
    await browser.close();
  }
}

async function main(): Promise<void> {
  const root = resolve(process.cwd());
  const file = await readBanmianFile(join(root, 'fixtures', 'seed-front-page.banmian'));
  if (!file.ok) throw new Error(file.error.message);
  const page = file.value.pages[0] as Json;
  if (!switchOnly && !thumbsOnly) {
    console.log('edition model bench: the reference page repeated (ids unique); ProseMirror alone, no Banmian NodeViews or plugins\n');
    nodeRows(page);
    console.log('');
    await viewRows(root, page);
    console.log('');
  }
  await appRows(root);
}

await main();
