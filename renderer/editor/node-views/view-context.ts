/**
 * What every NodeView needs from outside its node: the page's grid metrics
 * and settings, how to reach image assets, the zoom, and the one request a
 * view makes of the app (import copy into the bin). One object per page
 * view; when page settings change the editor rebuilds its NodeViews.
 */
import type { Node } from 'prosemirror-model';
import type { GridMetrics } from '../../../shared/page/geometry';
import type { PageSettings } from '../../../shared/page/settings';
import type { ReadonlyStore } from '../../base/store';

export interface ViewContext {
  readonly settings: PageSettings;
  readonly metrics: GridMetrics;
  /** URL of an asset's screen image, or null when there is none. */
  assetUrl(hash: string): string | null;
  /** The zoom the page is shown at, for what keeps its screen size (the story bin). */
  readonly zoom: ReadonlyStore<number>;
  /** Asks the app to import copy into the story bin. */
  importCopy(): void;
}

/** Numeric attribute of a node (schema attrs are untyped). */
export function num(node: Node, name: string, fallback = 0): number {
  const v = node.attrs[name] as unknown;
  return typeof v === 'number' && Number.isFinite(v) ? v : fallback;
}

export function str(node: Node, name: string, fallback = ''): string {
  const v = node.attrs[name] as unknown;
  return typeof v === 'string' ? v : fallback;
}
