/**
 * Wires the IPC handlers (electron/node/ipc) to ipcMain: one channel per
 * method of the host's table, and only our own page, in its top frame, may call.
 */
import { ipcMain } from 'electron';
import type { IpcMainEvent, IpcMainInvokeEvent } from 'electron';
import { HOST_METHOD_NAMES, PUBLIC_HOST_METHOD_NAMES } from '../../shared/host/host-methods';
import { fail } from '../../shared/result';
import { channelOf, isOwnPageUrl, METHODS_CHANNEL } from '../node/ipc/channels';
import type { createIpcHandlers } from '../node/ipc/ipc-handlers';

function trustedSender(event: IpcMainInvokeEvent | IpcMainEvent): boolean {
  const frame = event.senderFrame;
  return frame !== null && frame.parent === null && isOwnPageUrl(frame.url);
}

export function registerIpc(handlers: ReturnType<typeof createIpcHandlers>): void {
  // The preload asks which methods to expose; a page not ours learns nothing.
  ipcMain.on(METHODS_CHANNEL, (event) => {
    event.returnValue = trustedSender(event) ? PUBLIC_HOST_METHOD_NAMES : [];
  });
  for (const method of HOST_METHOD_NAMES) {
    ipcMain.handle(channelOf(method), (event, ...args: unknown[]) => {
      if (!trustedSender(event)) return fail('FORBIDDEN', 'not our page');
      const sender = event.sender;
      return handlers[method]({ owner: sender.id, send: (channel, ...payload) => sender.send(channel, ...payload) }, args);
    });
  }
}
