/**
 * The one interface between the renderer and its host. Its methods are the
 * table's (shared/host/host-methods.ts), as they stand, plus a few each
 * client composes or answers itself: `exportPdf` with progress, and
 * `cancelExport` by document (the wire cancels by job); `setDirty` without
 * waiting; `assetUrl` and `onCommand`, which never cross. The Electron preload
 * implements it over `ipcRenderer.invoke`, web mode over HTTP on 127.0.0.1;
 * both are generic over the table.
 */
import type { Result } from '../result';
import type { HostMethodsClient, PublicHostMethodName } from './host-methods';
import { PUBLIC_HOST_METHOD_NAMES } from './host-methods';
import type { AppCommand, ExportInfo, ExportProgress, ExportRequest } from './host-types';

export * from './host-types';

/** Table methods whose HostApi form the clients write themselves. */
type Composed = 'cancelExport' | 'setDirty';

export interface HostApi extends Omit<Pick<HostMethodsClient, PublicHostMethodName>, Composed> {
  /** Where the renderer runs. */
  readonly kind: 'electron' | 'web';
  /**
   * Exports a print PDF through a save dialog (web mode: a path prompt);
   * null when cancelled. `onProgress` hears each stage as the host reaches
   * it, and preflight's findings; when preflight errors stop the export (code
   * `PREFLIGHT_FAILED`) the findings have been reported before the failure returns.
   */
  exportPdf(request: ExportRequest, onProgress?: (progress: ExportProgress) => void): Promise<Result<ExportInfo | null>>;
  /**
   * Stops the document's running export at its next safe point; that export
   * then fails with code `CANCELLED`, leaving no file behind and any earlier
   * file at its path as it was. True when an export was asked to stop; false
   * when none was running for the document (or it was already over).
   */
  cancelExport(handle: string): Promise<Result<boolean>>;
  /** Tells the host whether there are unsaved changes (close prompt, title); does not wait. */
  setDirty(handle: string, dirty: boolean): void;
  /** URL the renderer can load an asset from (screen proxy). */
  assetUrl(handle: string, hash: string): string;
  /**
   * Subscribes to commands the host sends (native menus, close prompt).
   * Returns the unsubscribe function. Web mode never sends any.
   */
  onCommand(listener: (command: AppCommand) => void): () => void;
}

/** HostApi methods each client writes itself (not table methods as they stand). */
export const CLIENT_METHODS = ['exportPdf', 'assetUrl', 'onCommand'] as const;

/** Names of the HostApi's methods: the table's public ones and the clients' own. */
export const HOST_API_METHODS = [...PUBLIC_HOST_METHOD_NAMES, ...CLIENT_METHODS] as readonly (keyof HostApi)[];
