/**
 * Where the page is on screen: the conversion between client (screen) px and
 * page px at 100 %, read from the page element (the zoom is a CSS transform
 * on an ancestor), and the blocks' rectangles from the document.
 */
import type { Node } from 'prosemirror-model';
import type { EditorView } from 'prosemirror-view';
import { boxOf, pageBlocks } from '../../shared/model/commands/blocks';
import type { GridBox, GridMetrics } from '../../shared/page/geometry';
import { gridMetrics } from '../../shared/page/geometry';
import type { PageSettings } from '../../shared/page/settings';
import type { HitBlock } from '../arrange/geometry';
import { pageRect } from '../arrange/geometry';

export interface PageFrame {
  /** Client px per page px (the zoom). */
  scale: number;
  /** Client position of the page's top-left corner. */
  left: number;
  top: number;
}

export function pageFrame(view: EditorView): PageFrame {
  const r = view.dom.getBoundingClientRect();
  const w = (view.dom as HTMLElement).offsetWidth;
  return { scale: w > 0 ? r.width / w : 1, left: r.left, top: r.top };
}

export function toPage(frame: PageFrame, clientX: number, clientY: number): { x: number; y: number } {
  return { x: (clientX - frame.left) / frame.scale, y: (clientY - frame.top) / frame.scale };
}

export function docSettings(doc: Node): PageSettings {
  return doc.attrs['settings'] as PageSettings;
}

export function docMetrics(doc: Node): GridMetrics {
  return gridMetrics(docSettings(doc));
}

export interface PlacedBlock extends HitBlock {
  box: GridBox;
  pos: number;
}

/** Every block with its grid box and page rectangle, in document (stacking) order. */
export function placedBlocks(doc: Node, metrics: GridMetrics = docMetrics(doc)): PlacedBlock[] {
  return pageBlocks(doc).map(({ node, pos }) => {
    const box = boxOf(node);
    return { id: String(node.attrs['id']), box, pos, rect: pageRect(metrics, box) };
  });
}
