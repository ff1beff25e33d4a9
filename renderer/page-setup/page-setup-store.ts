/** Whether the page setup dialog is open: a tiny store React reads with useSyncExternalStore. */

let open = false;
const listeners = new Set<() => void>();

export function pageSetupOpen(): boolean {
  return open;
}

export function setPageSetupOpen(next: boolean): void {
  if (next === open) return;
  open = next;
  for (const l of listeners) l();
}

export function subscribePageSetup(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
