/**
 * The open documents of one host process (a web server or an Electron app),
 * by handle. Opening validates through storage; a failure is a Result and
 * leaves every other session untouched.
 */
import { randomUUID } from 'node:crypto';
import { basename, resolve } from 'node:path';
import type { SavedInfo } from '../../../shared/host/host-api';
import { binFromJson, splitEditionJson } from '../../../shared/edition/edition-children';
import { pageFromJson } from '../../../shared/model/load-page';
import type { PageSettings } from '../../../shared/page/settings';
import type { Result } from '../../../shared/result';
import { fail, ok } from '../../../shared/result';
import type { AssetData, FileContent, LoadedFile } from '../storage/index';
import { readBanmianFile, writeBanmianFile } from '../storage/index';
import type { DocumentSession } from './document-session';
import { assetReferences } from './referenced-assets';

/** The storage functions a store uses (replaceable in tests). */
export interface SessionStorage {
  read(path: string): Promise<Result<LoadedFile>>;
  write(path: string, content: FileContent): Promise<Result<{ bytes: number }>>;
}

export const fileStorage: SessionStorage = { read: readBanmianFile, write: writeBanmianFile };

/** Name of a document that has never been saved. */
export const UNTITLED_NAME = '未命名.banmian';

/** Pages that passed validation, with the settings of the first. */
export interface CheckedPages {
  /** The pages alone, in order: what is printed. */
  pages: unknown[];
  /** The pages, then the edition's story bin when one was sent: what is saved and journalled. */
  children: unknown[];
  settings: PageSettings;
}

/**
 * Validates pages the renderer sent (the edition's children: its pages,
 * then its story bin if any; shared/edition/edition-children.ts). They are
 * untrusted: the same checks as a file on disk apply before anything is
 * written or printed.
 */
export function checkPages(children: readonly unknown[]): Result<CheckedPages> {
  const { pages, bin } = splitEditionJson(children);
  if (pages.length === 0) return fail('INVALID_PAGES', 'the document has no pages');
  if (bin !== null) {
    const loaded = binFromJson(bin);
    if (!loaded.ok) return fail('INVALID_PAGES', loaded.message);
  }
  let settings: PageSettings | null = null;
  for (const [index, json] of pages.entries()) {
    const loaded = pageFromJson(json);
    if (!loaded.ok) {
      const first = loaded.findings.find((f) => f.level === 'error') ?? loaded.findings[0];
      return fail('INVALID_PAGES', `page ${index + 1}: ${first?.message ?? 'not a valid page'}`);
    }
    settings ??= loaded.doc.attrs['settings'] as PageSettings;
  }
  return ok({ pages, children: [...children], settings: settings! });
}

export class SessionStore {
  private readonly sessions = new Map<string, DocumentSession>();

  constructor(private readonly storage: SessionStorage = fileStorage) {}

  /** Opens a file: a new session, or a failure with a one-line message. */
  async openPath(path: string): Promise<Result<DocumentSession>> {
    const absolute = resolve(path);
    let loaded: Result<LoadedFile>;
    try {
      loaded = await this.storage.read(absolute);
    } catch (e) {
      // Storage promises never to throw; if it does, the other sessions still must not suffer.
      return fail('READ_FAILED', `cannot open ${basename(absolute)}: ${(e as Error).message}`);
    }
    if (!loaded.ok) return fail(loaded.error.code, oneLine(loaded.error.message));
    const { pages, assets, warnings } = loaded.value;
    return ok(this.create({ path: absolute, pages, assets, warnings }));
  }

  /** Adds a session for pages already in memory (recovered, new). */
  create(init: { path: string | null; name?: string; pages: unknown[]; assets?: readonly AssetData[]; warnings?: string[] }): DocumentSession {
    const session: DocumentSession = {
      handle: randomUUID(),
      path: init.path,
      name: init.name ?? (init.path ? basename(init.path) : UNTITLED_NAME),
      assets: new Map((init.assets ?? []).map((a) => [a.entry.hash, a])),
      pages: init.pages,
      printPages: null,
      dirty: false,
      warnings: init.warnings ?? [],
    };
    this.sessions.set(session.handle, session);
    return session;
  }

  get(handle: string): DocumentSession | undefined {
    return this.sessions.get(handle);
  }

  /** The session of `handle`, or the failure to send back. */
  require(handle: string): Result<DocumentSession> {
    const session = this.sessions.get(handle);
    return session ? ok(session) : fail('NO_SUCH_DOCUMENT', 'that document is not open (the host may have restarted)');
  }

  /** Forgets a session (its window closed). */
  close(handle: string): boolean {
    return this.sessions.delete(handle);
  }

  all(): DocumentSession[] {
    return [...this.sessions.values()];
  }

  /**
   * Writes the pages and the assets they still refer to, to `path` or the
   * document's own path. On success the session takes the path and is clean.
   */
  async save(handle: string, pages: readonly unknown[], path: string | null = null): Promise<Result<SavedInfo>> {
    const found = this.require(handle);
    if (!found.ok) return found;
    const session = found.value;
    const target = path === null ? session.path : resolve(path);
    if (target === null) return fail('NO_PATH', 'the document has never been saved: choose where to save it');
    const checked = checkPages(pages);
    if (!checked.ok) return checked;
    const assets = this.referencedAssets(session, checked.value.children);
    if (!assets.ok) return assets;
    let written: Result<{ bytes: number }>;
    try {
      written = await this.storage.write(target, { pages: checked.value.children, assets: assets.value });
    } catch (e) {
      return fail('WRITE_FAILED', `cannot save ${basename(target)}: ${(e as Error).message}`);
    }
    if (!written.ok) return fail(written.error.code, oneLine(written.error.message));
    session.path = target;
    session.name = basename(target);
    session.pages = checked.value.children;
    session.dirty = false;
    return ok({ path: target, name: session.name, bytes: written.value.bytes });
  }

  /** The session's assets the pages refer to; a reference to an unknown asset is a failure. */
  referencedAssets(session: DocumentSession, pages: readonly unknown[]): Result<AssetData[]> {
    const result: AssetData[] = [];
    const seen = new Set<string>();
    for (const ref of assetReferences(pages)) {
      if (seen.has(ref.hash)) continue;
      seen.add(ref.hash);
      const asset = session.assets.get(ref.hash);
      if (!asset) {
        const where = ref.blockId ? `photo "${ref.blockId}"` : 'a photo';
        return fail('MISSING_ASSET', `${where} shows an image this document does not hold (${ref.hash.slice(0, 12)}…)`);
      }
      result.push(asset);
    }
    return ok(result);
  }
}

/** Storage messages are one line already; make sure of it for the UI. */
function oneLine(message: string): string {
  return message.replace(/\s*\n\s*/g, ' ').trim();
}
