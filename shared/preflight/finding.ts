/**
 * Preflight findings: what is wrong with a page for print, and exactly where.
 * Errors stop an export unless the editor overrides them; warnings do not.
 */

export type PreflightLevel = 'error' | 'warning' | 'info';

/** Stable machine-readable kinds of finding. */
export type PreflightCode =
  | 'overset'
  | 'overset-not-measured'
  | 'image-missing'
  | 'image-low-ppi'
  | 'empty-frame'
  | 'small-coloured-text'
  | 'thin-rule'
  | 'outside-type-area'
  | 'outside-bleed'
  | 'rgb-in-cmyk'
  | 'ink-coverage'
  | 'black-over-image'
  | 'unconverted-object'
  | 'teaser-reference' | 'jump-reference';

export interface PreflightFinding {
  level: PreflightLevel;
  code: PreflightCode;
  /** One line, English. */
  message: string;
  /** The same line in Chinese, for the UI. */
  messageZh: string;
  /** Page number (1-based, within the file). */
  page: number;
  /** The block the finding is about, when there is one. */
  blockId?: string;
  /** Top-left of the area concerned, mm from the trim's top-left corner. */
  xMm?: number;
  yMm?: number;
  widthMm?: number;
  heightMm?: number;
}

/** Limits the checks use; every one has the default given. */
export interface PreflightLimits {
  /** Below this effective resolution an image is an error (default 100 ppi). */
  errorPpi: number;
  /** Below this it is a warning (default 150 ppi). */
  warnPpi: number;
  /** Coloured or reversed text smaller than this is a warning (default 10 pt). */
  minColouredTextPt: number;
  /** Rules thinner than this are a warning (default 0.25 pt). */
  minRulePt: number;
  /** Total area coverage limit, percent (default 240, ISO 12647-3 newsprint). */
  maxTac: number;
  /** Bleed around the trim, mm (default 3). */
  bleedMm: number;
}

export const DEFAULT_LIMITS: PreflightLimits = {
  errorPpi: 100,
  warnPpi: 150,
  minColouredTextPt: 10,
  minRulePt: 0.25,
  maxTac: 240,
  bleedMm: 3,
};

export function preflightErrors(findings: readonly PreflightFinding[]): PreflightFinding[] {
  return findings.filter((f) => f.level === 'error');
}

const mm = (v: number) => v.toFixed(1);

/** `error  p1 s3 @ 20.0,40.0 mm  overset: …` — one line for a terminal. */
export function formatFinding(f: PreflightFinding): string {
  const where = [`p${f.page}`];
  if (f.blockId) where.push(f.blockId);
  if (f.xMm !== undefined && f.yMm !== undefined) where.push(`@ ${mm(f.xMm)},${mm(f.yMm)} mm`);
  return `${f.level.padEnd(7)} ${where.join(' ')}  ${f.code}: ${f.message}`;
}
