import { useEffect, useSyncExternalStore } from 'react';
import { ArrangePanel } from '../panels/arrange/ArrangePanel';
import { installFileDrop } from './file-drop';
import { ExportDialog } from './export/ExportDialog';
import { PreflightPanel } from '../panels/preflight/PreflightPanel';
import { installPhotoDrop } from './photo-drop';
import { importCopyIntoBin } from './import-copy';
import { PageSetupDialog } from './page-setup/PageSetupDialog';
import { subscribeLanguage, language } from '../i18n/i18n';
import { t } from '../i18n/i18n';
import type { AppController } from './app-controller';
import { MessageBar } from './MessageBar';
import { PagePlanView } from './PagePlanView';
import { PageViewport } from './PageViewport';
import { RecoveryDialog } from './RecoveryDialog';
import { runCommand } from './run-command';
import { isMacPlatform, shortcutCommand } from './shortcuts';
import { StatusBar } from './StatusBar';
import { DeskConnectDialog } from '../desk/DeskConnectDialog';
import { Toolbar } from './Toolbar';

export function App({ app }: { app: AppController }) {
  const snap = useSyncExternalStore(app.subscribe, app.getSnapshot);
  useSyncExternalStore(subscribeLanguage, language);

  useEffect(() => {
    // The viewport attached itself in a layout effect, before this runs.
    void app.start();
  }, [app]);

  useEffect(() => {
    const mac = isMacPlatform();
    const onKey = (e: KeyboardEvent) => {
      // The editor already handled it (its own undo/redo keymap).
      if (e.defaultPrevented) return;
      const command = shortcutCommand(e, mac);
      if (!command) return;
      e.preventDefault();
      runCommand(app, command);
    };
    window.addEventListener('keydown', onKey);
    const off = app.host.onCommand((command) => runCommand(app, command));
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      if (app.host.kind !== 'web' || !app.dirty) return;
      e.preventDefault();
      e.returnValue = t('leaveUnsaved');
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    const uninstallDrop = installFileDrop(app);
    const uninstallPhotoDrop = installPhotoDrop(app);
    const offImport = app.onImportCopy(() => void importCopyIntoBin(app));
    return () => {
      uninstallDrop();
      uninstallPhotoDrop();
      offImport();
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('beforeunload', onBeforeUnload);
      off();
    };
  }, [app]);

  useEffect(() => {
    const name = snap.document?.name ?? t('appName');
    document.title = `${name} — ${t('appName')}`;
  }, [snap.document]);

  return (
    <div className="bm-shell" data-document-handle={snap.document?.handle ?? ''}>
      <Toolbar app={app} snap={snap} />
      <MessageBar app={app} message={snap.message} />
      <div className="bm-workspace">
        <PageViewport app={app} zoom={snap.zoom} hasDocument={snap.session !== null} loading={snap.loading} />
        <ArrangePanel session={snap.session} />
        <PreflightPanel session={snap.session} assets={app.assets} />
        <PagePlanView app={app} session={snap.session} />
      </div>
      <StatusBar snap={snap} />
      <PageSetupDialog app={app} />
      <ExportDialog app={app} />
      <RecoveryDialog app={app} ready={!snap.loading} />
      <DeskConnectDialog onConnect={(connection) => void app.joinDesk(connection)} />
    </div>
  );
}
