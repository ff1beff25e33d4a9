import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import type { FormEvent } from 'react';
import type { DeskConnection } from '../../shared/host/host-api';
import { deskDialogOpen } from './desk-dialog-store';
import { dt } from './desk-strings';
import type { DeskStringKey } from './desk-strings';
// Styled as the page setup dialog (.bm-page-setup, .bm-ps-row: loaded by the app with that dialog).

const FIELDS: ReadonlyArray<[keyof DeskConnection, DeskStringKey, string]> = [
  ['url', 'deskUrl', 'http://127.0.0.1:8790'],
  ['edition', 'deskEdition', ''],
  ['user', 'deskUser', ''],
  ['token', 'deskToken', ''],
];

/** Remembered between openings (not the token). */
let last: Omit<DeskConnection, 'token'> = { url: '', edition: '', user: '' };

/** 文件 › 连接版面服务器…: the desk's URL, the edition, the user and the user's token. */
export function DeskConnectDialog({ onConnect }: { onConnect: (connection: DeskConnection) => void }) {
  const open = useSyncExternalStore(deskDialogOpen.subscribe, deskDialogOpen.getSnapshot);
  if (!open) return null;
  return <DeskConnectForm onConnect={onConnect} />;
}

function DeskConnectForm({ onConnect }: { onConnect: (connection: DeskConnection) => void }) {
  const [form, setForm] = useState<DeskConnection>({ ...last, token: '' });
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = dialog.current;
    if (d && !d.open) d.showModal();
  }, []);
  const close = () => deskDialogOpen.set(false);
  const complete = /^(https?|wss?):\/\/\S+$/.test(form.url.trim()) && form.edition.trim() !== '' && form.user.trim() !== '' && form.token !== '';
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!complete) return;
    const connection = { url: form.url.trim(), edition: form.edition.trim(), user: form.user.trim(), token: form.token };
    last = { url: connection.url, edition: connection.edition, user: connection.user };
    close();
    onConnect(connection);
  };
  return (
    <dialog ref={dialog} className="bm-page-setup" data-desk-dialog="true" onCancel={close} onClose={close}>
      <form method="dialog" onSubmit={submit}>
        <h2>{dt('deskConnectTitle')}</h2>
        {FIELDS.map(([key, label, placeholder]) => (
          <label key={key} className="bm-ps-row">
            <span>{dt(label)}</span>
            <input
              name={key}
              type={key === 'token' ? 'password' : 'text'}
              placeholder={placeholder}
              autoComplete="off"
              value={form[key]}
              onChange={(e) => setForm({ ...form, [key]: e.target.value })}
            />
          </label>
        ))}
        <div className="bm-ps-buttons">
          <button type="button" onClick={close}>
            {dt('deskCancel')}
          </button>
          <button type="submit" data-connect disabled={!complete}>
            {dt('deskConnect')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
