/**
 * Rewrites the colour operators of one content stream for print:
 *
 * - every RGB or grey colour (`rg`, `RG`, `g`, `G`, and `sc`/`scn`/`cs`/`CS` in
 *   an RGB or grey space) is replaced by the process colour the
 *   {@link ColourConverter} gives (`k`/`K`), or, in the `x4` variant, by the
 *   same RGB tagged with the sRGB profile when it is not a swatch or grey;
 * - solid black (K100) text, thin fills (rules, borders) and thin strokes are
 *   set to overprint (`/OP true /op true /OPM 1`), everything else to knock
 *   out, by inserting `gs` operators right before the painting operators;
 * - the placed size of every image is recorded (for ppi and downsampling).
 *
 * Everything else is copied byte for byte.
 */
import type { Cmyk, Rgb8 } from '../../../shared/color/cmyk';
import { isSolidBlack } from '../../../shared/color/cmyk';
import type { ColourConverter } from './colour-convert';
import { rgbFromUnit } from './colour-convert';
import type { Operand, Operation } from './content-tokens';
import { fmt, num, tokenizeContent } from './content-tokens';
import type { Matrix } from './matrix';
import { apply, meanScale, multiply } from './matrix';

export type SpaceKind = 'rgb' | 'gray' | 'cmyk' | 'other';

/** Names this module adds to a stream's resources. */
export const OVERPRINT_GS = (stroke: boolean, fill: boolean) => `BmOP${stroke ? 1 : 0}${fill ? 1 : 0}`;
export const SRGB_SPACE = 'BmRGB';

export interface RewriteContext {
  variant: 'x4' | 'x4-cmyk';
  /** Kind of a colour space named in `cs`/`CS` (resource name or device space). */
  spaceKind(name: string): SpaceKind;
  /** Whether an XObject name is an image (`false` for forms or unknown). */
  xobjectKind(name: string): 'image' | 'form' | 'other';
  /** Set in the collect pass: receives every RGB colour instead of converting it. */
  collect?: (rgb: Rgb8) => void;
  converter?: ColourConverter;
  /** Fills and strokes at most this thick (pt) count as rules and overprint when black. */
  thinPt: number;
  /** An image painted with `Do`: its placed size and the CTM that maps its unit square. */
  onImage?(name: string, widthPt: number, heightPt: number, ctm: Matrix): void;
  onForm?(name: string, ctm: Matrix): void;
}

/** The colour the output stream has set, as far as overprint cares. */
type OutColour = { kind: 'cmyk'; cmyk: Cmyk } | { kind: 'other' };

interface State {
  ctm: Matrix;
  fillSpace: SpaceKind;
  strokeSpace: SpaceKind;
  fill: OutColour;
  stroke: OutColour;
  /** Overprint flags in effect in the output; undefined = unknown. */
  opStroke: boolean | undefined;
  opFill: boolean | undefined;
  textMode: number;
  lineWidth: number;
}

export interface RewriteResult {
  content: string;
  /** Whether any of the overprint ExtGStates or the sRGB space is used. */
  usedGs: Set<string>;
  usesSrgb: boolean;
  /** Operations rewritten. */
  changed: number;
}

const BLACK_OUT: OutColour = { kind: 'cmyk', cmyk: { c: 0, m: 0, y: 0, k: 100 } };
const PAINT_FILL = new Set(['f', 'F', 'f*']);
const PAINT_STROKE = new Set(['S', 's']);
const PAINT_BOTH = new Set(['B', 'B*', 'b', 'b*']);
const TEXT_SHOW = new Set(['Tj', 'TJ', "'", '"']);
const PATH_POINTS = new Set(['m', 'l', 'c', 'v', 'y', 're', 'h']);

function cmykOp(c: Cmyk, stroke: boolean): string {
  return `${fmt(c.c / 100)} ${fmt(c.m / 100)} ${fmt(c.y / 100)} ${fmt(c.k / 100)} ${stroke ? 'K' : 'k'}`;
}

export function rewriteContent(src: string, ctx: RewriteContext, initialCtm: Matrix, knownDefaultGs: boolean): RewriteResult {
  const ops = tokenizeContent(src);
  const out: string[] = [];
  const usedGs = new Set<string>();
  let usesSrgb = false;
  let changed = 0;
  const stack: State[] = [];
  let st: State = {
    ctm: initialCtm,
    fillSpace: 'gray',
    strokeSpace: 'gray',
    fill: BLACK_OUT,
    stroke: BLACK_OUT,
    opStroke: knownDefaultGs ? false : undefined,
    opFill: knownDefaultGs ? false : undefined,
    textMode: 0,
    lineWidth: 1,
  };
  // Device-space bounding box of the current path.
  let box: [number, number, number, number] | null = null;
  const addPoint = (x: number, y: number) => {
    const [dx, dy] = apply(st.ctm, x, y);
    if (!box) box = [dx, dy, dx, dy];
    else box = [Math.min(box[0], dx), Math.min(box[1], dy), Math.max(box[2], dx), Math.max(box[3], dy)];
  };

  /** The replacement for setting an RGB colour; also updates the tracked output colour. */
  const setRgb = (rgb: Rgb8, stroke: boolean): string => {
    if (ctx.collect) {
      ctx.collect(rgb);
      return '';
    }
    const conv = ctx.converter!;
    if (ctx.variant === 'x4' && !conv.isDirect(rgb)) {
      usesSrgb = true;
      if (stroke) st.stroke = { kind: 'other' };
      else st.fill = { kind: 'other' };
      const comps = `${fmt(rgb.r / 255)} ${fmt(rgb.g / 255)} ${fmt(rgb.b / 255)}`;
      return stroke ? `/${SRGB_SPACE} CS ${comps} SC` : `/${SRGB_SPACE} cs ${comps} sc`;
    }
    const cmyk = conv.cmykFor(rgb);
    if (stroke) st.stroke = { kind: 'cmyk', cmyk };
    else st.fill = { kind: 'cmyk', cmyk };
    return cmykOp(cmyk, stroke);
  };

  const setGray = (g: number, stroke: boolean): string => setRgb(rgbFromUnit(g, g, g), stroke);

  /** Emits a `gs` before a painting operator when the overprint state must change. */
  const ensureOverprint = (wantStroke: boolean | undefined, wantFill: boolean | undefined) => {
    const s = wantStroke ?? st.opStroke ?? false;
    const f = wantFill ?? st.opFill ?? false;
    if (s === st.opStroke && f === st.opFill) return;
    const name = OVERPRINT_GS(s, f);
    usedGs.add(name);
    out.push(`/${name} gs`);
    st.opStroke = s;
    st.opFill = f;
  };

  const black = (c: OutColour) => c.kind === 'cmyk' && isSolidBlack(c.cmyk);
  const thinBox = () => {
    if (!box) return false;
    return Math.min(box[2] - box[0], box[3] - box[1]) <= ctx.thinPt;
  };
  const thinStroke = () => st.lineWidth * meanScale(st.ctm) <= ctx.thinPt;

  const replace = (op: Operation, text: string) => {
    if (text !== op.raw) changed++;
    if (text) out.push(text);
  };

  for (const op of ops) {
    const o = op.operands;
    switch (op.op) {
      case 'q':
        stack.push({ ...st });
        out.push(op.raw);
        continue;
      case 'Q':
        st = stack.pop() ?? st;
        out.push(op.raw);
        continue;
      case 'cm':
        st.ctm = multiply([num(o[0]), num(o[1]), num(o[2]), num(o[3]), num(o[4]), num(o[5])], st.ctm);
        out.push(op.raw);
        continue;
      case 'w':
        st.lineWidth = num(o[0]);
        out.push(op.raw);
        continue;
      case 'Tr':
        st.textMode = num(o[0]);
        out.push(op.raw);
        continue;
      case 'gs':
        // A foreign ExtGState may carry overprint keys: forget what we knew.
        st.opStroke = undefined;
        st.opFill = undefined;
        out.push(op.raw);
        continue;
      case 'rg':
      case 'RG': {
        const stroke = op.op === 'RG';
        if (stroke) st.strokeSpace = 'rgb';
        else st.fillSpace = 'rgb';
        replace(op, setRgb(rgbFromUnit(num(o[0]), num(o[1]), num(o[2])), stroke));
        continue;
      }
      case 'g':
      case 'G': {
        const stroke = op.op === 'G';
        if (stroke) st.strokeSpace = 'gray';
        else st.fillSpace = 'gray';
        replace(op, setGray(num(o[0]), stroke));
        continue;
      }
      case 'k':
      case 'K': {
        const stroke = op.op === 'K';
        const cmyk = { c: num(o[0]) * 100, m: num(o[1]) * 100, y: num(o[2]) * 100, k: num(o[3]) * 100 };
        if (stroke) {
          st.strokeSpace = 'cmyk';
          st.stroke = { kind: 'cmyk', cmyk };
        } else {
          st.fillSpace = 'cmyk';
          st.fill = { kind: 'cmyk', cmyk };
        }
        out.push(op.raw);
        continue;
      }
      case 'cs':
      case 'CS': {
        const stroke = op.op === 'CS';
        const name = o[0]?.raw.slice(1) ?? '';
        const kind = ctx.spaceKind(name);
        if (stroke) st.strokeSpace = kind;
        else st.fillSpace = kind;
        if (kind === 'rgb' || kind === 'gray') {
          // Selecting the space also selects its initial colour, black.
          replace(op, setRgb({ r: 0, g: 0, b: 0 }, stroke));
        } else {
          if (stroke) st.stroke = kind === 'cmyk' ? BLACK_OUT : { kind: 'other' };
          else st.fill = kind === 'cmyk' ? BLACK_OUT : { kind: 'other' };
          out.push(op.raw);
        }
        continue;
      }
      case 'sc':
      case 'scn':
      case 'SC':
      case 'SCN': {
        const stroke = op.op.startsWith('S');
        const space = stroke ? st.strokeSpace : st.fillSpace;
        const nums = o.filter((x: Operand) => x.kind === 'number').map(num);
        if (space === 'rgb' && nums.length === 3 && o.length === 3) {
          replace(op, setRgb(rgbFromUnit(nums[0]!, nums[1]!, nums[2]!), stroke));
        } else if (space === 'gray' && nums.length === 1 && o.length === 1) {
          replace(op, setGray(nums[0]!, stroke));
        } else {
          if (space === 'cmyk' && nums.length === 4) {
            const cmyk = { c: nums[0]! * 100, m: nums[1]! * 100, y: nums[2]! * 100, k: nums[3]! * 100 };
            if (stroke) st.stroke = { kind: 'cmyk', cmyk };
            else st.fill = { kind: 'cmyk', cmyk };
          } else if (stroke) st.stroke = { kind: 'other' };
          else st.fill = { kind: 'other' };
          out.push(op.raw);
        }
        continue;
      }
      default:
        break;
    }

    if (PATH_POINTS.has(op.op)) {
      if (op.op === 're') {
        const [x, y, w, h] = [num(o[0]), num(o[1]), num(o[2]), num(o[3])];
        addPoint(x, y);
        addPoint(x + w, y + h);
        addPoint(x + w, y);
        addPoint(x, y + h);
      } else if (op.op !== 'h') {
        const n = o.map(num);
        for (let i = 0; i + 1 < n.length; i += 2) addPoint(n[i]!, n[i + 1]!);
      }
      out.push(op.raw);
      continue;
    }

    if (!ctx.collect) {
      if (PAINT_FILL.has(op.op)) ensureOverprint(undefined, black(st.fill) && thinBox());
      else if (PAINT_STROKE.has(op.op)) ensureOverprint(black(st.stroke) && thinStroke(), undefined);
      else if (PAINT_BOTH.has(op.op)) ensureOverprint(black(st.stroke) && thinStroke(), black(st.fill) && thinBox());
      else if (TEXT_SHOW.has(op.op)) {
        const m = st.textMode % 4;
        const fills = m === 0 || m === 2;
        const strokes = m === 1 || m === 2;
        ensureOverprint(strokes ? black(st.stroke) : undefined, fills ? black(st.fill) : undefined);
      } else if (op.op === 'sh' || op.op === 'BI') ensureOverprint(undefined, false);
      else if (op.op === 'Do') {
        const name = o[0]?.raw.slice(1) ?? '';
        if (ctx.xobjectKind(name) === 'image') ensureOverprint(undefined, false);
      }
    }

    if (op.op === 'Do') {
      const name = o[0]?.raw.slice(1) ?? '';
      const kind = ctx.xobjectKind(name);
      if (kind === 'image') {
        const m = st.ctm;
        ctx.onImage?.(name, Math.hypot(m[0], m[1]), Math.hypot(m[2], m[3]), m);
      } else if (kind === 'form') ctx.onForm?.(name, st.ctm);
    }
    if (PAINT_FILL.has(op.op) || PAINT_STROKE.has(op.op) || PAINT_BOTH.has(op.op) || op.op === 'n') box = null;
    out.push(op.raw);
  }
  return { content: out.join('\n'), usedGs, usesSrgb, changed };
}
