/**
 * Boxes, rules and 花边 (decorative borders) drawn as SVG of our own making,
 * used as CSS background images. Not CSS borders: Chromium snaps border
 * widths to whole device pixels, on screen and in its PDF (a 1 pt border
 * printed 0.75 pt, measured), while SVG strokes keep their exact weight and
 * print as vector paths. Colours are swatch stand-ins, so print maps them to
 * the exact ink.
 *
 * All lengths are CSS px of the page at 100 %; the SVG is sized to its box.
 */
import { lineArtDepthPx } from '../../../shared/layout/box-wrap';

export type FrameArtStyle = 'single' | 'double' | 'thick-thin' | 'thin-thick' | 'dashed' | 'dots' | 'wave';

const r3 = (v: number) => String(Math.round(v * 1000) / 1000);

function svgUrl(width: number, height: number, body: string): string {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${r3(width)}" height="${r3(height)}" viewBox="0 0 ${r3(width)} ${r3(height)}">${body}</svg>`;
  return `url("data:image/svg+xml,${encodeURIComponent(svg)}")`;
}

/** A rectangle stroked `w` wide whose outer edge is `at` in from the box's edge. */
function ring(width: number, height: number, at: number, w: number, color: string, extra = ''): string {
  const inset = at + w / 2;
  return `<rect x="${r3(inset)}" y="${r3(inset)}" width="${r3(Math.max(0, width - 2 * inset))}" height="${r3(Math.max(0, height - 2 * inset))}" fill="none" stroke="${color}" stroke-width="${r3(w)}"${extra}/>`;
}

/** A spacing close to `want` that divides `length` into whole steps. */
function evenStep(length: number, want: number): number {
  return length / Math.max(1, Math.round(length / want));
}

/** A spacing close to `want` that divides the midline of a ring stroked `w` wide at the box's edge into whole steps. */
function ringStep(width: number, height: number, w: number, want: number): number {
  return evenStep(2 * (width + height - 2 * w), want);
}

/** Wave along the ring at `at`: one crest per step, amplitude `amp`, starting and ending at each corner. */
function wavePath(width: number, height: number, at: number, amp: number, step: number): string {
  const x0 = at + amp;
  const y0 = at + amp;
  const x1 = width - at - amp;
  const y1 = height - at - amp;
  const side = (ax: number, ay: number, bx: number, by: number, nx: number, ny: number): string => {
    const len = Math.hypot(bx - ax, by - ay);
    const n = Math.max(1, Math.round(len / step));
    const dx = (bx - ax) / n;
    const dy = (by - ay) / n;
    let d = '';
    for (let i = 0; i < n; i++) {
      const cx = ax + dx * (i + 0.5) + nx * amp * 2;
      const cy = ay + dy * (i + 0.5) + ny * amp * 2;
      d += ` Q${r3(cx)} ${r3(cy)} ${r3(ax + dx * (i + 1))} ${r3(ay + dy * (i + 1))}`;
    }
    return d;
  };
  // Crests point outwards on every side.
  return `M${r3(x0)} ${r3(y0)}${side(x0, y0, x1, y0, 0, -1)}${side(x1, y0, x1, y1, 1, 0)}${side(x1, y1, x0, y1, 0, 1)}${side(x0, y1, x0, y0, -1, 0)}Z`;
}

/**
 * The border of a box `width` × `height` px in `style`, `w` px weight.
 * Double: two lines of `w`, `w` apart; thick-thin: `w` outside, a third of
 * it (at least 0.25 pt) inside, `w/2` apart; thin-thick the reverse; dashed:
 * dashes of 3w with gaps of 2w (whole dashes per side); dots: round dots of
 * 2w diameter two diameters apart; wave: a line of w/2 waving 1.5w deep.
 * Returns the CSS `background-image` value.
 */
export function frameImage(style: FrameArtStyle, width: number, height: number, w: number, color: string): string {
  const thin = Math.max(1 / 3, w / 3);
  let body: string;
  switch (style) {
    case 'single':
      body = ring(width, height, 0, w, color);
      break;
    case 'double':
      body = ring(width, height, 0, w, color) + ring(width, height, 2 * w, w, color);
      break;
    case 'thick-thin':
      body = ring(width, height, 0, w, color) + ring(width, height, w * 1.5, thin, color);
      break;
    case 'thin-thick':
      body = ring(width, height, 0, thin, color) + ring(width, height, thin + w / 2, w, color);
      break;
    case 'dashed': {
      const period = ringStep(width, height, w, 5 * w);
      body = ring(width, height, 0, w, color, ` stroke-dasharray="${r3(period * 0.6)} ${r3(period * 0.4)}" stroke-dashoffset="${r3(period * 0.3)}"`);
      break;
    }
    case 'dots': {
      const step = ringStep(width, height, 2 * w, 4 * w);
      body = ring(width, height, 0, 2 * w, color, ` stroke-linecap="round" stroke-dasharray="0 ${r3(step)}"`);
      break;
    }
    case 'wave': {
      const amp = 0.75 * w;
      body = `<path d="${wavePath(width, height, w / 4, amp, 6 * w)}" fill="none" stroke="${color}" stroke-width="${r3(w / 2)}" stroke-linejoin="round"/>`;
      break;
    }
  }
  return svgUrl(width, height, body);
}

/** How far into the box the border reaches, px: the text inset should be at least this. */
export function frameDepth(style: FrameArtStyle, w: number): number {
  return lineArtDepthPx(style, w);
}

/** Vertical rules `w` px wide at each x (centre), the full height of a `width` × `height` box. */
export function columnRulesImage(xs: readonly number[], width: number, height: number, w: number, color: string): string {
  return svgUrl(width, height, xs.map((x) => `<rect x="${r3(x - w / 2)}" y="0" width="${r3(w)}" height="${r3(height)}" fill="${color}"/>`).join(''));
}

export type RuleArtStyle = 'solid' | 'dashed' | 'dotted' | 'double' | 'thick-thin' | 'thin-thick';

/**
 * A rule `length` px long and `w` px weight, drawn across a strip of
 * {@link ruleDepth} px from its top (h) or left (v) edge.
 */
export function ruleImage(style: RuleArtStyle, length: number, w: number, color: string, vertical: boolean): string {
  const thin = Math.max(1 / 3, w / 3);
  const lines: [number, number][] = [];
  let extra = '';
  switch (style) {
    case 'double':
      lines.push([0, w], [2 * w, w]);
      break;
    case 'thick-thin':
      lines.push([0, w], [1.5 * w, thin]);
      break;
    case 'thin-thick':
      lines.push([0, thin], [thin + w / 2, w]);
      break;
    case 'dashed': {
      const period = evenStep(length, 5 * w);
      lines.push([0, w]);
      extra = ` stroke-dasharray="${r3(period * 0.6)} ${r3(period * 0.4)}"`;
      break;
    }
    case 'dotted': {
      const step = evenStep(length - w, 2 * w);
      lines.push([0, w]);
      extra = ` stroke-linecap="round" stroke-dasharray="0 ${r3(step)}"`;
      break;
    }
    default:
      lines.push([0, w]);
  }
  const depth = ruleDepth(style, w);
  const inset = style === 'dotted' ? w / 2 : 0;
  const body = lines
    .map(([at, weight]) => {
      const c = at + weight / 2;
      const [xa, ya, xb, yb] = vertical ? [c, inset, c, length - inset] : [inset, c, length - inset, c];
      return `<line x1="${r3(xa)}" y1="${r3(ya)}" x2="${r3(xb)}" y2="${r3(yb)}" stroke="${color}" stroke-width="${r3(weight)}"${extra}/>`;
    })
    .join('');
  return vertical ? svgUrl(depth, length, body) : svgUrl(length, depth, body);
}

/** Thickness across a rule of `style` and weight `w`, px. */
export function ruleDepth(style: RuleArtStyle, w: number): number {
  return lineArtDepthPx(style, w);
}
