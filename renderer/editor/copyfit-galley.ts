/**
 * Copyfit of a galley body (a story in a shape): the galley is one column
 * whose every line is a grid line, and its slots show galley lines
 * [0, capacity). Overset = the characters on galley lines ≥ capacity;
 * underset = capacity − the galley's lines.
 */
import { charRect, codePoints, firstOutside, indexText } from './copyfit';
import type { StoryFit } from './copyfit';

export function measureGalley(body: HTMLElement, linePx: number): StoryFit {
  const galley = body.querySelector<HTMLElement>(':scope > .bm-slot-live > .bm-galley');
  const capacity = Number(body.dataset['capacity'] ?? '0');
  if (!galley || galley.offsetHeight === 0 && capacity === 0) return { overset: 0, undersetLines: 0 };
  const lines = Math.round(galley.offsetHeight / linePx);
  if (lines <= capacity) return { overset: 0, undersetLines: capacity - lines };
  const box = galley.getBoundingClientRect();
  const scale = galley.offsetHeight > 0 ? box.height / galley.offsetHeight : 1;
  const limit = box.top + capacity * linePx * scale;
  const index = indexText(galley);
  const range = galley.ownerDocument.createRange();
  // A character is out when the middle of its line lies below the capacity;
  // one without a box (a collapsed space) is where its predecessor is.
  const isOut = (i: number): boolean => {
    for (let k = i; k >= 0 && k > i - 16; k--) {
      const r = charRect(index, range, k);
      if (r) return (r.top + r.bottom) / 2 >= limit;
    }
    return false;
  };
  if (index.length === 0 || !isOut(index.length - 1)) {
    // Only empty paragraphs or crossheads hang over: no characters lost.
    return { overset: 0, undersetLines: 0 };
  }
  return { overset: codePoints(index, firstOutside(index, isOut)), undersetLines: 0 };
}
