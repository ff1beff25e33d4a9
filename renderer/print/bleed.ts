/**
 * Bleed in print mode: whatever touches the trim edge must carry on beyond
 * it, or a trim a hair off leaves a white sliver. Each block whose painted
 * box reaches a trim edge (within half a pixel, or beyond it) is extended on
 * that side to the bleed edge:
 * - photos: the image frame grows and the picture is re-fitted to cover it
 *   (as a frame dragged to the bleed line with "fill proportionally" does);
 *   the caption does not move;
 * - rules: along their length only (a rule at the top edge does not grow downwards);
 * - tints and other coloured blocks (solid labels, mastheads, boxes): a fill
 *   of the block's background, and of its borders running along the edge,
 *   painted behind the content, which stays where it was;
 * - stories: never (text does not bleed).
 */

export interface Sides {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** Trim edges closer than this count as touching (sub-pixel rounding of grid positions). */
const TOUCH_PX = 0.5;

/**
 * How far each side of a box (px, page coordinates) must grow to reach the
 * bleed: zero for a side that does not reach the trim, or already reaches
 * the bleed edge.
 */
export function bleedExtension(box: { x: number; y: number; width: number; height: number }, page: { width: number; height: number }, bleedPx: number): Sides {
  const grow = (distanceInside: number) => (distanceInside <= TOUCH_PX ? Math.max(0, distanceInside + bleedPx) : 0);
  return {
    left: grow(box.x),
    top: grow(box.y),
    right: grow(page.width - (box.x + box.width)),
    bottom: grow(page.height - (box.y + box.height)),
  };
}

const none = (s: Sides) => s.left === 0 && s.top === 0 && s.right === 0 && s.bottom === 0;

function offsetIn(el: HTMLElement, page: HTMLElement): { x: number; y: number } {
  let x = 0;
  let y = 0;
  for (let e: HTMLElement | null = el; e && e !== page; e = e.offsetParent as HTMLElement | null) {
    x += e.offsetLeft;
    y += e.offsetTop;
  }
  return { x, y };
}

function extendPhoto(block: HTMLElement, page: HTMLElement, size: { width: number; height: number }, bleedPx: number): Sides | null {
  const frame = block.querySelector<HTMLElement>(':scope .bm-photo-frame');
  if (!frame || !frame.querySelector('img')) return null;
  const at = offsetIn(frame, page);
  const s = bleedExtension({ x: at.x, y: at.y, width: frame.offsetWidth, height: frame.offsetHeight }, size, bleedPx);
  if (none(s)) return null;
  const h = frame.offsetHeight;
  frame.style.left = `${-s.left}px`;
  frame.style.top = `${-s.top}px`;
  frame.style.width = `${frame.offsetWidth + s.left + s.right}px`;
  frame.style.height = `${h + s.top + s.bottom}px`;
  // The frame grew in the flow: the caption below keeps its place.
  frame.style.marginBottom = `${-(s.top + s.bottom)}px`;
  return s;
}

function extendRule(block: HTMLElement, s: Sides): Sides | null {
  const vertical = block.dataset['orientation'] === 'v';
  const along: Sides = vertical ? { left: 0, right: 0, top: s.top, bottom: s.bottom } : { left: s.left, right: s.right, top: 0, bottom: 0 };
  if (none(along)) return null;
  block.style.left = `${block.offsetLeft - along.left}px`;
  block.style.top = `${block.offsetTop - along.top}px`;
  block.style.width = `${block.offsetWidth + along.left + along.right}px`;
  block.style.height = `${block.offsetHeight + along.top + along.bottom}px`;
  return along;
}

function paints(style: CSSStyleDeclaration): boolean {
  const transparent = (c: string) => c === 'transparent' || /rgba\([^)]*,\s*0\)$/.test(c);
  return !transparent(style.backgroundColor) || style.backgroundImage !== 'none';
}

function extendFill(block: HTMLElement, s: Sides): Sides | null {
  const style = getComputedStyle(block);
  const border = (side: 'Top' | 'Bottom' | 'Left' | 'Right') => `${style.getPropertyValue(`border-${side.toLowerCase()}-width`)} ${style.getPropertyValue(`border-${side.toLowerCase()}-style`)} ${style.getPropertyValue(`border-${side.toLowerCase()}-color`)}`;
  const hasBorder = (side: string) => parseFloat(style.getPropertyValue(`border-${side}-width`)) > 0 && style.getPropertyValue(`border-${side}-style`) !== 'none';
  const horizontal = s.left > 0 || s.right > 0;
  const vertical = s.top > 0 || s.bottom > 0;
  // Borders that run along the extended direction carry on; a background fills the whole extension.
  const lines = (horizontal && (hasBorder('top') || hasBorder('bottom'))) || (vertical && (hasBorder('left') || hasBorder('right')));
  if (!paints(style) && !lines) return null;
  const fill = block.ownerDocument.createElement('div');
  fill.className = 'bm-bleed-fill';
  const bt = parseFloat(style.borderTopWidth) || 0;
  const bl = parseFloat(style.borderLeftWidth) || 0;
  Object.assign(fill.style, {
    position: 'absolute',
    zIndex: '-1',
    boxSizing: 'border-box',
    pointerEvents: 'none',
    left: `${-bl - s.left}px`,
    top: `${-bt - s.top}px`,
    width: `${block.offsetWidth + s.left + s.right}px`,
    height: `${block.offsetHeight + s.top + s.bottom}px`,
    backgroundColor: style.backgroundColor,
    backgroundImage: style.backgroundImage,
    borderTop: horizontal ? border('Top') : 'none',
    borderBottom: horizontal ? border('Bottom') : 'none',
    borderLeft: vertical ? border('Left') : 'none',
    borderRight: vertical ? border('Right') : 'none',
  });
  // Its own stacking context: the fill paints above the page, below the block's content.
  block.style.isolation = 'isolate';
  if (style.overflowX !== 'visible' || style.overflowY !== 'visible') {
    // A block that clips its content (labels) must not clip the fill: clip that much further out.
    block.style.overflow = 'clip';
    block.style.setProperty('overflow-clip-margin', `${Math.ceil(Math.max(s.left, s.top, s.right, s.bottom))}px`);
  }
  block.appendChild(fill);
  return s;
}

/**
 * Extends every block of `page` that touches the trim into the bleed.
 * Marks each extended block with `data-bleed` (`left top right bottom`, px).
 * Returns how many blocks were extended.
 */
export function extendToBleed(page: HTMLElement, size: { width: number; height: number }, bleedPx: number): number {
  if (!(bleedPx > 0)) return 0;
  let count = 0;
  for (const block of page.querySelectorAll<HTMLElement>(':scope > .bm-block, :scope .bm-block')) {
    if (block.parentElement?.closest('.bm-block')) continue;
    const kind = block.dataset['kind'];
    if (kind === 'story') continue;
    let done: Sides | null;
    if (kind === 'photo') {
      done = extendPhoto(block, page, size, bleedPx);
    } else {
      const s = bleedExtension({ x: block.offsetLeft, y: block.offsetTop, width: block.offsetWidth, height: block.offsetHeight }, size, bleedPx);
      if (none(s)) continue;
      done = kind === 'rule' ? extendRule(block, s) : extendFill(block, s);
    }
    if (!done) continue;
    const r = (v: number) => Math.round(v * 100) / 100;
    block.dataset['bleed'] = [done.left, done.top, done.right, done.bottom].map(r).join(' ');
    count++;
  }
  return count;
}
