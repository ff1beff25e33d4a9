/**
 * The app's side of joining a desk: a browser desk client whose first
 * welcome mounts the desk's page in the editor, and whose lost steps and
 * fatal answers go to the message line — a refused step's text is shown
 * there, never dropped silently.
 */
import type { Node } from 'prosemirror-model';
import type { Plugin, Transaction } from 'prosemirror-state';
import type { EditorView } from 'prosemirror-view';
import type { DeskConnection } from '../../shared/host/host-api';
import { schema } from '../../shared/model/schema';
import { language } from '../i18n/i18n';
import { BrowserDeskClient } from '../desk/desk-client';
import type { LostStep } from '../desk/desk-client';
import { dt } from '../desk/desk-strings';

/** What joinDesk needs of the app. */
export interface DeskHost {
  showError(text: string): void;
}

/** Mounts the desk's page with the desk's plugins and transaction hook; returns the editor's view. */
export type MountDeskPage = (doc: Node, plugins: Plugin[], afterTransaction: (tr: Transaction) => void) => EditorView;

/** The message line's text for a lost step: the desk's reason, and the text kept (`text`: all of a run of refusals). */
export function lostMessage(lost: LostStep, text = lost.text): string {
  const reason = language() === 'zh-CN' ? lost.messageZh : lost.message;
  const kept = text ? `${dt('deskLostKept')}：「${text}」` : '';
  return [`${dt('deskLost')}：${reason}`, kept].filter(Boolean).join(' ');
}

/** Starts a desk client on `connection`; the page appears on its first welcome. */
export function joinDesk(app: DeskHost, connection: DeskConnection, mount: MountDeskPage): BrowserDeskClient {
  // Keys typed into a held story are refused one message at a time: the line keeps all of their text.
  let run = { key: '', text: '' };
  const onLost = (lost: LostStep) => {
    const key = `${lost.reason}/${lost.code}/${lost.block ?? ''}`;
    run = { key, text: run.key === key ? run.text + lost.text : lost.text };
    app.showError(lostMessage(lost, run.text));
  };
  const client: BrowserDeskClient = new BrowserDeskClient({
    connection,
    schema,
    onJoined: (doc, plugins) => mount(doc, plugins, (tr) => client.afterTransaction(tr)),
    onLost,
    onError: (code, message) => app.showError(`${dt('deskError')} ${code}: ${message}`),
  });
  client.connect();
  return client;
}
