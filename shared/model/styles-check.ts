/**
 * Load-time findings about type styles: text that names a style the page does
 * not define, or one of another kind. Such text is set in its type's default
 * style (see `styleFor`); the warning says so once per name.
 */
import type { Node } from 'prosemirror-model';
import type { PageSettings } from '../page/settings';
import { findParagraphStyle, isStyledNodeType, STYLED_NODES, styleSheetOf } from './styles';
import type { Finding } from './validation';

export function styleFindings(doc: Node): Finding[] {
  const sheet = styleSheetOf(doc.attrs['settings'] as PageSettings);
  const reported = new Set<string>();
  const findings: Finding[] = [];
  doc.forEach((block) => {
    const blockId = typeof block.attrs['id'] === 'string' && block.attrs['id'] !== '' ? (block.attrs['id'] as string) : undefined;
    block.descendants((node) => {
      const type = node.type.name;
      if (!isStyledNodeType(type)) return true;
      const name = node.attrs['style'] as unknown;
      if (typeof name !== 'string') return false;
      const style = findParagraphStyle(sheet, name);
      const problem = !style ? 'which the page does not define' : style.kind !== STYLED_NODES[type].kind ? `a ${style.kind} style, not for a ${type}` : null;
      const key = `${name}\u0000${type}`;
      if (problem && !reported.has(key)) {
        reported.add(key);
        findings.push({ level: 'warning', message: `a ${type} names style "${name}", ${problem}: it is set in the default style`, ...(blockId ? { blockId } : {}) });
      }
      return false;
    });
    // A label is itself a styled text node.
    if (isStyledNodeType(block.type.name) && typeof block.attrs['style'] === 'string') {
      const name = block.attrs['style'] as string;
      const style = findParagraphStyle(sheet, name);
      if ((!style || style.kind !== 'label') && !reported.has(`${name}\u0000label`)) {
        reported.add(`${name}\u0000label`);
        findings.push({ level: 'warning', message: `a label names style "${name}", which is not a label style of the page: it is set in the default style`, ...(blockId ? { blockId } : {}) });
      }
    }
  });
  return findings;
}
