/**
 * Page settings: the paper, the type area and the grid every block sits on.
 *
 * A page is laid out on a grid of `columns` text columns, each
 * `charsPerColumn` body characters wide, separated by gutters of
 * `gutterChars` characters, and `lines` body lines of `linePitchPt` each.
 * Block positions and sizes are whole grid units (column, line), so the grid
 * is the single source of truth for geometry.
 */
import type { StyleSheet } from '../model/styles-types';

export interface PaperSize {
  /** Trim width in millimetres. */
  width: number;
  /** Trim height in millimetres. */
  height: number;
}

export interface Margins {
  /** Distance from the trim's top edge to the type area, in millimetres. */
  top: number;
  /** Distance from the trim's left edge to the type area, in millimetres. */
  left: number;
}

export interface GridSettings {
  /** Number of text columns across the type area. */
  columns: number;
  /** Body characters per column. */
  charsPerColumn: number;
  /** Gutter between columns, in body characters. */
  gutterChars: number;
  /** Body type size in points (the width of one CJK character). */
  bodyPt: number;
  /** Distance between consecutive body baselines, in points. */
  linePitchPt: number;
  /** Number of body lines down the type area. */
  lines: number;
}

export interface EditionInfo {
  /** Newspaper name as printed in the masthead, e.g. 萧山日报. */
  paperName: string;
  /** Publication date, ISO `YYYY-MM-DD`. */
  date: string;
  /** Page number within the edition (1-based). */
  pageNumber: number;
  /** Section or page name, e.g. 要闻. */
  section: string;
  /** The page's name, e.g. 第一版 (in an edition: mirrors its folio). */
  editionName: string;
  /** The edition's own label (城市版, A叠); absent when it has none. */
  label?: string;
}

/** Everything the page node stores about the page as a whole. */
export interface PageSettings {
  paper: PaperSize;
  margins: Margins;
  grid: GridSettings;
  edition: EditionInfo;
  /** Line breaking strictness (CLREQ): `strict` forbids more line starts. */
  lineBreak: 'strict' | 'normal';
  /**
   * Punctuation width (GB/T 15834, CLREQ): `quanjiao` (全角式) sets every CJK
   * mark full width; `kaiming` (开明式) keeps 。！？ full width and sets every
   * other mark (，、；：quotes, brackets, book-title marks) half width. Either
   * way a closing mark at a line end is half width and adjacent marks are
   * compressed. Absent (pages from before the setting, new pages) means
   * `quanjiao`; read it with {@link punctuationStyle}.
   */
  punctuation?: PunctuationStyle;
  /**
   * The page's type styles (shared/model/styles.ts); absent on pages that
   * never changed them, which use the built-in newsroom set.
   */
  styles?: StyleSheet;
}

/** The page's punctuation width style: 全角式 or 开明式. */
export type PunctuationStyle = 'quanjiao' | 'kaiming';

/** The page's punctuation style, `quanjiao` when the settings do not say. */
export function punctuationStyle(settings: Pick<PageSettings, 'punctuation'>): PunctuationStyle {
  return settings.punctuation ?? 'quanjiao';
}

/** Every punctuation style, in the order the page setup offers them. */
export const PUNCTUATION_STYLES: readonly PunctuationStyle[] = ['quanjiao', 'kaiming'];

/** Named page presets. */
export const PAGE_PRESETS = {
  /** 对开 broadsheet: 8 columns of 13 characters, body 小五 (9 pt), 120 lines. */
  duikai: {
    paper: { width: 390, height: 545 },
    margins: { top: 29, left: 18.8 },
    grid: { columns: 8, charsPerColumn: 13, gutterChars: 1, bodyPt: 9, linePitchPt: 11.5, lines: 120 },
  },
  /** 四开 tabloid: 6 columns of 11 characters, body 小五, 86 lines. */
  sikai: {
    paper: { width: 272, height: 390 },
    margins: { top: 20.6, left: 23.3 },
    grid: { columns: 6, charsPerColumn: 11, gutterChars: 1, bodyPt: 9, linePitchPt: 11.5, lines: 86 },
  },
} as const satisfies Record<string, Pick<PageSettings, 'paper' | 'margins' | 'grid'>>;

export type PagePresetName = keyof typeof PAGE_PRESETS;

/** Default edition info for a new page. */
export const DEFAULT_EDITION: EditionInfo = {
  paperName: '萧山日报',
  date: '2022-11-21',
  pageNumber: 1,
  section: '要闻',
  editionName: '第一版',
};

/** A fresh settings object for a preset. */
export function settingsFromPreset(name: PagePresetName, edition: EditionInfo = DEFAULT_EDITION): PageSettings {
  const preset = PAGE_PRESETS[name];
  return {
    paper: { ...preset.paper },
    margins: { ...preset.margins },
    grid: { ...preset.grid },
    edition: { ...edition },
    lineBreak: 'strict',
  };
}
