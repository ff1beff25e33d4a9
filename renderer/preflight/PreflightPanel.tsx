/**
 * 预检: the live preflight panel. Re-runs shared/preflight over the page a
 * moment after editing pauses (and after copyfit re-measures), lists errors
 * and warnings with where they are; a click selects the block.
 */
import { useEffect, useState, useSyncExternalStore } from 'react';
import type { PreflightFinding } from '../../shared/preflight/finding';
import type { AppController } from '../app/app-controller';
import { subscribeArrange } from '../arrange/arrange-events';
import type { EditorSession } from '../editor/editor-session';
import { copyfitStore } from '../editor/copyfit-store';
import { et } from '../i18n/export-strings';
import { language, subscribeLanguage } from '../i18n/i18n';
import { assetSizes, preflightEditedPage } from './live-preflight';
import { PreflightList, PreflightSummary } from './PreflightList';

/** Quiet time after the last change before the page is checked again. */
export const PREFLIGHT_DEBOUNCE_MS = 300;

function run(app: AppController, session: EditorSession): PreflightFinding[] {
  return preflightEditedPage({ doc: session.doc, fits: session.fits, assets: assetSizes(app.assets.values()) });
}

export function PreflightPanel({ app }: { app: AppController }) {
  const session = useSyncExternalStore(app.subscribe, () => app.getSnapshot().session);
  useSyncExternalStore(subscribeLanguage, language);
  const [findings, setFindings] = useState<PreflightFinding[]>([]);
  const [open, setOpen] = useState(true);

  useEffect(() => {
    if (!session) return;
    setFindings(run(app, session));
    let timer: ReturnType<typeof setTimeout> | null = null;
    const schedule = () => {
      if (timer !== null) clearTimeout(timer);
      timer = setTimeout(() => {
        timer = null;
        setFindings(run(app, session));
      }, PREFLIGHT_DEBOUNCE_MS);
    };
    const offView = subscribeArrange(session.view, schedule);
    // Copyfit's numbers come after layout, from the copyfit store: any block's overset counts too.
    const offSession = session.subscribe(schedule);
    const offCopyfit = copyfitStore(session.view.state)?.subscribe(schedule);
    return () => {
      if (timer !== null) clearTimeout(timer);
      offView();
      offSession();
      offCopyfit?.();
    };
  }, [app, session]);

  if (!session) return null;
  const errors = findings.filter((f) => f.level === 'error').length;
  return (
    <aside className="bm-preflight-panel" data-preflight-panel="true" data-errors={errors} data-open={open}>
      <button type="button" className="bm-pf-header" title={et('liveHint')} aria-expanded={open} onMouseDown={(e) => e.preventDefault()} onClick={() => setOpen(!open)}>
        <span>{et('livePanel')}</span>
        <PreflightSummary findings={findings} />
      </button>
      {open ? <PreflightList findings={findings} session={session} /> : null}
    </aside>
  );
}
