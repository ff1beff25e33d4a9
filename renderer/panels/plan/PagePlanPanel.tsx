/**
 * 版面计划: the whole edition at a glance — its pages in reading spreads
 * (1, 2–3, 4–5, …), each a thumbnail of the real page with its folio
 * (第N版), section, status (排版中 / 待审 / 已签发), overset and preflight
 * state. Drag a page onto the side of another to reorder (or Ctrl+←/→ on a
 * focused page): `onMove(from, to)`, which the holder of the edition
 * dispatches as one `movePage` transaction; double-click (or Enter) opens the
 * page: `onOpen(folio)`.
 *
 * Props only: the panel keeps no copy of the edition, so it can be wired to
 * whichever session holds it (page summaries, thumbnail URLs, callbacks).
 */
import { useState, useSyncExternalStore } from 'react';
import type { DragEvent, KeyboardEvent } from 'react';
import type { PageStatus, PageColour } from '../../../shared/edition/edition-doc';
import { language, subscribeLanguage } from '../../i18n/i18n';
import { dropTarget, readingSpreads, sideOf } from './plan-layout';
import type { DropSide } from './plan-layout';
import { pt, statusLabel } from './plan-strings';
import './plan.css';

/** What the plan shows of one page. */
export interface PlanPageSummary {
  /** Stable across moves (e.g. the page's first block id), for React. */
  key: string;
  section: string;
  status: PageStatus;
  colour: PageColour;
  /** Page size, mm (the thumbnail's proportions). */
  widthMm: number;
  heightMm: number;
  /** Thumbnail image URL, or null while it is drawn. */
  thumbnail: string | null;
  /** Blocks whose text does not fit, or null when not measured yet. */
  oversetBlocks: number | null;
  /**
   * Which layout measured it: the editor's (the page being edited), the
   * print's (exactly as exported) or the thumbnail's draft (no line-end pass:
   * it may differ by a line; shown as an estimate until the print's comes).
   */
  oversetLayout?: 'editor' | 'print' | 'draft' | null;
  /** Preflight findings of the page, or null when not checked yet. */
  preflight: { errors: number; warnings: number } | null;
}

export interface PagePlanProps {
  /** The pages in order: index 0 is 第1版. */
  pages: readonly PlanPageSummary[];
  /** Folio of the page being edited, if any. */
  active?: number;
  /** Moves page `from` to position `to` (folios, 1-based; `movePage` semantics). */
  onMove(from: number, to: number): void;
  /** Opens page `folio` for editing. */
  onOpen(folio: number): void;
}

/** The MIME type a dragged page carries (its folio). */
const PAGE_DRAG_TYPE = 'application/x-banmian-page';

export function PagePlanPanel({ pages, active, onMove, onOpen }: PagePlanProps) {
  useSyncExternalStore(subscribeLanguage, language);
  const [dragging, setDragging] = useState<number | null>(null);
  const [drop, setDrop] = useState<{ over: number; side: DropSide } | null>(null);
  const count = pages.length;

  const end = () => {
    setDragging(null);
    setDrop(null);
  };

  const card = (folio: number) => {
    const page = pages[folio - 1]!;
    const side = drop?.over === folio && dragging !== null && dropTarget(dragging, folio, drop.side) !== null ? drop.side : undefined;
    const onDragOver = (e: DragEvent<HTMLElement>) => {
      if (dragging === null) return;
      e.preventDefault();
      e.dataTransfer.dropEffect = 'move';
      const box = e.currentTarget.getBoundingClientRect();
      const s = sideOf(e.clientX, box.left, box.width);
      if (drop?.over !== folio || drop.side !== s) setDrop({ over: folio, side: s });
    };
    const onDrop = (e: DragEvent<HTMLElement>) => {
      e.preventDefault();
      const from = dragging ?? Number(e.dataTransfer.getData(PAGE_DRAG_TYPE));
      const box = e.currentTarget.getBoundingClientRect();
      const to = from >= 1 && from <= count ? dropTarget(from, folio, sideOf(e.clientX, box.left, box.width)) : null;
      end();
      if (to !== null) onMove(from, to);
    };
    const onKeyDown = (e: KeyboardEvent<HTMLElement>) => {
      if (e.key === 'Enter') onOpen(folio);
      else if ((e.ctrlKey || e.metaKey) && e.key === 'ArrowLeft' && folio > 1) onMove(folio, folio - 1);
      else if ((e.ctrlKey || e.metaKey) && e.key === 'ArrowRight' && folio < count) onMove(folio, folio + 1);
      else return;
      e.preventDefault();
    };
    const preflight = page.preflight;
    const pfState = preflight === null ? 'unknown' : preflight.errors > 0 ? 'error' : preflight.warnings > 0 ? 'warning' : 'ok';
    const pfText =
      preflight === null
        ? pt('preflightUnknown')
        : preflight.errors > 0
          ? pt('preflightErrors', { n: preflight.errors })
          : preflight.warnings > 0
            ? pt('preflightWarnings', { n: preflight.warnings })
            : pt('preflightOk');
    return (
      <figure
        key={page.key}
        className="bm-plan-page"
        data-folio={folio}
        data-page-key={page.key}
        data-active={folio === active ? 'true' : undefined}
        data-dragging={folio === dragging ? 'true' : undefined}
        data-drop={side}
        draggable
        tabIndex={0}
        title={pt('pageTitle', { n: folio, section: page.section })}
        onDragStart={(e) => {
          e.dataTransfer.setData(PAGE_DRAG_TYPE, String(folio));
          e.dataTransfer.effectAllowed = 'move';
          setDragging(folio);
        }}
        onDragOver={onDragOver}
        onDragLeave={(e) => {
          if (!e.currentTarget.contains(e.relatedTarget as Node | null) && drop?.over === folio) setDrop(null);
        }}
        onDrop={onDrop}
        onDragEnd={end}
        onDoubleClick={() => onOpen(folio)}
        onKeyDown={onKeyDown}
      >
        <div className="bm-plan-thumb" style={{ aspectRatio: `${page.widthMm} / ${page.heightMm}` }}>
          {page.thumbnail ? <img src={page.thumbnail} alt={pt('folio', { n: folio })} draggable={false} /> : <span className="bm-plan-pending">{pt('thumbnailPending')}</span>}
        </div>
        <figcaption>
          <div className="bm-plan-line">
            <strong className="bm-plan-folio">{pt('folio', { n: folio })}</strong>
            <span className="bm-plan-section">{page.section}</span>
            {page.colour === 'mono' ? <span className="bm-plan-mono">{pt('mono')}</span> : null}
          </div>
          <div className="bm-plan-line">
            <span className="bm-plan-status" data-status={page.status}>
              {statusLabel(page.status)}
            </span>
            {folio === active ? <span className="bm-plan-active">{pt('active')}</span> : null}
          </div>
          <div className="bm-plan-line">
            <span
              className="bm-plan-overset"
              data-overset={page.oversetBlocks ?? undefined}
              data-layout={page.oversetLayout ?? undefined}
              title={
                page.oversetBlocks === null
                  ? undefined
                  : [page.oversetBlocks > 0 ? pt('oversetTitle', { n: page.oversetBlocks }) : '', page.oversetLayout === 'draft' ? pt('oversetDraftTitle') : ''].filter(Boolean).join('；') || undefined
              }
            >
              {page.oversetBlocks === null ? '…' : `${page.oversetLayout === 'draft' ? '≈' : ''}${page.oversetBlocks > 0 ? pt('overset', { n: page.oversetBlocks }) : pt('oversetNone')}`}
            </span>
            <span className="bm-plan-preflight" data-state={pfState}>
              {pfText}
            </span>
          </div>
        </figcaption>
      </figure>
    );
  };

  return (
    <section className="bm-page-plan" data-page-plan="true" aria-label={pt('title')}>
      <header className="bm-plan-header">
        <span>{pt('title')}</span>
        <span className="bm-plan-count">
          {count} {pt('pages')}
        </span>
      </header>
      <div className="bm-plan-spreads">
        {readingSpreads(count).map((spread) => (
          // The front page is a right-hand page, the back page (even count) a left-hand one.
          <div key={spread.join('-')} className="bm-plan-spread" data-spread={spread.join('-')}>
            {spread.length === 1 && spread[0] === 1 ? <div className="bm-plan-gap" /> : null}
            {spread.map(card)}
            {spread.length === 1 && spread[0] !== 1 ? <div className="bm-plan-gap" /> : null}
          </div>
        ))}
      </div>
    </section>
  );
}
