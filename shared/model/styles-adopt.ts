/**
 * Pages written before type styles existed store every type attribute of a
 * head, byline, crosshead and label explicitly (the schema had no "from the
 * style" value). Read as overrides, they would pin every block to its old
 * look and no style change would reach it. An override equal to the value
 * its style gives is no override, so it is dropped on load: the page looks
 * exactly as before and follows its styles from then on.
 *
 * The rule holds for every file, old or new (a new file never stores such an
 * override), so it needs no format version: it is idempotent and changes no
 * rendering. Applied by `pageFromJson` before the JSON becomes a node.
 */
import type { PageSettings } from '../page/settings';
import type { NodeJson } from './page-json';
import type { OverrideKey } from './styles';
import { isStyledNodeType, OVERRIDE_KEYS, styleFor, styleSheetOf, styleValue } from './styles';

/** A copy of `node` with overrides equal to their style's values set to null (shares untouched subtrees). */
function adoptNode(node: NodeJson, settings: PageSettings): NodeJson {
  let out = node;
  const type = node.type;
  if (node.attrs && isStyledNodeType(type)) {
    const keys = OVERRIDE_KEYS[type] as readonly OverrideKey[];
    const s = styleFor(styleSheetOf(settings), type, node.attrs['style']);
    let attrs: Record<string, unknown> | null = null;
    for (const key of keys) {
      const v = node.attrs[key];
      if (v !== null && v !== undefined && v === styleValue(s, key, settings)) {
        attrs ??= { ...node.attrs };
        attrs[key] = null;
      }
    }
    if (attrs) out = { ...node, attrs };
  }
  if (node.content) {
    let changed = false;
    const content = node.content.map((child) => {
      const next = adoptNode(child, settings);
      if (next !== child) changed = true;
      return next;
    });
    if (changed) out = { ...out, content };
  }
  return out;
}

/**
 * The page JSON with redundant type overrides dropped (see the module note).
 * `settings` are the page's validated settings.
 */
export function dropRedundantOverrides<T extends { content?: NodeJson[] | undefined }>(page: T, settings: PageSettings): T {
  if (!page.content) return page;
  let changed = false;
  const content = page.content.map((child) => {
    const next = adoptNode(child, settings);
    if (next !== child) changed = true;
    return next;
  });
  return changed ? { ...page, content } : page;
}
