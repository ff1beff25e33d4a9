/**
 * Pages the host recovered after a crash, offered once at start-up: a tiny
 * store the recovery dialog reads with useSyncExternalStore. Empty (and the
 * dialog absent) when there are none or the host offers no recovery.
 */
import type { RecoveredEntry } from '../../shared/host/host-api';
import { Store } from '../base/store';
import { t } from '../i18n/i18n';
import type { AppController } from './app-controller';
import { hostErrorLine } from '../host/host-error-line';

export interface RecoverySnapshot {
  /** Entries still offered, newest first. */
  entries: RecoveredEntry[];
  /** Whether the dialog is showing. */
  open: boolean;
  /** An action is under way (buttons disabled). */
  busy: boolean;
}

const CLOSED: RecoverySnapshot = { entries: [], open: false, busy: false };

export class RecoveryOffer {
  readonly #app: AppController;
  readonly #store = new Store<RecoverySnapshot>(CLOSED);
  #loaded = false;

  constructor(app: AppController) {
    this.#app = app;
  }

  readonly subscribe = this.#store.subscribe;

  readonly getSnapshot = this.#store.getSnapshot;

  get #snapshot(): RecoverySnapshot {
    return this.#store.getSnapshot();
  }

  #set(patch: Partial<RecoverySnapshot>): void {
    this.#store.set({ ...this.#snapshot, ...patch });
  }

  /** Asks the host once for recovered pages; opens the dialog only when there are some. */
  async load(): Promise<void> {
    if (this.#loaded) return;
    this.#loaded = true;
    const r = await this.#app.host.listRecovered();
    // No recovery in this host (NOT_AVAILABLE) or an unreadable folder: nothing to offer,
    // and the editor must not be interrupted for it.
    if (!r.ok || r.value.length === 0) return;
    const entries = [...r.value].sort((a, b) => b.savedAt - a.savedAt);
    this.#set({ entries, open: true });
  }

  /** Opens the entry in place of the current page (unsaved) and closes the dialog. */
  async recover(id: string): Promise<void> {
    if (this.#snapshot.busy) return;
    this.#set({ busy: true });
    const entry = this.#snapshot.entries.find((e) => e.id === id);
    const done = await this.#app.openRecovered(id);
    if (done && entry) this.#app.showInfo(`${t('recoveryRecovered')}: ${entry.path ?? entry.name}`);
    this.#set(done ? { busy: false, open: false, entries: this.#without(id) } : { busy: false });
  }

  /** Deletes the entry from the host's journal; the dialog closes when none are left. */
  async discard(id: string): Promise<void> {
    if (this.#snapshot.busy) return;
    this.#set({ busy: true });
    const r = await this.#app.host.discardRecovered(id);
    if (!r.ok) {
      this.#app.showError(hostErrorLine(r.error));
      this.#set({ busy: false });
      return;
    }
    const entries = this.#without(id);
    this.#set({ busy: false, entries, open: entries.length > 0 });
  }

  /** Closes the dialog; the entries stay in the journal for the next start. */
  later(): void {
    this.#set({ open: false });
  }

  #without(id: string): RecoveredEntry[] {
    return this.#snapshot.entries.filter((e) => e.id !== id);
  }
}
