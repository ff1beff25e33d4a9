import { useSyncExternalStore } from 'react';
import type { BrowserDeskClient } from './desk-client';
import { dt, userOnPage } from './desk-strings';

/** The status bar's desk part: connected or not (reconnecting), who is on the edition. */
export function DeskIndicator({ desk }: { desk: BrowserDeskClient }) {
  const s = useSyncExternalStore(desk.status.subscribe, desk.status.getSnapshot);
  const state = s.online ? 'online' : s.joined ? 'offline' : 'connecting';
  const text = s.online ? dt('deskOnline') : s.joined ? dt('deskOffline') : dt('deskConnecting');
  return (
    <span data-status="desk" data-desk-state={state} data-pending={s.pending} className={s.online ? '' : 'bm-status-desk-off'}>
      {text} · {s.edition} · {s.user}
      {s.users.length > 0 ? ' · ' + dt('deskUsers') + ': ' : ''}
      {s.users.map((user, i) => (
        <span key={user} data-desk-user={user} data-desk-page={s.pages[user] ?? ''}>
          {i > 0 ? '、' : ''}
          {userOnPage(user, s.pages[user])}
        </span>
      ))}
      {s.online
        ? s.mine.map((block) => (
            <button
              key={block}
              type="button"
              className="bm-desk-checkin"
              data-checkin={block}
              title={dt('deskCheckinHint')}
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => desk.checkin(block)}
            >
              {dt('deskCheckin')} {block}
            </button>
          ))
        : null}
    </span>
  );
}
