/**
 * The result of an operation that can fail for reasons outside the
 * programmer's control (bad files, cancelled dialogs, I/O). Error classes do
 * not survive IPC or JSON, so failures are plain data with a stable `code`.
 */
export type Result<T> = { ok: true; value: T } | { ok: false; error: HostError };

export interface HostError {
  /** Stable machine-readable code, e.g. `ENOENT`, `INVALID_FILE`, `CANCELLED`. */
  code: string;
  /** One line for a person, in the UI language where known. */
  message: string;
}

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function fail<T = never>(code: string, message: string): Result<T> {
  return { ok: false, error: { code, message } };
}
