/**
 * The page menu of an edition (status bar): every page by folio and section
 * (第3版 · 综合); choosing one shows it, as PageUp/PageDown do.
 */
import { t } from '../i18n/i18n';
import type { EditorSession } from '../editor/editor-session';
import { editionPages, pageMeta } from '../../shared/edition/edition-doc';

/** 第N版 · section, for the page menu. */
export function pageLabel(index: number, section: string): string {
  const folio = t('folio').replace('{n}', String(index + 1));
  return section.trim() === '' ? folio : `${folio} · ${section.trim()}`;
}

/** The page menu: every page of the edition by folio and section; choosing one shows it. */
export function PageMenu({ session, active }: { session: EditorSession; active: number }) {
  const labels: string[] = [];
  editionPages(session.doc).forEach((page, i) => labels.push(pageLabel(i, pageMeta(page).section)));
  return (
    <select
      className="bm-page-menu"
      data-status="page"
      data-value={active}
      aria-label={t('pageMenu')}
      title={t('pageMenu')}
      value={active}
      onChange={(e) => session.showPage(Number(e.target.value))}
    >
      {labels.map((label, i) => (
        <option key={i} value={i}>
          {label}
        </option>
      ))}
    </select>
  );
}
