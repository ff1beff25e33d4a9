/**
 * Wires the IPC handlers (electron/node/ipc) to ipcMain: one channel per
 * HostApi method, and only our own page, in its top frame, may call.
 */
import { ipcMain } from 'electron';
import type { IpcMainInvokeEvent } from 'electron';
import { fail } from '../../shared/result';
import { channelOf, isOwnPageUrl } from '../node/ipc/channels';
import type { createIpcHandlers } from '../node/ipc/ipc-handlers';
import { INVOKED_METHODS } from '../node/ipc/ipc-handlers';

function trustedSender(event: IpcMainInvokeEvent): boolean {
  const frame = event.senderFrame;
  return frame !== null && frame.parent === null && isOwnPageUrl(frame.url);
}

export function registerIpc(handlers: ReturnType<typeof createIpcHandlers>): void {
  for (const method of INVOKED_METHODS) {
    ipcMain.handle(channelOf(method), (event, ...args: unknown[]) => {
      if (!trustedSender(event)) return fail('FORBIDDEN', 'not our page');
      const sender = event.sender;
      return handlers[method]({ owner: sender.id, send: (channel, ...payload) => sender.send(channel, ...payload) }, args);
    });
  }
}
