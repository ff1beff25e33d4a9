/**
 * The result of an operation that can fail for reasons outside the
 * programmer's control (bad files, cancelled dialogs, I/O). Error classes do
 * not survive IPC or JSON, so failures are plain data with a stable `code`.
 */
import type { HostErrorCode } from './host/host-error';

export type { HostErrorCode };

export type Result<T> = { ok: true; value: T } | { ok: false; error: HostError };

export interface HostError {
  /** Stable machine-readable code, e.g. `ENOENT`, `INVALID_FILE`, `CANCELLED` (shared/host/host-error.ts lists them all). */
  code: HostErrorCode;
  /** One line for a person, in the UI language where known. */
  message: string;
  /** The same line in Chinese, where the host has it (the UI shows it when its language is zh-CN). */
  messageZh?: string;
}

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function fail<T = never>(code: HostErrorCode, message: string, messageZh?: string): Result<T> {
  return { ok: false, error: messageZh === undefined ? { code, message } : { code, message, messageZh } };
}
