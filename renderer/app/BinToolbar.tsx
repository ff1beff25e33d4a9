import { useSyncExternalStore } from 'react';
import type { MouseEvent } from 'react';
import type { AppController, AppSnapshot } from './app-controller';
import { bt } from '../i18n/bin-strings';
import { pageSetupOpen } from './page-setup/page-setup-store';
import { removeSelectionToBin } from '../bin/bin-commands';
import { importCopyIntoBin } from './import-copy';

const noop = () => () => {};
const none = () => null;

/** Toolbar buttons of the bin and page setup: import copy, move back to the bin, page setup. */
export function BinToolbar({ app, snap }: { app: AppController; snap: AppSnapshot }) {
  const session = snap.session;
  // Re-render on selection changes so "to bin" enables and disables with it.
  useSyncExternalStore(session?.subscribe ?? noop, session?.getSnapshot ?? none);
  const hasDoc = session !== null;
  const canBin = session ? removeSelectionToBin(session.view.state) : false;
  const keepFocus = (e: MouseEvent) => e.preventDefault();
  return (
    <div className="bm-group">
      <button type="button" data-command="importCopy" title={bt('importCopyTitle')} disabled={!hasDoc} onMouseDown={keepFocus} onClick={() => void importCopyIntoBin(app)}>
        {bt('importCopy')}
      </button>
      <button type="button" data-command="removeToBin" title={bt('removeToBinTitle')} disabled={!canBin} onMouseDown={keepFocus} onClick={() => session?.run(removeSelectionToBin)}>
        {bt('removeToBin')}
      </button>
      <button type="button" data-command="pageSetup" title={bt('pageSetupTitle')} disabled={!hasDoc} onMouseDown={keepFocus} onClick={() => pageSetupOpen.set(true)}>
        {bt('pageSetup')}
      </button>
    </div>
  );
}
