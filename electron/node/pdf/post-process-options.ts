/**
 * What post-processing (post-process.ts) takes and gives: the variants, the
 * options of one run, and its report.
 */
import type { SwatchBook } from '../../../shared/color/swatches';
import type { ImageReport } from './images';
import type { OutputCondition } from './output-profile';
import type { SlugInfo } from './slug';

export type PdfVariant = 'x4' | 'x4-cmyk' | 'proof';
export const PDF_VARIANTS: readonly PdfVariant[] = ['x4', 'x4-cmyk', 'proof'];

/** JPEG quality of print images unless the export asks for another. */
export const DEFAULT_JPEG_QUALITY = 85;

/** Total area coverage limit of print images, percent, unless asked otherwise. */
export const DEFAULT_TAC_LIMIT = 240;

/** The bleed an export lays the page out with, mm: as asked, else 3 mm for print variants and none for proofs. */
export function bleedOf(req: { variant: PdfVariant; bleedMm?: number }): number {
  return req.bleedMm ?? (req.variant === 'proof' ? 0 : 3);
}

export interface PostProcessOptions {
  variant: PdfVariant;
  /** Trim size in mm: the paper. */
  paper: { width: number; height: number };
  /** Bleed beyond the trim on every side, mm (default 3; 0 for `proof`). */
  bleedMm?: number;
  /**
   * How far Chromium's page reaches beyond the trim on every side, mm: 0 when
   * Chromium printed exactly the paper, or the bleed when it printed the page
   * with its bleed. Content beyond the bleed box is clipped.
   */
  sourceBleedMm?: number;
  /** Crop and registration marks and slug line (default on for x4 variants, off for proof). */
  marks?: boolean;
  /** Output ICC profile (CMYK); default the shipped newsprint profile. */
  profilePath?: string;
  outputCondition?: OutputCondition;
  swatches?: SwatchBook;
  /** Images above this resolution at placed size are downsampled to it (default 300). */
  maxPpi?: number;
  /** JPEG quality of re-encoded images, 1–100 (default 85). */
  jpegQuality?: number;
  /** Black fills and strokes at most this thick overprint (default 2 pt); black text always does. */
  thinRulePt?: number;
  title?: string;
  slug?: SlugInfo;
  /** Export time (default now), for metadata and the slug line. */
  now?: Date;
  /** Cancels: checked between phases and before each image; throws its abort reason. */
  signal?: AbortSignal;
}

export interface PostProcessReport {
  variant: PdfVariant;
  pages: number;
  images: ImageReport[];
  /** Colour operators rewritten. */
  colourOps: number;
  warnings: string[];
  /** Milliseconds per phase. */
  timings: Record<string, number>;
}

export interface PostProcessResult {
  pdf: Uint8Array;
  report: PostProcessReport;
}
