import { useEffect, useMemo, useRef, useSyncExternalStore } from 'react';
import { language, t } from '../i18n/i18n';
import type { AppController } from './app-controller';
import { RecoveryOffer } from './recovery';
import './recovery.css';

function formatTime(ms: number): string {
  return new Date(ms).toLocaleString(language(), { hour12: false });
}

/**
 * Offers pages recovered after a crash, once, after the start-up document has
 * loaded. Renders nothing when there are none, so typing is never interrupted.
 */
export function RecoveryDialog({ app, ready }: { app: AppController; ready: boolean }) {
  const offer = useMemo(() => new RecoveryOffer(app), [app]);
  const snap = useSyncExternalStore(offer.subscribe, offer.getSnapshot);
  const dialog = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    if (ready) void offer.load();
  }, [offer, ready]);

  useEffect(() => {
    const d = dialog.current;
    if (d && snap.open && !d.open) d.showModal();
  }, [snap.open]);

  if (!snap.open) return null;
  return (
    <dialog ref={dialog} className="bm-recovery" data-testid="recovery-dialog" onCancel={() => offer.later()}>
      <h2>{t('recoveryTitle')}</h2>
      <p>{t('recoveryIntro')}</p>
      <ul className="bm-recovery-list">
        {snap.entries.map((e) => (
          <li key={e.id} className="bm-recovery-entry" data-testid="recovery-entry" data-recovery-id={e.id}>
            <div className="bm-recovery-info">
              <strong data-testid="recovery-name">{e.name}</strong>
              <span className="bm-recovery-path" data-testid="recovery-path" title={e.path ?? ''}>
                {e.path ?? t('recoveryNeverSaved')}
              </span>
              <time dateTime={new Date(e.savedAt).toISOString()} data-testid="recovery-time">
                {formatTime(e.savedAt)}
              </time>
            </div>
            <div className="bm-recovery-actions">
              <button type="button" data-testid="recovery-recover" disabled={snap.busy} onClick={() => void offer.recover(e.id)}>
                {t('recoveryRecover')}
              </button>
              <button type="button" data-testid="recovery-discard" disabled={snap.busy} onClick={() => void offer.discard(e.id)}>
                {t('recoveryDiscard')}
              </button>
            </div>
          </li>
        ))}
      </ul>
      <div className="bm-recovery-buttons">
        <button type="button" data-testid="recovery-later" disabled={snap.busy} onClick={() => offer.later()}>
          {t('recoveryLater')}
        </button>
      </div>
    </dialog>
  );
}
