/**
 * 预检: the live preflight panel. Re-runs shared/preflight over the page a
 * moment after editing pauses (and after copyfit re-measures), lists errors
 * and warnings with where they are; a click selects the block.
 */
import { useEffect, useState, useSyncExternalStore } from 'react';
import type { PreflightFinding } from '../../../shared/preflight/finding';
import type { AssetEntry } from '../../../shared/format/manifest';
import type { EditorSession } from '../../editor/editor-session';
import { et } from '../../i18n/export-strings';
import { language, subscribeLanguage } from '../../i18n/i18n';
import { assetSizes, preflightEditedPage } from './live-preflight';
import { PreflightList, PreflightSummary } from './PreflightList';

/** Quiet time after the last change before the page is checked again. */
export const PREFLIGHT_DEBOUNCE_MS = 300;

function run(assets: ReadonlyMap<string, AssetEntry>, session: EditorSession): PreflightFinding[] {
  return preflightEditedPage({ doc: session.page, fits: session.fits, assets: assetSizes(assets.values()) });
}

/** `assets`: the open document's images, by hash (the app keeps them up to date). */
export function PreflightPanel({ session, assets }: { session: EditorSession | null; assets: ReadonlyMap<string, AssetEntry> }) {
  useSyncExternalStore(subscribeLanguage, language);
  const [findings, setFindings] = useState<PreflightFinding[]>([]);
  const [open, setOpen] = useState(true);

  useEffect(() => {
    if (!session) return;
    setFindings(run(assets, session));
    let timer: ReturnType<typeof setTimeout> | null = null;
    const schedule = () => {
      if (timer !== null) clearTimeout(timer);
      timer = setTimeout(() => {
        timer = null;
        setFindings(run(assets, session));
      }, PREFLIGHT_DEBOUNCE_MS);
    };
    const offView = session.onPageChange(schedule);
    // Copyfit's numbers reach the session after layout (onPageChange): any block's overset counts too.
    const offSession = session.subscribe(schedule);
    return () => {
      if (timer !== null) clearTimeout(timer);
      offView();
      offSession();
    };
  }, [assets, session]);

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
