/**
 * Closing a window with unsaved changes: ask 保存 / 不保存 / 取消.
 */
import type { SessionStore } from '../session/session-store';

export const CLOSE_PROMPT = {
  buttons: ['保存', '不保存', '取消'],
  defaultId: 0,
  cancelId: 2,
  message: '是否保存对文档的修改？',
  detailOf: (names: string[]) => `${names.join('、')} 有未保存的修改。不保存，修改将丢失。`,
} as const;

export type CloseChoice = 'save' | 'discard' | 'cancel';

export function closeChoice(buttonIndex: number): CloseChoice {
  return buttonIndex === 0 ? 'save' : buttonIndex === 1 ? 'discard' : 'cancel';
}

/** Names of the documents with unsaved changes a window owns. */
export function dirtyDocumentsOf(sessions: SessionStore, owner: number): string[] {
  return sessions
    .all()
    .filter((s) => s.owner === owner && s.dirty)
    .map((s) => s.name);
}
