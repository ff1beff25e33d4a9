/**
 * Preflight of one page document: pure checks over the ProseMirror page and
 * what is known about its assets and measured overset. Every finding names
 * the block and its position in mm from the trim's top-left corner.
 */
import type { Node } from 'prosemirror-model';
import type { GridBox } from '../page/geometry';
import { boxInsideGrid, gridBoxRect, gridMetrics } from '../page/geometry';
import { boxWrapInsets } from '../layout/box-wrap';
import type { PageSettings } from '../page/settings';
import { PX_PER_MM } from '../page/units';
import { resolveType } from '../model/styles';
import type { PreflightFinding, PreflightLimits } from './finding';
import { DEFAULT_LIMITS } from './finding';
import type { MeasuredOverset } from '../copyfit/block-fit';
import { oversetChars } from '../copyfit/block-fit';
import { oversetFinding } from './overset-finding';
import type { InkUnderText } from './black-over-image';
import { blackTextOverPictures, inkKey } from './black-over-image';

/** Pixel size of an asset in the page file, by content hash. */
export type AssetSizes = ReadonlyMap<string, { pixelWidth: number; pixelHeight: number }>;

export interface PagePreflightInput {
  doc: Node;
  /** Page number within the file, 1-based. */
  page: number;
  assets: AssetSizes;
  /**
   * Overset per block id as the layout measured it (characters, or with the
   * parts over: shared/copyfit/block-fit.ts); null when not measured.
   */
  overset: ReadonlyMap<string, MeasuredOverset> | null;
  limits?: Partial<PreflightLimits>;
  /**
   * The host's measurement of the ink under black text over pictures, by
   * {@link inkKey}: with it such an overlap is an error above the coverage
   * limit (else a note); without it, a warning that it may be.
   */
  inkUnderText?: ReadonlyMap<string, InkUnderText>;
}

interface Placed {
  node: Node;
  id: string;
  xMm: number;
  yMm: number;
  widthMm: number;
  heightMm: number;
}

/**
 * Effective resolution of a photo at placed size, in ppi: image pixels per
 * inch of paper, given how the frame scales it (`fill` covers the frame,
 * `fit` shows it whole, `zoom` scales further).
 */
export function effectivePpi(o: { pixelWidth: number; pixelHeight: number; frameWidthMm: number; frameHeightMm: number; fit: string; zoom: number }): number {
  const fw = o.frameWidthMm / 25.4;
  const fh = o.frameHeightMm / 25.4;
  const sx = fw / o.pixelWidth;
  const sy = fh / o.pixelHeight;
  // Inches of paper per image pixel.
  const inchPerPx = (o.fit === 'fit' ? Math.min(sx, sy) : Math.max(sx, sy)) * (o.zoom > 0 ? o.zoom : 1);
  return 1 / inchPerPx;
}

function r1(v: number): number {
  return Math.round(v * 10) / 10;
}

export function preflightPage(input: PagePreflightInput): PreflightFinding[] {
  const limits = { ...DEFAULT_LIMITS, ...input.limits };
  const settings = input.doc.attrs['settings'] as PageSettings;
  const metrics = gridMetrics(settings);
  const findings: PreflightFinding[] = [];
  const page = input.page;
  const add = (f: Omit<PreflightFinding, 'page'>) => findings.push({ page, ...f });
  const at = (p: Placed) => ({ blockId: p.id, xMm: r1(p.xMm), yMm: r1(p.yMm), widthMm: r1(p.widthMm), heightMm: r1(p.heightMm) });

  if (input.overset === null) {
    add({
      level: 'info',
      code: 'overset-not-measured',
      message: 'overset was not measured (needs the page laid out in Chromium)',
      messageZh: '未测量溢出（需要在 Chromium 中排版）',
    });
  }

  // Photos and labels in a boxed story are drawn inside its inset (shared/layout/box-wrap.ts).
  const inBox = boxWrapInsets(input.doc);
  input.doc.forEach((node, _offset, index) => {
    const a = node.attrs as Record<string, unknown>;
    const box: GridBox = { col: a['col'] as number, line: a['line'] as number, cols: a['cols'] as number, lines: a['lines'] as number };
    const grid = gridBoxRect(metrics, box);
    const e = inBox.get(index);
    const rect = e ? { x: grid.x + e.left, y: grid.y + e.top, width: grid.width - e.left - e.right, height: grid.height - e.top - e.bottom } : grid;
    const p: Placed = {
      node,
      id: String(a['id'] ?? ''),
      xMm: (metrics.typeLeftPx + rect.x) / PX_PER_MM,
      yMm: (metrics.typeTopPx + rect.y) / PX_PER_MM,
      widthMm: rect.width / PX_PER_MM,
      heightMm: rect.height / PX_PER_MM,
    };
    const kind = node.type.name;

    // Any text that does not fit its block: a story's head or body, a caption, a label, the masthead…
    const measured = input.overset?.get(p.id);
    if (oversetChars(measured) > 0) add({ ...oversetFinding(kind, measured!), ...at(p) });

    if (!boxInsideGrid(settings.grid, box)) {
      const b = limits.bleedMm;
      const beyond = p.xMm < -b || p.yMm < -b || p.xMm + p.widthMm > settings.paper.width + b || p.yMm + p.heightMm > settings.paper.height + b;
      add(
        beyond
          ? { level: 'error', code: 'outside-bleed', message: `${kind} reaches beyond the paper and its ${b} mm bleed`, messageZh: `${kind} 超出纸张及 ${b} 毫米出血`, ...at(p) }
          : { level: 'warning', code: 'outside-type-area', message: `${kind} lies outside the type area`, messageZh: `${kind} 超出版心`, ...at(p) },
      );
    }

    if (kind === 'story') {
      if (node.textContent.trim() === '') add({ level: 'warning', code: 'empty-frame', message: 'story has no text', messageZh: '稿件框为空', ...at(p) });
    } else if (kind === 'photo') {
      const asset = String(a['asset'] ?? '');
      const imageHeightMm = p.heightMm - ((a['captionLines'] as number) * metrics.linePx) / PX_PER_MM;
      const frame = { ...at(p), heightMm: r1(Math.max(0, imageHeightMm)) };
      if (asset === '') {
        add({ level: 'warning', code: 'empty-frame', message: 'picture frame has no image', messageZh: '图片框为空', ...frame });
      } else if (!input.assets.has(asset)) {
        add({ level: 'error', code: 'image-missing', message: `image ${asset.slice(0, 12)}… is missing from the file`, messageZh: `图片 ${asset.slice(0, 12)}… 缺失`, ...frame });
      } else if (imageHeightMm > 0) {
        // The node's pixel size is the picture as displayed (EXIF orientation applied), the asset's as
        // stored: the node's orientation counts, the asset's pixels decide (a stale node cannot hide a small image).
        const stored = input.assets.get(asset)!;
        const turned = Number(a['pixelWidth']) === stored.pixelHeight && Number(a['pixelHeight']) === stored.pixelWidth;
        const size = turned ? { pixelWidth: stored.pixelHeight, pixelHeight: stored.pixelWidth } : stored;
        const ppi = effectivePpi({
          pixelWidth: size.pixelWidth,
          pixelHeight: size.pixelHeight,
          frameWidthMm: p.widthMm,
          frameHeightMm: imageHeightMm,
          fit: String(a['fit']),
          zoom: Number(a['zoom']),
        });
        const shown = Math.round(ppi);
        const sizeText = `${size.pixelWidth} × ${size.pixelHeight} px in a ${r1(p.widthMm)} × ${r1(imageHeightMm)} mm frame`;
        if (ppi < limits.errorPpi) {
          add({ level: 'error', code: 'image-low-ppi', message: `image resolution is ${shown} ppi (${sizeText}), below ${limits.errorPpi} ppi`, messageZh: `图片分辨率 ${shown} ppi，低于 ${limits.errorPpi} ppi`, ...frame });
        } else if (ppi < limits.warnPpi) {
          add({ level: 'warning', code: 'image-low-ppi', message: `image resolution is ${shown} ppi (${sizeText}), below ${limits.warnPpi} ppi`, messageZh: `图片分辨率 ${shown} ppi，低于 ${limits.warnPpi} ppi`, ...frame });
        }
      }
    } else if (kind === 'label') {
      // The label's size after its style (the node holds only an override).
      const size = resolveType(node, settings).sizePt;
      const reversed = a['variant'] === 'solid';
      const coloured = a['swatch'] !== 'black';
      if ((reversed || coloured) && size < limits.minColouredTextPt) {
        const what = reversed ? 'reversed' : 'coloured';
        add({
          level: 'warning',
          code: 'small-coloured-text',
          message: `${what} text at ${size} pt is below ${limits.minColouredTextPt} pt and will misregister on newsprint`,
          messageZh: `${reversed ? '反白' : '彩色'}文字 ${size} 磅，小于 ${limits.minColouredTextPt} 磅，新闻纸上易套不准`,
          ...at(p),
        });
      }
      if (node.textContent.trim() === '') add({ level: 'warning', code: 'empty-frame', message: 'label has no text', messageZh: '标签为空', ...at(p) });
    } else if (kind === 'rule') {
      const w = Number(a['weightPt']);
      if (w < limits.minRulePt) {
        add({ level: 'warning', code: 'thin-rule', message: `rule is ${w} pt, thinner than ${limits.minRulePt} pt`, messageZh: `线条 ${w} 磅，细于 ${limits.minRulePt} 磅`, ...at(p) });
      }
    } else if (kind === 'teaser') {
      if (node.textContent.trim() === '') add({ level: 'warning', code: 'empty-frame', message: 'teaser has no text', messageZh: '导读为空', ...at(p) });
    }
  });

  // Black text overprints (OPM 1): over a picture its 100 % K adds to the picture's ink, and
  // a dark picture is already near the limit. Stories wrap around pictures; labels and teasers do not.
  for (const o of blackTextOverPictures(input.doc)) {
    const where = { blockId: o.textId, xMm: r1(o.overlap.xMm), yMm: r1(o.overlap.yMm), widthMm: r1(o.overlap.widthMm), heightMm: r1(o.overlap.heightMm) };
    const ink = input.inkUnderText?.get(inkKey(o.textId, o.photoId));
    if (!ink) {
      add({
        level: 'warning',
        code: 'black-over-image',
        message: `black ${o.textKind} text overprints picture ${o.photoId}: its ink adds 100 % K to the picture's coverage (limit ${limits.maxTac} %)`,
        messageZh: `黑色文字叠印在图片 ${o.photoId} 上，墨量在图片之上再加 100% K（上限 ${limits.maxTac}%）`,
        ...where,
      });
    } else if (ink.totalPct > limits.maxTac) {
      const total = Math.round(ink.totalPct);
      const cmy = Math.round(ink.pictureCmyPct);
      add({
        level: 'error',
        code: 'black-over-image',
        message: `black ${o.textKind} text over picture ${o.photoId} prints ${total} % ink (the picture's C+M+Y ${cmy} % + 100 % K), above the ${limits.maxTac} % limit`,
        messageZh: `黑色文字叠印在图片 ${o.photoId} 上，总墨量 ${total}%（图片 C+M+Y ${cmy}% + 100% K），超过上限 ${limits.maxTac}%`,
        ...where,
      });
    } else {
      const total = Math.round(ink.totalPct);
      add({
        level: 'info',
        code: 'black-over-image',
        message: `black ${o.textKind} text over picture ${o.photoId} prints at most ${total} % ink, within the ${limits.maxTac} % limit`,
        messageZh: `黑色文字叠印在图片 ${o.photoId} 上，总墨量最高 ${total}%，未超上限 ${limits.maxTac}%`,
        ...where,
      });
    }
  }
  return findings;
}
