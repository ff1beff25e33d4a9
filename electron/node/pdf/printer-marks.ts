/**
 * Printer's marks outside the bleed: crop marks at the four trim corners and
 * registration targets at the middle of each side, all in the registration
 * colour (a `Separation /All`, ink on every plate), plus the slug line.
 */
import { fmt } from './content-tokens';
import type { PrintGeometry } from './page-geometry';

/** Resource name of the registration colour space (`[/Separation /All /DeviceCMYK f]`). */
export const REGISTRATION_SPACE = 'BmAll';

const LINE_PT = 0.25;

function line(x1: number, y1: number, x2: number, y2: number): string {
  return `${fmt(x1)} ${fmt(y1)} m ${fmt(x2)} ${fmt(y2)} l S`;
}

/** A circle of radius r around (cx, cy) from four Bézier arcs. */
function circle(cx: number, cy: number, r: number): string {
  const k = 0.5523 * r;
  const p = (x: number, y: number) => `${fmt(x)} ${fmt(y)}`;
  return [
    `${p(cx + r, cy)} m`,
    `${p(cx + r, cy + k)} ${p(cx + k, cy + r)} ${p(cx, cy + r)} c`,
    `${p(cx - k, cy + r)} ${p(cx - r, cy + k)} ${p(cx - r, cy)} c`,
    `${p(cx - r, cy - k)} ${p(cx - k, cy - r)} ${p(cx, cy - r)} c`,
    `${p(cx + k, cy - r)} ${p(cx + r, cy - k)} ${p(cx + r, cy)} c`,
    'h S',
  ].join(' ');
}

function target(cx: number, cy: number, r: number): string {
  return [circle(cx, cy, r), circle(cx, cy, r / 2), line(cx - r * 1.5, cy, cx + r * 1.5, cy), line(cx, cy - r * 1.5, cx, cy + r * 1.5)].join('\n');
}

/** Content stream operators drawing crop and registration marks. */
export function markContent(g: PrintGeometry): string {
  const { trim } = g;
  const o = g.markOffsetPt;
  const len = g.markLengthPt;
  const left = trim.x;
  const right = trim.x + trim.width;
  const bottom = trim.y;
  const top = trim.y + trim.height;
  const ops: string[] = ['q', `/${REGISTRATION_SPACE} CS 1 SCN`, `${fmt(LINE_PT)} w`, '0 J 0 j'];
  for (const [x, sx] of [
    [left, -1],
    [right, 1],
  ] as const) {
    for (const [y, sy] of [
      [bottom, -1],
      [top, 1],
    ] as const) {
      // Horizontal mark in line with the trim edge, vertical one likewise.
      ops.push(line(x + sx * o, y, x + sx * (o + len), y));
      ops.push(line(x, y + sy * o, x, y + sy * (o + len)));
    }
  }
  // The crosshair (1.5 r) spans exactly the marks' band, never the bleed.
  const r = len / 3;
  const mid = o + len / 2;
  ops.push(target(left + trim.width / 2, top + mid, r));
  ops.push(target(left + trim.width / 2, bottom - mid, r));
  ops.push(target(left - mid, bottom + trim.height / 2, r));
  ops.push(target(right + mid, bottom + trim.height / 2, r));
  ops.push('Q');
  return ops.join('\n');
}
