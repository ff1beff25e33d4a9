/**
 * What the app controller tells its React tree: the open document, its
 * editor session, zoom, the message line, busy and loading, the desk.
 */
import type { BrowserDeskClient } from '../desk/desk-client';
import type { EditorSession } from '../editor/editor-session';

export interface OpenDocumentInfo {
  handle: string;
  name: string;
  path: string | null;
}

export interface Message {
  kind: 'error' | 'info';
  text: string;
}

export interface AppSnapshot {
  document: OpenDocumentInfo | null;
  session: EditorSession | null;
  zoom: number;
  /** Whether the zoom follows the window (fit) or was set by hand. */
  fit: boolean;
  message: Message | null;
  busy: boolean;
  loading: boolean;
  /** The desk this page is joined to, or null (a file of one's own). */
  desk: BrowserDeskClient | null;
}
