/**
 * Importing copy into the story bin: the host reads and recognises the file
 * off the renderer's thread; the stories come back as blocks and enter the
 * bin in one transaction. Any failure is one line in the message bar and
 * leaves the page as it was.
 */
import { binNodesFromJson } from '../../shared/model/bin-json';
import { addToBin } from '../../shared/model/commands/bin-add';
import type { AppController } from './app-controller';
import { bt } from '../i18n/bin-strings';
import { hostErrorLine } from '../host/host-error-line';

let running = false;

/** Whether an import is under way (a second one waits for it to end). */
export function importRunning(): boolean {
  return running;
}

/** Imports a dropped file, or asks the host for one when `file` is absent. */
export async function importCopyIntoBin(app: AppController, file?: File): Promise<void> {
  const doc = app.getSnapshot().document;
  if (!app.session || !doc || running) return;
  running = true;
  document.documentElement.dataset['bmImporting'] = 'true';
  try {
    let request;
    if (file) {
      app.showInfo(`${bt('importing')} ${file.name}…`);
      request = { handle: doc.handle, file: { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) } };
    } else {
      request = { handle: doc.handle };
    }
    const r = await app.host.importCopy(request);
    if (!r.ok) {
      // The host's message names the file.
      app.showError(`${bt('importRefused')}：${hostErrorLine(r.error)}`);
      return;
    }
    if (r.value === null) {
      if (file) app.dismissMessage();
      return;
    }
    const copy = r.value;
    const session = app.session;
    // The document may have been closed or replaced while the host worked.
    if (!session || app.getSnapshot().document?.handle !== doc.handle) return;
    app.addAssets(copy.assets);
    const nodes = binNodesFromJson(copy.blocks);
    if (!nodes.ok) {
      app.showError(`${bt('importRefused')}：${copy.name}: ${nodes.message}`);
      return;
    }
    if (nodes.nodes.length === 0 || !session.run(addToBin(nodes.nodes))) {
      app.showError(`${bt('importRefused')}：${copy.name}: ${bt('binEmpty')}`);
      return;
    }
    const notes = copy.warnings.length > 0 ? `（${copy.warnings.slice(0, 3).join('；')}）` : '';
    app.showInfo(`${bt('imported')} ${copy.name}：${copy.storyCount} ${bt('importedStories')}${notes}`);
  } catch (e) {
    app.showError(`${bt('importRefused')}：${(e as Error).message}`);
  } finally {
    running = false;
    delete document.documentElement.dataset['bmImporting'];
  }
}
