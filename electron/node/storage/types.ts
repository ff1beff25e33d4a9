/** The shapes storage hands out and takes in. */
import type { AssetData } from './assets';

export type { AssetData } from './assets';

/** A page file as loaded: validated page JSON and its assets. */
export interface LoadedFile {
  /** One validated ProseMirror page JSON per page, in order (canonical: `pageToJson` of the node). */
  pages: unknown[];
  assets: AssetData[];
  /** Findings that did not stop the load (warnings), one line each. */
  warnings: string[];
}

export interface FileContent {
  pages: unknown[];
  assets: readonly AssetData[];
}
