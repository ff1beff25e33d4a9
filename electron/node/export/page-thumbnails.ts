/**
 * Thumbnails of real pages for the page plan (版面计划): the pages the
 * renderer sends (unsaved edits included) laid out by print mode on the
 * printer's kept print page, each sheet captured small (JPEG) together with
 * what the layout measured (overset). Cached by page content: a page that did
 * not change since it was last drawn at that width is not drawn again, and a
 * request lays out only the pages that changed. Kept on disk too, when given
 * a folder (thumbnail-disk-cache.ts): an edition opened again shows its plan at once.
 */
import { createHash } from 'node:crypto';
import type { MeasuredOverset } from '../../../shared/copyfit/block-fit';
import type { PageThumbnail } from '../../../shared/host/host-methods';
import type { PaperSize, PageSettings } from '../../../shared/page/settings';
import type { Result } from '../../../shared/result';
import { fail, ok } from '../../../shared/result';
import type { DocumentSession } from '../session/document-session';
import { checkPages } from '../session/session-store';
import type { StageClock } from './export-timings';
import type { PdfPrinter } from './printer';
import type { ThumbnailDiskCache } from './thumbnail-disk-cache';

/** Pages laid out per print: print mode lays out a few pages well within its ready timeout. */
export const THUMBNAIL_CHUNK = 4;

/** Thumbnails kept, at most (a 24-page edition at two widths, many times over). */
export const THUMBNAIL_CACHE_SIZE = 400;

/** The hash a page's thumbnail is cached under: its content, the width asked and what draws it (`build`, the renderer build). */
export function thumbnailHash(page: unknown, width: number, build = ''): string {
  return createHash('sha256').update(JSON.stringify(page)).update(`|${width}|${build}`).digest('hex').slice(0, 32);
}

/** Which layout a thumbnail shows: print mode's draft (no line-end pass) or the print's own. */
export type ThumbnailLayout = PageThumbnail['layout'];

export interface RenderOptions {
  /** The layout to draw pages in (default 'draft'). */
  layout?: ThumbnailLayout;
  /** Times the print page's stages (bench). */
  clock?: StageClock;
}

export interface PageThumbnailsOptions {
  /** Thumbnails kept in memory, at most. */
  limit?: number;
  /** Thumbnails kept on disk between runs (none when absent). */
  disk?: ThumbnailDiskCache | null;
  /** What draws them (the renderer build): part of every hash, so a new build draws anew. */
  build?: string;
}

function oversetOf(measured: Record<string, MeasuredOverset> | undefined): { oversetBlocks: number; oversetChars: number } {
  let oversetBlocks = 0;
  let oversetChars = 0;
  for (const m of Object.values(measured ?? {})) {
    const chars = typeof m === 'number' ? m : m.chars;
    if (chars > 0) {
      oversetBlocks++;
      oversetChars += chars;
    }
  }
  return { oversetBlocks, oversetChars };
}

export class PageThumbnails {
  /** By hash; a Map keeps insertion order, so the oldest go first. */
  readonly #cache = new Map<string, PageThumbnail>();
  /** One drawing at a time per host: they share the session's print pages and the printer's kept page. */
  #queue: Promise<unknown> = Promise.resolve();

  readonly #limit: number;
  readonly #disk: ThumbnailDiskCache | null;
  readonly #build: string;

  constructor(options: PageThumbnailsOptions = {}) {
    this.#limit = options.limit ?? THUMBNAIL_CACHE_SIZE;
    this.#disk = options.disk ?? null;
    this.#build = options.build ?? '';
  }

  /** How many thumbnails are cached. */
  get size(): number {
    return this.#cache.size;
  }

  /**
   * Thumbnails of `pages`, `width` px wide, in order. `layout` 'draft' (the
   * default) draws a page not cached in print mode's draft layout (no line-end
   * pass; its overset is the draft's) and takes a cached one of either layout;
   * 'print' takes and draws only the print's layout. `clock` times the print page's stages (bench).
   */
  render(session: DocumentSession, pages: readonly unknown[], width: number, printer: PdfPrinter, options: RenderOptions = {}): Promise<Result<PageThumbnail[]>> {
    const run = this.#queue.then(() => this.#render(session, pages, width, printer, options.layout ?? 'draft', options.clock));
    this.#queue = run.catch(() => undefined);
    return run;
  }

  /** The cached thumbnail under `hash` that a request for `layout` may take. */
  #cached(hash: string, layout: ThumbnailLayout): PageThumbnail | undefined {
    const thumb = this.#cache.get(hash);
    return thumb && (layout === 'draft' || thumb.layout === 'print') ? thumb : undefined;
  }

  async #render(session: DocumentSession, pages: readonly unknown[], width: number, printer: PdfPrinter, layout: ThumbnailLayout, clock?: StageClock): Promise<Result<PageThumbnail[]>> {
    if (!printer.capture) return fail('NOT_AVAILABLE', 'this host cannot draw page thumbnails');
    const checked = checkPages(pages);
    if (!checked.ok) return checked;
    const hashes = pages.map((p) => thumbnailHash(p, width, this.#build));
    // Drawn in an earlier run: from the disk, into memory.
    if (this.#disk) {
      const disk = this.#disk;
      const missing = [...new Set(hashes.filter((h) => !this.#cached(h, layout)))];
      for (const thumb of await Promise.all(missing.map((h) => disk.get(h)))) if (thumb && !this.#cached(thumb.hash, 'print')) this.#keep(thumb);
    }
    // Pages to draw, by paper size (print mode lays out one size per print), each hash once.
    // At most THUMBNAIL_CHUNK pages per print, so a long edition never runs into the print page's timeout.
    const groups = new Map<string, { paper: PaperSize; pages: unknown[]; hashes: string[] }>();
    const seen = new Set<string>();
    pages.forEach((page, i) => {
      const hash = hashes[i]!;
      if (this.#cached(hash, layout) || seen.has(hash)) return;
      seen.add(hash);
      const paper = (page as { attrs: { settings: PageSettings } }).attrs.settings.paper;
      let n = 0;
      while ((groups.get(`${paper.width}x${paper.height}#${n}`)?.pages.length ?? 0) >= THUMBNAIL_CHUNK) n++;
      const key = `${paper.width}x${paper.height}#${n}`;
      const group = groups.get(key) ?? { paper, pages: [], hashes: [] };
      group.pages.push(page);
      group.hashes.push(hash);
      groups.set(key, group);
    });
    const drawn = new Map<string, PageThumbnail>();
    const previous = session.printPages;
    try {
      for (const group of groups.values()) {
        session.printPages = group.pages;
        let images;
        try {
          images = await printer.capture({ handle: session.handle, paper: group.paper, draft: layout === 'draft', clock }, width);
        } catch (e) {
          return fail('PRINT_FAILED', `drawing the thumbnails failed: ${(e as Error).message}`);
        }
        if (images.length !== group.pages.length) {
          return fail('PRINT_PAGE_COUNT', `the print has ${images.length} sheet(s) for ${group.pages.length} page(s)`);
        }
        const overset = printer.lastLayout?.()?.overset ?? [];
        images.forEach((image, i) => {
          const hash = group.hashes[i]!;
          const thumb: PageThumbnail = { hash, image: `data:image/jpeg;base64,${image.jpegBase64}`, width: image.width, height: image.height, layout, ...oversetOf(overset[i]) };
          drawn.set(hash, thumb);
          this.#keep(thumb);
          void this.#disk?.put(thumb);
        });
      }
    } finally {
      session.printPages = previous;
    }
    return ok(hashes.map((h) => drawn.get(h) ?? this.#cached(h, layout)!));
  }

  #keep(thumb: PageThumbnail): void {
    this.#cache.delete(thumb.hash);
    this.#cache.set(thumb.hash, thumb);
    while (this.#cache.size > this.#limit) this.#cache.delete(this.#cache.keys().next().value!);
  }
}
