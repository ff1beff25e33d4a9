/** Whether the page setup dialog is open: a store React reads with useSyncExternalStore. */
import { Store } from '../../base/store';

export const pageSetupOpen = new Store(false);
