// A `loadingdone` event counts only when a face of the document's set loaded since the last one.
import { describe, expect, it } from 'vitest';
import { fontArrivals } from '../../../renderer/typesetting/font-arrivals';

/** A stand-in for `document.fonts`: faces with a status, iterable with forEach. */
function fontSet(statuses: string[]) {
  const faces = statuses.map((status, i) => ({ family: `F${i}`, status }) as unknown as FontFace);
  return {
    faces,
    set: { forEach: (fn: (face: FontFace) => void) => faces.forEach(fn) } as unknown as FontFaceSet,
    load(i: number) {
      (faces[i] as unknown as { status: string }).status = 'loaded';
    },
  };
}

describe('fontArrivals', () => {
  it('passes on the faces of an event when a face of the set loaded', () => {
    const fonts = fontSet(['loaded', 'unloaded', 'unloaded']);
    const arrivals = fontArrivals(fonts.set);
    fonts.load(1);
    expect(arrivals({ fontfaces: [fonts.faces[1]!] })).toEqual([fonts.faces[1]]);
  });

  it('finds nothing new in an event listing faces loaded before (Chromium, after a print)', () => {
    const fonts = fontSet(['loaded', 'loaded', 'unloaded']);
    const arrivals = fontArrivals(fonts.set);
    // Copies of the loaded faces: other objects, the same number of loaded faces in the set.
    const copies = [{ family: 'F0' }, { family: 'F1' }, { family: 'F0' }, { family: 'F1' }] as unknown as FontFace[];
    expect(arrivals({ fontfaces: copies })).toEqual([]);
    // A face that really arrives afterwards still counts.
    fonts.load(2);
    expect(arrivals({ fontfaces: [fonts.faces[2]!] })).toEqual([fonts.faces[2]]);
    expect(arrivals({ fontfaces: [fonts.faces[2]!] })).toEqual([]);
  });

  it('says "anything may have changed" (null) for an event without faces', () => {
    const fonts = fontSet(['loaded']);
    expect(fontArrivals(fonts.set)({})).toBeNull();
    expect(fontArrivals(undefined)({ fontfaces: [] })).toBeNull();
  });
});
