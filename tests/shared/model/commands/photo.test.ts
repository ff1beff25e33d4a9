import { describe, expect, it } from 'vitest';
import type { NodeSelection } from 'prosemirror-state';
import { addToBin } from '../../../../shared/model/commands/bin-add';
import { findBlock } from '../../../../shared/model/commands/blocks';
import { MAX_PHOTO_ZOOM, newPhotoBox, photoCrop, placePhoto, setPhotoCrop, setPhotoImage } from '../../../../shared/model/commands/photo';
import { pageFromJson } from '../../../../shared/model/load-page';
import { schema } from '../../../../shared/model/schema';
import { gridMetrics } from '../../../../shared/page/geometry';
import { settingsFromPreset } from '../../../../shared/page/settings';
import { order, page, run, stateOf, story, undone } from './page-builder';

const HASH_A = 'a'.repeat(64);
const HASH_B = 'b'.repeat(64);
const wide = { hash: HASH_A, pixelWidth: 2560, pixelHeight: 1600 };
const settings = settingsFromPreset('duikai');
const m = gridMetrics(settings);

const attrsOf = (doc: Parameters<typeof findBlock>[0], id: string) => findBlock(doc, id)!.node.attrs;

describe('newPhotoBox', () => {
  it('is three columns wide and as tall as the image at that width, plus two caption lines', () => {
    const box = newPhotoBox(settings, wide, { col: 2, line: 10 });
    const widthPx = 3 * m.columnPx + 2 * m.gutterPx;
    expect(box).toEqual({ col: 2, line: 10, cols: 3, lines: Math.round((widthPx * 1600) / 2560 / m.linePx) + 2 });
  });

  it('stays inside the grid near its far edges', () => {
    const box = newPhotoBox(settings, wide, { col: 7, line: 115 });
    expect(box.col + box.cols).toBeLessThanOrEqual(8);
    expect(box.line + box.lines).toBeLessThanOrEqual(settings.grid.lines);
    expect(box.cols).toBe(3);
  });
});

describe('placePhoto', () => {
  it('adds a photo block at the cell, on top, selected, with an empty caption and credit; one undo removes it', () => {
    const state = stateOf(page(story('s1', { col: 0, line: 0, cols: 4, lines: 40 })));
    const r = run(state, placePhoto(wide, { col: 4, line: 50 }));
    expect(r.ok).toBe(true);
    expect(r.trs).toHaveLength(1);
    expect(order(r.state.doc)).toEqual(['s1', 'photo-2']);
    const photo = findBlock(r.state.doc, 'photo-2')!.node;
    expect(photo.attrs).toMatchObject({ asset: HASH_A, pixelWidth: 2560, pixelHeight: 1600, col: 4, line: 50, cols: 3, fit: 'fill', zoom: 1, captionLines: 2 });
    expect(photo.content.childCount).toBe(2);
    expect((r.state.selection as NodeSelection).node.attrs['id']).toBe('photo-2');
    // The stored page is valid.
    expect(pageFromJson(r.state.doc.toJSON()).ok).toBe(true);
    expect(order(undone(r.state).doc)).toEqual(['s1']);
  });

  it('goes at the end of the page, the edition\'s story bin staying last after the pages', () => {
    let state = stateOf(schema.node('edition', null, [page(story('s1', { col: 0, line: 0, cols: 4, lines: 40 }))]));
    state = run(state, addToBin([schema.node('story', { id: 'b1' }, [schema.node('body', null, [schema.node('paragraph', null, [schema.text('稿')])])])])).state;
    const r = run(state, placePhoto(wide, { col: 0, line: 60 }));
    const kinds: string[] = [];
    r.state.doc.child(0).forEach((n) => kinds.push(n.type.name));
    expect(kinds).toEqual(['story', 'photo']);
    expect(r.state.doc.lastChild?.type.name).toBe('bin');
  });

  it('throws on a programmer error (bad hash, zero pixels)', () => {
    expect(() => placePhoto({ hash: 'x', pixelWidth: 1, pixelHeight: 1 }, { col: 0, line: 0 })).toThrow(RangeError);
    expect(() => placePhoto({ ...wide, pixelWidth: 0 }, { col: 0, line: 0 })).toThrow(RangeError);
  });
});

describe('setPhotoImage', () => {
  const withPhoto = () => run(stateOf(page()), placePhoto(wide, { col: 0, line: 0 })).state;

  it('puts a new image into the frame, keeping its box and fit, starting the crop over; one undo step', () => {
    let state = withPhoto();
    state = run(state, setPhotoCrop('photo-2', { zoom: 2, focusX: 0.1, fit: 'fit' })).state;
    const box = { ...attrsOf(state.doc, 'photo-2') };
    const r = run(state, setPhotoImage('photo-2', { hash: HASH_B, pixelWidth: 400, pixelHeight: 250 }));
    expect(r.trs).toHaveLength(1);
    const a = attrsOf(r.state.doc, 'photo-2');
    expect(a).toMatchObject({ asset: HASH_B, pixelWidth: 400, pixelHeight: 250, zoom: 1, focusX: 0.5, focusY: 0.5, fit: 'fit', cols: box['cols'], lines: box['lines'] });
    expect(attrsOf(undone(r.state).doc, 'photo-2')).toMatchObject({ asset: HASH_A, zoom: 2, focusX: 0.1 });
  });

  it('does not apply to a story or an unknown id', () => {
    const state = run(stateOf(page(story('s1', { col: 0, line: 0, cols: 2, lines: 10 }))), placePhoto(wide, { col: 4, line: 0 })).state;
    expect(run(state, setPhotoImage('s1', wide)).ok).toBe(false);
    expect(run(state, setPhotoImage('nope', wide)).ok).toBe(false);
  });
});

describe('setPhotoCrop', () => {
  const state = run(stateOf(page()), placePhoto(wide, { col: 0, line: 0 })).state;

  it('changes only the given parts, each call one undo step', () => {
    const a = run(state, setPhotoCrop('photo-2', { zoom: 1.5 }));
    const b = run(a.state, setPhotoCrop('photo-2', { focusX: 0.25, focusY: 0.75 }));
    expect(photoCrop(findBlock(b.state.doc, 'photo-2')!.node)).toEqual({ fit: 'fill', zoom: 1.5, focusX: 0.25, focusY: 0.75 });
    const back = undone(b.state);
    expect(photoCrop(findBlock(back.doc, 'photo-2')!.node)).toEqual({ fit: 'fill', zoom: 1.5, focusX: 0.5, focusY: 0.5 });
    expect(photoCrop(findBlock(undone(back).doc, 'photo-2')!.node).zoom).toBe(1);
  });

  it('brings values into range: zoom 1 to the maximum, focus 0 to 1', () => {
    const r = run(state, setPhotoCrop('photo-2', { zoom: 0.3, focusX: -2, focusY: 9 }));
    expect(r.ok).toBe(true);
    expect(photoCrop(findBlock(r.state.doc, 'photo-2')!.node)).toEqual({ fit: 'fill', zoom: 1, focusX: 0, focusY: 1 });
    const big = run(state, setPhotoCrop('photo-2', { zoom: 100 }));
    expect(findBlock(big.state.doc, 'photo-2')!.node.attrs['zoom']).toBe(MAX_PHOTO_ZOOM);
  });

  it('does not apply when nothing changes, to an empty frame, or with a bad value', () => {
    expect(run(state, setPhotoCrop('photo-2', { zoom: 1, fit: 'fill' })).ok).toBe(false);
    const empty = stateOf(page(schema.node('photo', { id: 'e', col: 0, line: 0, cols: 2, lines: 10 }, [schema.node('caption')])));
    expect(run(empty, setPhotoCrop('e', { zoom: 2 })).ok).toBe(false);
    expect(() => setPhotoCrop('photo-2', { zoom: Number.NaN })).toThrow(RangeError);
    expect(() => setPhotoCrop('photo-2', { fit: 'cover' as 'fill' })).toThrow(RangeError);
  });
});
