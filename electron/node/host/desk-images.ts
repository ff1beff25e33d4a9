/**
 * Images of desk documents placed during a session (docs/decisions/0036).
 * The host's document behind a joined desk edition holds the images the
 * desk served at join; an image placed later by one client reaches the
 * others through the desk's image route, keyed by hash: the placing host
 * uploads it before the page gets the photo (so the desk holds it before any
 * step names it), and a host asked for an image its document lacks — a
 * photo on screen, a Save As, an export, the journal — fetches it from the
 * desk. An upload that fails (desk away) is kept and tried again.
 */
import type { DeskConnection } from '../../../shared/host/host-api';
import type { Result } from '../../../shared/result';
import { ok } from '../../../shared/result';
import { fetchDeskAssets, uploadDeskAsset } from '../desk/desk-assets';
import type { DocumentSession } from '../session/document-session';
import { assetReferences } from '../session/referenced-assets';
import type { AssetData } from '../storage/index';

export class DeskImages {
  /** The desk of each desk-backed document, by handle. */
  readonly #desks = new Map<string, DeskConnection>();
  /** Uploads not yet taken by the desk, by handle. */
  readonly #unsent = new Map<string, Map<string, AssetData>>();
  /** Fetches under way, by handle and hash (a photo and a save asking at once fetch once). */
  readonly #fetching = new Map<string, Promise<void>>();

  /** Marks a document as a desk edition's. */
  attach(handle: string, desk: DeskConnection): void {
    this.#desks.set(handle, desk);
  }

  /**
   * Sends an image just placed in a desk document to the desk; a failure is
   * kept for a later try and returned (the placement itself stands).
   */
  async share(handle: string, asset: AssetData): Promise<Result<void>> {
    const desk = this.#desks.get(handle);
    if (!desk) return ok(undefined);
    const unsent = this.#unsent.get(handle) ?? new Map<string, AssetData>();
    this.#unsent.set(handle, unsent);
    unsent.set(asset.entry.hash, asset);
    return this.#send(handle, desk, unsent);
  }

  /** Tries again the uploads the desk has not taken yet. */
  async retry(handle: string): Promise<void> {
    const desk = this.#desks.get(handle);
    const unsent = this.#unsent.get(handle);
    if (desk && unsent && unsent.size > 0) await this.#send(handle, desk, unsent);
  }

  /** Fetches from the desk the images `pages` show that the document lacks (those the desk holds). */
  async complete(session: DocumentSession, pages: readonly unknown[]): Promise<void> {
    if (!this.#desks.has(session.handle)) return;
    await this.retry(session.handle);
    const missing = new Set(assetReferences(pages).map((r) => r.hash).filter((h) => !session.assets.has(h)));
    await Promise.all([...missing].map((hash) => this.fetch(session, hash)));
  }

  /** Fetches one image the document lacks from its desk (nothing when the document is not a desk's, or holds it). */
  fetch(session: DocumentSession, hash: string): Promise<void> {
    const desk = this.#desks.get(session.handle);
    if (!desk || session.assets.has(hash)) return Promise.resolve();
    const key = `${session.handle}/${hash}`;
    let fetching = this.#fetching.get(key);
    if (!fetching) {
      fetching = fetchDeskAssets(desk, hash)
        .then((got) => {
          if (got.ok) for (const a of got.value) if (!session.assets.has(a.entry.hash)) session.assets.set(a.entry.hash, a);
        })
        .finally(() => this.#fetching.delete(key));
      this.#fetching.set(key, fetching);
    }
    return fetching;
  }

  async #send(handle: string, desk: DeskConnection, unsent: Map<string, AssetData>): Promise<Result<void>> {
    for (const [hash, asset] of [...unsent]) {
      const sent = await uploadDeskAsset(desk, asset);
      // A user whose role does not place images is told once; the desk would refuse the photo's step anyway.
      if (sent.ok || sent.error.code === 'FORBIDDEN') unsent.delete(hash);
      if (!sent.ok) return sent;
    }
    if (unsent.size === 0) this.#unsent.delete(handle);
    return ok(undefined);
  }
}
