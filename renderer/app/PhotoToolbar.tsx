import { useSyncExternalStore } from 'react';
import type { MouseEvent } from 'react';
import type { AppController, AppSnapshot } from './app-controller';
import { setPhotoCrop } from '../../shared/model/commands/photo';
import { cropTarget, photoTools, selectedPhoto, setCropModeTr } from '../photo/crop-mode';
import { placeImageFile } from './place-image';
import { pt } from '../photo/photo-strings';

/** Toolbar buttons of photos: place an image, crop mode, fit / fill. */
export function PhotoToolbar({ app, snap }: { app: AppController; snap: AppSnapshot }) {
  useSyncExternalStore(photoTools.subscribe, photoTools.getSnapshot);
  const session = snap.session;
  const state = session?.view.state ?? null;
  const photo = state ? selectedPhoto(state) : null;
  const cropping = state ? cropTarget(state) : null;
  const target = cropping ?? photo?.id ?? null;
  const keepFocus = (e: MouseEvent) => e.preventDefault();
  const toggleCrop = () => {
    if (!session) return;
    const s = session.view.state;
    const tr = setCropModeTr(s, cropTarget(s) !== null ? null : (photo?.id ?? null));
    if (tr) session.view.dispatch(tr);
    session.view.focus();
  };
  const setFit = (fit: 'fit' | 'fill') => {
    if (session && target) session.run(setPhotoCrop(target, { fit }));
  };
  const fit = photo?.fit ?? null;
  return (
    <div className="bm-group bm-photo-tools">
      <button type="button" data-command="placeImage" title={pt('placeImageTitle')} disabled={!session || snap.busy} onMouseDown={keepFocus} onClick={() => void placeImageFile(app)}>
        {pt('placeImage')}
      </button>
      <button type="button" data-command="cropPhoto" aria-pressed={cropping !== null} title={pt('cropTitle')} disabled={!target} onMouseDown={keepFocus} onClick={toggleCrop}>
        {pt('crop')}
      </button>
      <button type="button" data-command="photoFit" aria-pressed={fit === 'fit'} title={pt('fitTitle')} disabled={!target} onMouseDown={keepFocus} onClick={() => setFit('fit')}>
        {pt('fitFill')}
      </button>
      <button type="button" data-command="photoFill" aria-pressed={fit === 'fill'} title={pt('fillTitle')} disabled={!target} onMouseDown={keepFocus} onClick={() => setFit('fill')}>
        {pt('fillFrame')}
      </button>
    </div>
  );
}
