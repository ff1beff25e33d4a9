/**
 * Whether a `loadingdone` event brings a face the page has not laid out with.
 *
 * Chromium also sends `loading` / `loadingdone` after printing (`printToPDF`):
 * it builds the document's CSS faces anew — new FontFace objects with the same
 * descriptors — and reloads the ones in use, so the event lists every face the
 * page had already loaded (304 objects for the reference page's 76 faces).
 * Nothing changed, yet a listener that laid the page out again on each event
 * started every line over after every print: the kept print page retypeset
 * itself (1 857 DOM mutations, seconds of script on a loaded machine) while
 * the export went on (decision 0034).
 *
 * A face that really arrives adds one to the document's loaded faces; a
 * rebuild reloads the same number. So an event counts only when the number of
 * loaded faces in `document.fonts` grew since the last one. (Comparing the
 * event's faces by their descriptors works too, but reading a CSS face's
 * `unicodeRange` costs tenths of a millisecond each on a loaded machine: 300
 * faces a print, per listener. Identity does not: the objects are new, and
 * `FontFaceSet.has` answers true for the copies.)
 */

/** What a listener needs of a `loadingdone` event. */
export interface FontsLoadedEvent {
  fontfaces?: readonly FontFace[];
}

function loadedCount(fonts: FontFaceSet): number {
  let n = 0;
  fonts.forEach((face) => {
    if (face.status === 'loaded') n++;
  });
  return n;
}

/**
 * A filter over `loadingdone` events for one document: the faces the event
 * brings (empty: nothing new — no face of the document's set loaded since the
 * last event), or null when the event does not say which faces arrived (then
 * anything may have changed). Faces loaded when the filter is made count as
 * seen: the first layout used them.
 */
export function fontArrivals(fonts: FontFaceSet | undefined): (e: FontsLoadedEvent) => FontFace[] | null {
  let loaded = fonts ? loadedCount(fonts) : 0;
  return (e) => {
    const faces = e.fontfaces ?? [];
    if (!fonts) return faces.length === 0 ? null : [...faces];
    const now = loadedCount(fonts);
    const grew = now > loaded;
    loaded = Math.max(loaded, now);
    if (faces.length === 0) return null;
    return grew ? [...faces] : [];
  };
}
