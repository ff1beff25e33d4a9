/** UI strings of the page plan (版面计划), zh-CN first. */
import type { PageStatus } from '../../../shared/edition/edition-doc';
import { PAGE_STATUS_LABELS } from '../../../shared/edition/edition-doc';
import { language } from '../../i18n/i18n';

const zhCN = {
  title: '版面计划',
  pages: '版',
  folio: '第{n}版',
  overset: '溢出 {n}',
  oversetNone: '无溢出',
  oversetTitle: '{n} 个块的文字排不下',
  oversetDraftTitle: '缩略图草排估计（未做行尾挤压），实排结果随后更新',
  preflightErrors: '预检 {n} 错误',
  preflightWarnings: '预检 {n} 警告',
  preflightOk: '预检通过',
  preflightUnknown: '未预检',
  thumbnailPending: '生成缩略图…',
  mono: '黑白',
  colour: '彩色',
  pageTitle: '第{n}版 · {section}：双击打开，拖动调整版序（Ctrl+←/→ 前后移）',
  active: '正在编辑',
  newPage: '新建版面',
  newPageTitle: '在第{n}版之后插入一个空版（同版式、同版名）',
  duplicatePage: '复制版面',
  duplicatePageTitle: '在第{n}版之后插入它的副本',
  deletePage: '删除版面',
  deletePageTitle: '删除第{n}版（可撤销）',
};

const en: typeof zhCN = {
  title: 'Page plan',
  pages: 'pages',
  folio: 'Page {n}',
  overset: 'Overset {n}',
  oversetNone: 'No overset',
  oversetTitle: 'Text does not fit in {n} block(s)',
  oversetDraftTitle: 'Estimated from the thumbnail’s draft layout (no line-end squeeze); the print layout’s count follows',
  preflightErrors: 'Preflight: {n} errors',
  preflightWarnings: 'Preflight: {n} warnings',
  preflightOk: 'Preflight OK',
  preflightUnknown: 'Not checked',
  thumbnailPending: 'Drawing thumbnail…',
  mono: 'Mono',
  colour: 'Colour',
  pageTitle: 'Page {n} · {section}: double-click to open, drag to reorder (Ctrl+←/→ moves)',
  active: 'Editing',
  newPage: 'New page',
  newPageTitle: 'Insert an empty page after page {n} (same grid and section)',
  duplicatePage: 'Duplicate page',
  duplicatePageTitle: 'Insert a copy of page {n} after it',
  deletePage: 'Delete page',
  deletePageTitle: 'Delete page {n} (undoable)',
};

export type PlanStringKey = keyof typeof zhCN;

/** A page-plan string in the current language, `{name}` filled from `values`. */
export function pt(key: PlanStringKey, values: Record<string, string | number> = {}): string {
  const text = (language() === 'zh-CN' ? zhCN : en)[key];
  return text.replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? ''));
}

/** How a page status reads in the current language. */
export function statusLabel(status: PageStatus): string {
  const label = PAGE_STATUS_LABELS[status];
  return language() === 'zh-CN' ? label.zh : label.en;
}
