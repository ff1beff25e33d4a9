/** The shapes storage hands out and takes in. */
import type { EditionMeta } from '../../../shared/format/manifest';
import type { AssetData } from './assets';

export type { AssetData } from './assets';

/** A page file as loaded: validated page JSON and its assets. */
export interface LoadedFile {
  /** One validated ProseMirror page JSON per page, in order (canonical: `pageToJson` of the node). */
  pages: unknown[];
  /** The edition's own fields (paper, date, label); always set by `readBanmianFile`. */
  edition?: EditionMeta;
  assets: AssetData[];
  /** Findings that did not stop the load (warnings), one line each. */
  warnings: string[];
}

export interface FileContent {
  pages: unknown[];
  /** The edition's own fields; absent, the first page's `settings.edition` gives them. */
  edition?: EditionMeta;
  assets: readonly AssetData[];
}
