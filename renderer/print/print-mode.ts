/**
 * Print mode: the pages of an export, rendered by the same NodeViews and
 * stylesheet as the editor, read-only, with no chrome and no screen marks,
 * one page per sheet of exactly the paper size. When fonts and images are
 * loaded and every session's typesetting has settled (`EditorSession.settle`),
 * `<html>` gets {@link READY_ATTRIBUTE}; the exporter waits for it before printing.
 */
import type { HostApi } from '../../shared/host/host-api';
import { BLEED_QUERY, DRAFT_QUERY, READY_ATTRIBUTE } from '../../shared/host/web-protocol';
import { gridMetrics } from '../../shared/page/geometry';
import type { PageSettings } from '../../shared/page/settings';
import { EditorSession } from '../editor/editor-session';
import { pageFromJson } from '../../shared/model/load-page';
import { PX_PER_MM } from '../../shared/page/units';
import { extendToBleed } from './bleed';

function nextFrame(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => resolve()));
}

/** Waits until no web font is loading (fonts load lazily per unicode-range as text is laid out). */
async function fontsSettled(): Promise<void> {
  for (let i = 0; i < 20; i++) {
    await document.fonts.ready;
    await nextFrame();
    await nextFrame();
    if (document.fonts.status === 'loaded') return;
  }
}

async function imagesSettled(root: HTMLElement): Promise<void> {
  const images = [...root.querySelectorAll('img')];
  // A broken image must not hold up the export forever: it prints as its frame.
  await Promise.all(images.map((img) => img.decode().catch(() => undefined)));
}

function pageStyle(settings: PageSettings, bleedMm: number): string {
  const width = settings.paper.width + 2 * bleedMm;
  const height = settings.paper.height + 2 * bleedMm;
  // With bleed the page may paint beyond its trim; the sheet (trim + bleed) clips.
  const bleed = bleedMm > 0 ? `\n.bm-print-sheet > div { margin: ${bleedMm}mm; }\n.bm-print-sheet .bm-page { overflow: visible; }` : '';
  return `@page { size: ${width}mm ${height}mm; margin: 0; }\nhtml, body { margin: 0; padding: 0; background: #fff; }\n.bm-print-sheet { break-after: page; overflow: hidden; }\n.bm-print-sheet:last-child { break-after: auto; }${bleed}`;
}

/** The bleed print mode was asked for, mm (0 when absent or not a number from 0 to 20). */
function bleedFromUrl(): number {
  const raw = new URLSearchParams(window.location.search).get(BLEED_QUERY);
  const n = raw === null ? 0 : Number(raw);
  return Number.isFinite(n) && n >= 0 && n <= 20 ? n : 0;
}

function fail(message: string): void {
  const p = document.createElement('p');
  p.className = 'bm-print-error';
  p.textContent = message;
  document.body.appendChild(p);
  document.documentElement.setAttribute('data-bm-error', message);
}

/** What the print page shows now: its sessions and the pages' JSON they were made from. */
interface Shown {
  sessions: EditorSession[];
  json: string;
  /** Laid out as a draft (no line-end pass: thumbnails). */
  draft: boolean;
  style: HTMLStyleElement | null;
}

/**
 * Print mode. The page stays usable for later prints of the same session:
 * the exporter keeps it open and calls `window.__bmReprint(draft)`, which fetches
 * the print pages again and lays them out afresh only when they changed
 * (fonts are already loaded then); unchanged pages are printed as they are.
 * A draft ({@link DRAFT_QUERY} on the first load, `draft` on a reprint) leaves
 * the line-end pass out: page thumbnails, where it is invisible.
 */
export async function runPrintMode(host: HostApi, handle: string, root: HTMLElement): Promise<void> {
  document.documentElement.classList.add('bm-print');
  let shown: Shown | null = null;
  const show = async (draft: boolean) => {
    document.documentElement.removeAttribute(READY_ATTRIBUTE);
    document.documentElement.removeAttribute('data-bm-error');
    for (const e of document.querySelectorAll('.bm-print-error')) e.remove();
    performance.clearMarks();
    performance.mark('bm-print-start');
    shown = await showPages(host, handle, root, shown, draft);
  };
  (window as unknown as { __bmReprint?: (draft?: boolean) => Promise<void> }).__bmReprint = (draft) => show(draft === true);
  await show(new URLSearchParams(window.location.search).get(DRAFT_QUERY) === '1');
}

async function showPages(host: HostApi, handle: string, root: HTMLElement, before: Shown | null, draft: boolean): Promise<Shown | null> {
  const r = await host.documentForPrint(handle);
  performance.mark('bm-print-loaded');
  if (!r.ok) {
    fail(r.error.message);
    return before;
  }
  const json = JSON.stringify(r.value.pages);
  if (before && before.json === json && before.draft === draft) {
    // The same pages, already laid out and settled: print them as they are.
    performance.mark('bm-print-ready');
    document.documentElement.setAttribute(READY_ATTRIBUTE, 'true');
    return before;
  }
  for (const s of before?.sessions ?? []) s.destroy();
  before?.style?.remove();
  root.replaceChildren();
  const sessions: EditorSession[] = [];
  const bleedMm = bleedFromUrl();
  let first: PageSettings | null = null;
  for (const [i, json] of r.value.pages.entries()) {
    const loaded = pageFromJson(json);
    if (!loaded.ok) {
      fail(`page ${i + 1}: ${loaded.findings[0]?.message ?? 'invalid page'}`);
      return { sessions, json: '', draft, style: null };
    }
    const settings = loaded.doc.attrs['settings'] as PageSettings;
    first ??= settings;
    const m = gridMetrics(settings);
    const sheet = document.createElement('div');
    sheet.className = 'bm-print-sheet';
    sheet.style.width = `${settings.paper.width + 2 * bleedMm}mm`;
    sheet.style.height = `${settings.paper.height + 2 * bleedMm}mm`;
    // Paper px from mm can differ from the sheet by a rounding hair; the page keeps its own px size.
    sheet.dataset['paperPx'] = `${m.paperWidthPx}x${m.paperHeightPx}`;
    const mount = document.createElement('div');
    sheet.appendChild(mount);
    root.appendChild(sheet);
    sessions.push(new EditorSession({ mount, doc: loaded.doc, editable: false, typesetOnlyOnSettle: true, typesetDraft: draft, assetUrl: (hash) => host.assetUrl(handle, hash) }));
  }
  let style: HTMLStyleElement | null = null;
  if (first) {
    style = document.createElement('style');
    style.textContent = pageStyle(first, bleedMm);
    document.head.appendChild(style);
  }
  performance.mark('bm-print-rendered');
  await fontsSettled();
  performance.mark('bm-print-fonts');
  await imagesSettled(root);
  performance.mark('bm-print-images');
  // The typesetting passes (line ends, Han–Western gaps, push-in, then copyfit) are layout
  // passes: settle them on the final fonts and images.
  await Promise.all(sessions.map((s) => s.settle()));
  for (const s of sessions) {
    const m = gridMetrics(s.settings);
    extendToBleed(s.view.dom, { width: m.paperWidthPx, height: m.paperHeightPx }, bleedMm * PX_PER_MM);
  }
  await nextFrame();
  performance.mark('bm-print-ready');
  document.documentElement.setAttribute(READY_ATTRIBUTE, 'true');
  return { sessions, json, draft, style };
}
