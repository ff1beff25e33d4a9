import { t } from '../i18n/i18n';
import type { AppController, Message } from './app-controller';

/** One line for host errors and notices; the page under it is never replaced. */
export function MessageBar({ app, message }: { app: AppController; message: Message | null }) {
  if (!message) return <div className="bm-message bm-message-empty" role="status" />;
  return (
    <div className={`bm-message bm-message-${message.kind}`} role={message.kind === 'error' ? 'alert' : 'status'} data-message-kind={message.kind}>
      <span className="bm-message-text" title={message.text}>
        {message.text}
      </span>
      <button type="button" className="bm-message-close" aria-label={t('dismiss')} onMouseDown={(e) => e.preventDefault()} onClick={() => app.dismissMessage()}>
        ×
      </button>
    </div>
  );
}
