/** Whether the 连接版面服务器 dialog is open: a store React reads with useSyncExternalStore. */
import { Store } from '../base/store';

export const deskDialogOpen = new Store(false);
