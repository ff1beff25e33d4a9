/**
 * Preflight over what was read from an exported PDF: colour left in RGB where
 * the variant promises CMYK only, and total area coverage above the limit.
 * The reading itself happens on the Node side (electron/node/pdf/inspect-pdf.ts).
 */
import type { PreflightFinding, PreflightLimits } from './finding';
import { DEFAULT_LIMITS } from './finding';

/** One place where the PDF still uses RGB (or another non-CMYK colour). */
export interface RgbUse {
  /** Page (1-based), when the object is on a page. */
  page: number;
  /** What and where, e.g. `image 12 0 R` or `content stream of page 1 (rg operator)`. */
  what: string;
}

/** The highest total area coverage found, and where. */
export interface TacPeak {
  percent: number;
  page: number;
  /** Object it is in, e.g. `image 12 0 R` or `vector fill`. */
  what: string;
  xMm?: number;
  yMm?: number;
}

export interface PdfInspection {
  variant: string;
  rgb: RgbUse[];
  tac: TacPeak | null;
  /** Objects the print pipeline could not convert. */
  unconverted: string[];
}

export function preflightPdf(inspection: PdfInspection, limits: Partial<PreflightLimits> = {}): PreflightFinding[] {
  const { maxTac } = { ...DEFAULT_LIMITS, ...limits };
  const findings: PreflightFinding[] = [];
  if (inspection.variant === 'x4-cmyk') {
    for (const use of inspection.rgb.slice(0, 20)) {
      findings.push({ level: 'error', code: 'rgb-in-cmyk', page: use.page, message: `RGB left in a CMYK-only PDF: ${use.what}`, messageZh: `纯 CMYK 文件中残留 RGB：${use.what}` });
    }
    if (inspection.rgb.length > 20) {
      findings.push({ level: 'error', code: 'rgb-in-cmyk', page: inspection.rgb[20]!.page, message: `… and ${inspection.rgb.length - 20} more RGB uses`, messageZh: `……另有 ${inspection.rgb.length - 20} 处 RGB` });
    }
  }
  for (const what of inspection.unconverted) {
    findings.push({ level: 'warning', code: 'unconverted-object', page: 1, message: what, messageZh: `未能转换：${what}` });
  }
  const t = inspection.tac;
  if (t && t.percent > maxTac + 0.5) {
    findings.push({
      level: 'error',
      code: 'ink-coverage',
      page: t.page,
      message: `total ink coverage reaches ${Math.round(t.percent)} % in ${t.what}, above the ${maxTac} % limit`,
      messageZh: `总墨量达 ${Math.round(t.percent)}%（${t.what}），超过 ${maxTac}%`,
      ...(t.xMm !== undefined && t.yMm !== undefined ? { xMm: Math.round(t.xMm * 10) / 10, yMm: Math.round(t.yMm * 10) / 10 } : {}),
    });
  }
  return findings;
}
