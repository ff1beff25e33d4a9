/**
 * Dates as a Chinese newspaper prints them: `2022年11月21日 星期一`.
 * The masthead takes the edition date (ISO `YYYY-MM-DD`) from the page settings.
 */

const WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六'] as const;

export interface ChineseDate {
  /** `2022年11月21日` */
  date: string;
  /** `星期一` */
  weekday: string;
}

/**
 * Formats an ISO calendar date. Returns null for anything that is not a real
 * date (`2022-02-30`), so a bad setting shows nothing rather than a wrong day.
 */
export function chineseDate(iso: string): ChineseDate | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  // UTC so the weekday does not depend on the machine's time zone.
  const t = new Date(Date.UTC(year, month - 1, day));
  if (t.getUTCFullYear() !== year || t.getUTCMonth() !== month - 1 || t.getUTCDate() !== day) return null;
  return { date: `${year}年${month}月${day}日`, weekday: `星期${WEEKDAYS[t.getUTCDay()]}` };
}

/** `2022年11月21日 星期一`, or '' for an invalid date. */
export function chineseDateLine(iso: string): string {
  const d = chineseDate(iso);
  return d ? `${d.date} ${d.weekday}` : '';
}
