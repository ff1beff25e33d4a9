/**
 * Folio text generated from the edition: the folio (第N版), the folio line
 * heading an inner page, the masthead's 今日N版. Never typed by the editor:
 * each is a pure function of the edition and a page's place in it.
 */

const WEEKDAYS = ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'] as const;

/** 第N版 for folio `n` (1-based), in Arabic figures as newspapers print it. */
export function folioName(n: number): string {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`folio must be a positive integer, not ${n}`);
  return `第${n}版`;
}

/**
 * An ISO date as a Chinese newspaper prints it: `2022年11月21日 星期一`.
 * A string that is not a valid `YYYY-MM-DD` date comes back unchanged.
 */
export function chineseDateLine(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return iso;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return iso;
  return `${y}年${mo}月${d}日 ${WEEKDAYS[date.getUTCDay()]!}`;
}

const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'] as const;

/** A whole number 1–999 in Chinese numerals: 1 一, 10 十, 21 二十一, 101 一百零一, 110 一百一十. */
export function chineseNumber(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 999) throw new RangeError(`chineseNumber takes 1 to 999, not ${n}`);
  const h = Math.floor(n / 100);
  const t = Math.floor((n % 100) / 10);
  const u = n % 10;
  let out = h > 0 ? `${DIGITS[h]!}百` : '';
  if (t > 0) out += `${h === 0 && t === 1 ? '' : DIGITS[t]!}十`;
  else if (h > 0 && u > 0) out += '零';
  if (u > 0) out += DIGITS[u]!;
  return out;
}

/** The page's name as the masthead and the PDF title write it: 第一版, 第十二版. */
export function folioNameChinese(n: number): string {
  return `第${chineseNumber(n)}版`;
}

/** The masthead's page count line: `今日8版`. */
export function pagesTodayText(pageCount: number): string {
  if (!Number.isInteger(pageCount) || pageCount < 1) throw new RangeError(`page count must be a positive integer, not ${pageCount}`);
  return `今日${pageCount}版`;
}

/** What the folio line is made of. */
export interface FolioLineInput {
  paperName: string;
  date: string;
  /** The edition's label (城市版), or ''. */
  label: string;
  /** The page's folio, 1-based. */
  folio: number;
  section: string;
  /** 责任编辑, or ''. */
  editor: string;
}

/** Separator between the parts of a folio line. */
export const FOLIO_SEPARATOR = ' · ';

/**
 * The folio line at the head of an inner page:
 * `萧山日报 · 2022年11月21日 星期一 · 第3版 · 综合 · 责任编辑 张三`.
 * Empty parts (no label, no section, no editor) are left out with their separator.
 */
export function folioLine(input: FolioLineInput): string {
  const parts = [
    input.paperName.trim(),
    input.label.trim(),
    chineseDateLine(input.date),
    folioName(input.folio),
    input.section.trim(),
    input.editor.trim() === '' ? '' : `责任编辑 ${input.editor.trim()}`,
  ];
  return parts.filter((p) => p !== '').join(FOLIO_SEPARATOR);
}

/**
 * The folio line of a page node on its own, from its `settings.edition`
 * mirror and its `editor` attribute: what a view that sees one page shows.
 */
export function pageFolioLine(page: { attrs: Record<string, unknown> }): string {
  const settings = page.attrs['settings'] as { edition: { paperName: string; date: string; pageNumber: number; section: string; label?: string } } | undefined;
  if (!settings) return '';
  const e = settings.edition;
  const editor = page.attrs['editor'];
  return folioLine({ paperName: e.paperName, date: e.date, label: e.label ?? '', folio: e.pageNumber, section: e.section, editor: typeof editor === 'string' ? editor : '' });
}
