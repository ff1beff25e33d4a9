import { EditorState } from 'prosemirror-state';
import { history } from 'prosemirror-history';
import { describe, expect, it } from 'vitest';
import { cropModePlugin, cropTarget, panPhotoBy, setCropModeTr } from '../../../renderer/photo/crop-mode';
import { deleteBlocks, findBlock } from '../../../shared/model/commands';
import { placePhoto, setPhotoCrop } from '../../../shared/model/commands/photo';
import { schema } from '../../../shared/model/schema';
import { page, run } from '../../shared/model/commands/page-builder';

const image = { hash: 'c'.repeat(64), pixelWidth: 2560, pixelHeight: 1600 };

function withPhoto(): EditorState {
  const empty = schema.node('photo', { id: 'empty', col: 6, line: 0, cols: 2, lines: 10 }, [schema.node('caption')]);
  const state = EditorState.create({ doc: page(empty), plugins: [history(), cropModePlugin()] });
  return run(state, placePhoto(image, { col: 0, line: 0 })).state;
}

const focusX = (s: EditorState) => findBlock(s.doc, 'photo-2')!.node.attrs['focusX'] as number;

describe('crop mode', () => {
  it('is entered for a photo with an image only, and left again', () => {
    const state = withPhoto();
    expect(setCropModeTr(state, 'empty')).toBeNull();
    const on = state.apply(setCropModeTr(state, 'photo-2')!);
    expect(cropTarget(on)).toBe('photo-2');
    expect(on.doc).toBe(state.doc);
    expect(setCropModeTr(on, 'photo-2')).toBeNull();
    expect(cropTarget(on.apply(setCropModeTr(on, null)!))).toBeNull();
  });

  it('ends when its photo is deleted', () => {
    let state = withPhoto();
    state = state.apply(setCropModeTr(state, 'photo-2')!);
    state = run(state, deleteBlocks(['photo-2'])).state;
    expect(cropTarget(state)).toBeNull();
  });
});

describe('panPhotoBy', () => {
  it('moves the image a grid line per step with the arrow, one undo step each, and stops at the edge', () => {
    let state = run(withPhoto(), setPhotoCrop('photo-2', { zoom: 2 })).state;
    const right = run(state, panPhotoBy('photo-2', 1, 0));
    expect(right.ok).toBe(true);
    expect(right.trs).toHaveLength(1);
    // The image moved right: the frame shows more of its left side.
    expect(focusX(right.state)).toBeLessThan(0.5);
    state = run(state, setPhotoCrop('photo-2', { focusX: 0 })).state;
    expect(run(state, panPhotoBy('photo-2', 1, 0)).ok).toBe(false);
    expect(run(state, panPhotoBy('empty', 1, 0)).ok).toBe(false);
  });
});
