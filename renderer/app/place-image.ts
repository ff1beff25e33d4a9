/**
 * Placing an image: the host validates it and keeps the original in the
 * document's assets; the page gets it in one transaction, either in an
 * existing photo frame or as a new photo block at a grid cell. A refused
 * image is one line in the message bar and leaves the page untouched.
 */
import type { ImportImageRequest } from '../../shared/host/host-api';
import { findBlock } from '../../shared/model/commands/blocks';
import { placePhoto, setPhotoImage } from '../../shared/model/commands/photo';
import type { PhotoImage } from '../../shared/model/commands/photo';
import type { AppController } from './app-controller';
import type { EditorState } from 'prosemirror-state';
import { boxOf, pageBlocks } from '../../shared/model/commands/blocks';
import { newPhotoBox } from '../../shared/model/commands/photo';
import { docMetrics, docSettings } from '../page/page-frame';
import { freeCellNear, selectedPhotoFrame, visibleCell } from '../photo/photo-target';
import { pt } from '../photo/photo-strings';
import { activeScope } from '../../shared/edition/page-scope';

/** Where the image goes: into a photo frame, or a new photo block with its top-left at a grid cell. */
export type PlaceTarget = { frame: string } | { col: number; line: number };

/** The placement under way and those waiting for it: one at a time, in the order they came. */
let queue: Promise<unknown> = Promise.resolve();
let pending = 0;

/** Where a new photo of `image` goes from the toolbar: the free place nearest the middle of the screen. */
function freePlace(state: EditorState, image: PhotoImage, near: { col: number; line: number }): { col: number; line: number } {
  const scope = activeScope(state);
  const settings = docSettings(scope);
  const size = newPhotoBox(settings, image, { col: 0, line: 0 });
  // Centred on the point, as far as a free place allows.
  const from = { col: near.col - Math.floor(size.cols / 2), line: near.line - Math.floor(size.lines / 2) };
  return freeCellNear(pageBlocks(scope).map((b) => boxOf(b.node)), settings.grid, size, from);
}

/** Whether a placement is under way or waiting. */
export function placingImage(): boolean {
  return pending > 0;
}

/**
 * Places a dropped file, or asks the host for one (a dialog) when `file` is
 * absent. Without a target: the selected photo frame, else the cell in the
 * middle of the page's part on screen. A placement asked for while another
 * is under way waits for it (a second drop is never lost), then runs on the
 * page as it is by then.
 */
export function placeImageFile(app: AppController, file?: File, target?: PlaceTarget): Promise<boolean> {
  const root = document.documentElement;
  pending++;
  root.dataset['bmPlacing'] = 'true';
  const job = queue.then(() => placeOne(app, file, target));
  queue = job.catch(() => undefined).finally(() => {
    if (--pending === 0) delete root.dataset['bmPlacing'];
  });
  return job;
}

async function placeOne(app: AppController, file?: File, target?: PlaceTarget): Promise<boolean> {
  const doc = app.getSnapshot().document;
  if (!app.session || !doc) return false;
  try {
    let request: ImportImageRequest = { handle: doc.handle };
    if (file) {
      app.showInfo(`${pt('placing')} ${file.name}…`);
      request = { handle: doc.handle, file: { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) } };
    }
    const r = await app.host.importImage(request);
    if (!r.ok) {
      app.showError(`${pt('placeRefused')}：${r.error.message}`);
      return false;
    }
    if (r.value === null) {
      if (file) app.dismissMessage();
      return false;
    }
    const session = app.session;
    // The document may have been closed or replaced while the host worked.
    if (!session || app.getSnapshot().document?.handle !== doc.handle) return false;
    // Preflight checks the picture's resolution against the document's images.
    app.addAssets([r.value.asset]);
    const image: PhotoImage = { hash: r.value.hash, pixelWidth: r.value.pixelWidth, pixelHeight: r.value.pixelHeight };
    const state = session.view.state;
    const where = target ?? selectedPhotoFrame(state) ?? freePlace(session.view.state, image, visibleCell(session.view, docMetrics(activeScope(state)), docSettings(activeScope(state)).grid));
    let done: boolean;
    if ('frame' in where && findBlock(state.doc, where.frame)) done = session.run(setPhotoImage(where.frame, image));
    else done = session.run(placePhoto(image, 'frame' in where ? { col: 0, line: 0 } : where));
    if (done) app.showInfo(`${pt('placed')} ${r.value.name}（${image.pixelWidth} × ${image.pixelHeight} px）`);
    else app.dismissMessage();
    return done;
  } catch (e) {
    app.showError(`${pt('placeRefused')}：${(e as Error).message}`);
    return false;
  }
}
