import { useSyncExternalStore } from 'react';
import { t } from '../i18n/i18n';
import type { StringKey } from '../i18n/strings';
import type { AppSnapshot } from './app-controller';
import type { SessionSnapshot } from '../editor/editor-session';
import { zoomPercent } from '../page/zoom';
import { PageMenu } from './PageMenu';
import { DeskIndicator } from '../desk/DeskIndicator';

const noop = () => () => {};

export function StatusBar({ snap }: { snap: AppSnapshot }) {
  const session = snap.session;
  const s = useSyncExternalStore<SessionSnapshot | null>(session?.subscribe ?? noop, session?.getSnapshot ?? (() => null));
  if (!snap.document || !s) {
    return (
      <div className="bm-status" role="status">
        {snap.loading ? t('loading') : t('noDocument')}
        {snap.desk ? <DeskIndicator desk={snap.desk} /> : null}
      </div>
    );
  }
  const sel = s.selection;
  return (
    <div className="bm-status" role="status">
      <span className="bm-status-name" data-status="name">
        {snap.document.name}
        {s.dirty ? (
          <span className="bm-dirty" data-status="dirty" title={t('dirty')}>
            {' ●'}
          </span>
        ) : null}
      </span>
      {s.pageCount > 1 && session ? <PageMenu session={session} active={s.activePage} /> : null}
      <span data-status="zoom">{zoomPercent(snap.zoom)}</span>
      <span data-status="stories" data-value={s.storyCount}>
        {t('stories')} {s.storyCount}
      </span>
      <span data-status="overset" data-value={s.oversetStories} className={s.oversetStories > 0 ? 'bm-status-alert' : ''}>
        {t('overset')} {s.oversetStories}
        {s.oversetChars > 0 ? ` (${s.oversetChars} ${t('chars')})` : ''}
      </span>
      {snap.desk ? <DeskIndicator desk={snap.desk} /> : null}
      <span data-status="selection" data-value={sel ? sel.id : ''}>
        {sel ? `${t('selection')}: ${t(`kind_${sel.kind}` as StringKey)} ${sel.id}` : ''}
      </span>
    </div>
  );
}
