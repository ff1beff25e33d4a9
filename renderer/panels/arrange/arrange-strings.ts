/** UI strings of the arrange tools and copyfit panel, zh-CN first. */
import { language } from '../../i18n/i18n';

const zhCN = {
  panel: '版面',
  copyfit: '稿件配合',
  grid: '网格',
  gridTitle: "显示栏线和行线（Ctrl+'）",
  bringForward: '前移',
  bringForwardTitle: '上移一层（Ctrl+]）',
  sendBackward: '后移',
  sendBackwardTitle: '下移一层（Ctrl+[）',
  bringToFront: '置顶',
  bringToFrontTitle: '置于顶层（Ctrl+Shift+]）',
  sendToBack: '置底',
  sendToBackTitle: '置于底层（Ctrl+Shift+[）',
  duplicate: '复制',
  duplicateTitle: '复制块（Ctrl+D）',
  delete: '删除',
  deleteTitle: '删除块（Delete）',
  chars: '字数',
  linesNeeded: '需行',
  linesAvailable: '可用',
  status: '状态',
  overset: '溢出',
  underset: '空',
  fit: '合适',
  unmeasured: '…',
  charsUnit: '字',
  linesUnit: '行',
  noStories: '本版没有稿件',
  overlapWarning: '块重叠',
  oversetParts: '超出的文字',
};

const en: typeof zhCN = {
  panel: 'Layout',
  copyfit: 'Copyfit',
  grid: 'Grid',
  gridTitle: "Show column and line grid (Ctrl+')",
  bringForward: 'Forward',
  bringForwardTitle: 'Bring forward (Ctrl+])',
  sendBackward: 'Backward',
  sendBackwardTitle: 'Send backward (Ctrl+[)',
  bringToFront: 'To front',
  bringToFrontTitle: 'Bring to front (Ctrl+Shift+])',
  sendToBack: 'To back',
  sendToBackTitle: 'Send to back (Ctrl+Shift+[)',
  duplicate: 'Duplicate',
  duplicateTitle: 'Duplicate block (Ctrl+D)',
  delete: 'Delete',
  deleteTitle: 'Delete block (Delete)',
  chars: 'Chars',
  linesNeeded: 'Need',
  linesAvailable: 'Have',
  status: 'Status',
  overset: 'Overset',
  underset: 'Short',
  fit: 'Fits',
  unmeasured: '…',
  charsUnit: ' ch',
  linesUnit: ' ln',
  noStories: 'No stories on this page',
  overlapWarning: 'Blocks overlap',
  oversetParts: 'Text that does not fit',
};

export type ArrangeStringKey = keyof typeof zhCN;

export function at(key: ArrangeStringKey): string {
  return (language() === 'zh-CN' ? zhCN : en)[key];
}
