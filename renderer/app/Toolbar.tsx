import { useSyncExternalStore } from 'react';
import type { MouseEvent } from 'react';
import type { AppCommand } from '../../shared/host/host-api';
import { BinToolbar } from './BinToolbar';
import { PhotoToolbar } from './PhotoToolbar';
import { language, setLanguage, t } from '../i18n/i18n';
import type { AppController, AppSnapshot } from './app-controller';
import type { SessionSnapshot } from '../editor/editor-session';
import { PagePlanToggle } from './PagePlanView';
import { runCommand } from './run-command';
import { zoomPercent } from '../page/zoom';

const NO_SESSION: SessionSnapshot = {
  dirty: false,
  storyCount: 0,
  oversetStories: 0,
  oversetChars: 0,
  selection: null,
  canUndo: false,
  canRedo: false,
  activePage: 0,
  pageCount: 0,
};
const noop = () => () => {};
const none = () => NO_SESSION;

export function Toolbar({ app, snap }: { app: AppController; snap: AppSnapshot }) {
  const session = snap.session;
  const s = useSyncExternalStore(session?.subscribe ?? noop, session?.getSnapshot ?? none);
  const hasDoc = session !== null;
  // Buttons must not take focus from the page: the caret stays where it was.
  const keepFocus = (e: MouseEvent) => e.preventDefault();
  const button = (label: string, command: AppCommand, enabled: boolean) => (
    <button type="button" data-command={command} disabled={!enabled || snap.busy} onMouseDown={keepFocus} onClick={() => runCommand(app, command)}>
      {label}
    </button>
  );
  return (
    <div className="bm-toolbar" role="toolbar">
      <div className="bm-group">
        {button(t('open'), 'open', true)}
        {button(t('save'), 'save', hasDoc)}
        {button(t('saveAs'), 'saveAs', hasDoc)}
        {button(t('exportPdf'), 'exportPdf', hasDoc)}
      </div>
      <div className="bm-group">
        {button(t('undo'), 'undo', s.canUndo)}
        {button(t('redo'), 'redo', s.canRedo)}
      </div>
      <div className="bm-group">
        {button('−', 'zoomOut', hasDoc)}
        <span className="bm-zoom-value" data-zoom={snap.zoom}>
          {zoomPercent(snap.zoom)}
        </span>
        {button('+', 'zoomIn', hasDoc)}
        {button(t('zoomFit'), 'zoomFit', hasDoc)}
        {button('100%', 'zoomActual', hasDoc)}
      </div>
      <div className="bm-group">
        <PagePlanToggle enabled={hasDoc} />
      </div>
      <BinToolbar app={app} snap={snap} />
      <PhotoToolbar app={app} snap={snap} />
      <div className="bm-spacer" />
      <button type="button" className="bm-lang" onMouseDown={keepFocus} onClick={() => setLanguage(language() === 'zh-CN' ? 'en' : 'zh-CN')}>
        {t('language')}
      </button>
    </div>
  );
}
