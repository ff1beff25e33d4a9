/**
 * The page plan wired to the open edition: the toolbar's 版面计划 toggle
 * shows it over the page viewport. Summaries come from the session's
 * document; thumbnails from the host's print path (`pageThumbnails`, the
 * pages as edited, unsaved changes included), asked again a moment after
 * the document changes while the plan is open (the host redraws only the
 * pages that changed), in the plan's order a few at a time, each batch shown
 * as it comes: first in print mode's draft layout (fast; its overset an
 * estimate, marked so), then in the print's own layout (its overset exact).
 * The page being edited shows the editor's own overset. A drag moves the page as one undoable transaction;
 * a double-click shows that page in the editor and closes the plan.
 */
import { useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import type { PageThumbnail } from '../../shared/host/host-methods';
import { Store } from '../base/store';
import type { EditorSession } from '../editor/editor-session';
import { language, subscribeLanguage } from '../i18n/i18n';
import { PagePlanPanel } from '../panels/plan/PagePlanPanel';
import { assetSizes } from '../panels/preflight/live-preflight';
import { pt } from '../panels/plan/plan-strings';
import { thumbnailBatches } from '../panels/plan/plan-layout';
import type { AppController } from './app-controller';
import { deletePageCommand, duplicatePageCommand, movePageCommand, newPageCommand, pagePreflight, planSummaries } from './page-plan-model';
import type { Command } from 'prosemirror-state';
import './page-plan-view.css';

/** Whether the page plan is shown (the toolbar's toggle). */
export const pagePlanOpen = new Store<boolean>(false);

/** Thumbnail width asked of the host, px. */
export const PLAN_THUMBNAIL_WIDTH = 240;
/** Quiet time after the last change before thumbnails are asked again. */
export const PLAN_REFRESH_MS = 600;

/** The toolbar's toggle. */
export function PagePlanToggle({ enabled }: { enabled: boolean }) {
  const open = useSyncExternalStore(pagePlanOpen.subscribe, pagePlanOpen.getSnapshot);
  useSyncExternalStore(subscribeLanguage, language);
  return (
    <button type="button" data-command="pagePlan" aria-pressed={open} disabled={!enabled} onMouseDown={(e) => e.preventDefault()} onClick={() => pagePlanOpen.set(!open)}>
      {pt('title')}
    </button>
  );
}

export function PagePlanView({ app, session }: { app: AppController; session: EditorSession | null }) {
  const open = useSyncExternalStore(pagePlanOpen.subscribe, pagePlanOpen.getSnapshot);
  const handle = app.getSnapshot().document?.handle ?? null;
  const [doc, setDoc] = useState(() => session?.doc ?? null);
  const [active, setActive] = useState(() => session?.activePage ?? 0);
  const [thumbs, setThumbs] = useState<(PageThumbnail | null)[]>([]);
  /** Blocks over on the page being edited, as the editor's copyfit measured it (the real layout). */
  const [editedOverset, setEditedOverset] = useState(0);
  /** Thumbnails were asked for since the plan opened. */
  const asked = useRef(false);

  // The document as it is now: on every change while open.
  useEffect(() => {
    if (!session || !open) return;
    setDoc(session.doc);
    setActive(session.activePage);
    setEditedOverset(session.getSnapshot().oversetStories);
    const offDoc = session.subscribe(() => {
      setDoc(session.doc);
      setEditedOverset(session.getSnapshot().oversetStories);
    });
    const offActive = session.onActivePage(setActive);
    return () => {
      offDoc();
      offActive();
    };
  }, [session, open]);

  // Thumbnails a moment after the document changes (the host keeps what did not), asked in the
  // plan's order a few pages at a time and shown as each batch comes: the front page first. A page
  // not yet redrawn keeps the image it had; the list follows the page count at once.
  useEffect(() => {
    if (!session || !open || !handle || !doc) {
      asked.current = false;
      return;
    }
    let stale = false;
    // Opening the plan asks at once; a change while it is open waits for a quiet moment.
    const delay = asked.current ? PLAN_REFRESH_MS : 0;
    asked.current = true;
    const timer = setTimeout(() => {
      const pages = session.pagesJson();
      setThumbs((list) => list.slice(0, pages.length));
      void (async () => {
        // Draft layouts first (every page shown soonest), then the print's own layout of each page for
        // an honest overset count (the cache answers at once for pages already drawn that way).
        for (const layout of ['draft', 'print'] as const) {
          for (const [start, end] of thumbnailBatches(pages.length)) {
            const r = await app.host.pageThumbnails(handle, pages.slice(start, end), PLAN_THUMBNAIL_WIDTH, layout);
            if (stale) return;
            if (!r.ok) continue;
            setThumbs((list) => {
              const next = Array.from({ length: pages.length }, (_, i) => list[i] ?? null);
              next.splice(start, r.value.length, ...r.value);
              return next;
            });
          }
        }
      })();
    }, delay);
    return () => {
      stale = true;
      clearTimeout(timer);
    };
  }, [app, session, open, handle, doc]);

  const preflight = useMemo(() => (doc ? pagePreflight(doc, assetSizes(app.assets.values())) : null), [app, doc]);
  if (!open || !session || !doc) return null;
  const summaries = planSummaries(doc, thumbs, preflight, { index: active, oversetBlocks: editedOverset });
  const folio = active + 1;
  // New, duplicate, delete act on the page being edited; the editor then shows the page the change leaves.
  const pageList = (command: Command, show: number) => {
    if (!session.run(command)) return;
    setThumbs([]);
    session.showPage(Math.min(show, session.pageCount - 1));
  };
  const keepFocus = (e: { preventDefault(): void }) => e.preventDefault();
  return (
    <div className="bm-page-plan-view" data-page-plan-view="true">
      <div className="bm-page-plan-actions" role="toolbar" aria-label={pt('title')}>
        <button type="button" data-command="newPage" title={pt('newPageTitle', { n: folio })} onMouseDown={keepFocus} onClick={() => pageList(newPageCommand(folio), folio)}>
          {pt('newPage')}
        </button>
        <button type="button" data-command="duplicatePage" title={pt('duplicatePageTitle', { n: folio })} onMouseDown={keepFocus} onClick={() => pageList(duplicatePageCommand(folio), folio)}>
          {pt('duplicatePage')}
        </button>
        <button type="button" data-command="deletePage" title={pt('deletePageTitle', { n: folio })} disabled={summaries.length <= 1} onMouseDown={keepFocus} onClick={() => pageList(deletePageCommand(folio), folio - 1)}>
          {pt('deletePage')}
        </button>
      </div>
      <PagePlanPanel
        pages={summaries}
        active={active + 1}
        onMove={(from, to) => {
          const wasActive = session.activePage + 1;
          if (!session.run(movePageCommand(from, to))) return;
          // Thumbnails follow the pages they show until the new ones come.
          setThumbs((list) => {
            const next = [...list];
            const [moved] = next.splice(from - 1, 1);
            next.splice(to - 1, 0, moved ?? null);
            return next;
          });
          if (wasActive === from) session.showPage(to - 1);
        }}
        onOpen={(folio) => {
          pagePlanOpen.set(false);
          session.showPage(folio - 1);
        }}
      />
    </div>
  );
}
