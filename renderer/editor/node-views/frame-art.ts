/**
 * 花边: decorative borders of our own making, as SVG for CSS `border-image`.
 * Each is a 30×30 tile cut 10/10/10 (corners, edges): the edge tiles repeat
 * (`round`) along each side, so a pattern element is whole at every length.
 * Drawn in the swatch's stand-in colour, so print maps it to the exact ink.
 */

export type FrameArt = 'dots' | 'wave';

function svg(body: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="30" height="30" viewBox="0 0 30 30">${body}</svg>`;
}

function dots(color: string): string {
  const c: string[] = [];
  for (const x of [5, 15, 25]) for (const y of [5, 15, 25]) if (x !== 15 || y !== 15) c.push(`<circle cx="${x}" cy="${y}" r="3.2"/>`);
  return svg(`<g fill="${color}">${c.join('')}</g>`);
}

function wave(color: string): string {
  // One crest per edge tile, meeting the corners on the tile's centre line.
  const paths = [
    'M10 5 Q12.5 1 15 5 T20 5',
    'M10 25 Q12.5 29 15 25 T20 25',
    'M5 10 Q1 12.5 5 15 T5 20',
    'M25 10 Q29 12.5 25 15 T25 20',
    'M5 10 Q5 5 10 5',
    'M20 5 Q25 5 25 10',
    'M25 20 Q25 25 20 25',
    'M10 25 Q5 25 5 20',
  ];
  return svg(`<g fill="none" stroke="${color}" stroke-width="1.6" stroke-linecap="round">${paths.map((d) => `<path d="${d}"/>`).join('')}</g>`);
}

/** CSS `border-image` value of a 花边 in `color`, `widthPx` wide. */
export function frameArtImage(art: FrameArt, color: string, widthPx: string): string {
  const source = art === 'dots' ? dots(color) : wave(color);
  return `url("data:image/svg+xml,${encodeURIComponent(source)}") 10 / ${widthPx} round`;
}
