/**
 * The host's side of the recovery journal (decision 0007): the pages a
 * renderer journals (kept as the session's newest, written with the images
 * they show), the entries an earlier run left to offer back, and opening one
 * as an unsaved document.
 */
import type * as Api from '../../../shared/host/host-api';
import type { Result } from '../../../shared/result';
import { fail, ok } from '../../../shared/result';
import type { Journal } from '../recovery/index';
import { journalId } from '../recovery/index';
import { openedDocument } from '../session/document-session';
import type { SessionStore } from '../session/session-store';
import { checkPages } from '../session/session-store';
import type { DeskImages } from './desk-images';

const NO_JOURNAL = fail<never>('NOT_AVAILABLE', 'crash recovery is not available in this build');

export class HostRecovery {
  constructor(
    private readonly store: Journal | null,
    private readonly sessions: SessionStore,
    private readonly deskImages: DeskImages,
  ) {}

  async journal(handle: string, pages: unknown[]): Promise<Result<void>> {
    const found = this.sessions.require(handle);
    if (!found.ok) return found;
    if (!this.store) return NO_JOURNAL;
    const checked = checkPages(pages);
    if (!checked.ok) return checked;
    const session = found.value;
    await this.deskImages.complete(session, checked.value.children);
    const assets = this.sessions.referencedAssets(session, checked.value.children);
    if (!assets.ok) return assets;
    // The host keeps the newest journalled pages: a reloaded tab gets them back, unsaved.
    session.pages = checked.value.children;
    session.dirty = true;
    const written = await this.store.write({ handle, path: session.path, name: session.name, pages: checked.value.children, assets: assets.value });
    return written.ok ? ok(undefined) : written;
  }

  /**
   * Pages to offer back: journal entries left by an earlier run. Entries this
   * host is still writing for its open documents (a reloaded tab, a second
   * window) are live work, not a crash, and are not offered.
   */
  async list(): Promise<Result<Api.RecoveredEntry[]>> {
    if (!this.store) return NO_JOURNAL;
    const listed = await this.store.list();
    if (!listed.ok) return listed;
    const live = new Set<string>();
    for (const session of this.sessions.all()) {
      live.add(journalId(session.handle));
      if (session.recoveredFrom) live.add(session.recoveredFrom);
    }
    return ok(listed.value.filter((entry) => !live.has(entry.id)));
  }

  /** Opens a journalled document as an unsaved (dirty) document; its entry stays until it is saved. */
  async open(id: string, caller?: { owner?: number }): Promise<Result<Api.OpenedDocument>> {
    if (!this.store) return NO_JOURNAL;
    const recovered = await this.store.read(id);
    if (!recovered.ok) return recovered;
    const { path, name, pages, assets, warnings } = recovered.value;
    const session = this.sessions.create({ path, name, pages, assets, warnings });
    session.dirty = true;
    session.recoveredFrom = id;
    if (caller?.owner !== undefined) session.owner = caller.owner;
    return ok(openedDocument(session));
  }

  discard(id: string): Promise<Result<void>> {
    return this.store ? this.store.discard(id) : Promise.resolve(NO_JOURNAL);
  }
}
