/** A command test's set-up: a temporary folder, and what the command writes to stdout and stderr. */
import { afterEach, beforeEach, vi } from 'vitest';
import { tempDir } from '../storage/sample';

export interface Captured {
  tmp: ReturnType<typeof tempDir>;
  out: string;
  err: string;
}

/** Registers the hooks; read `tmp`, `out` and `err` from the returned object inside a test. */
export function captureCommandOutput(prefix: string): Captured {
  const c = {} as Captured;
  beforeEach(() => {
    c.tmp = tempDir(prefix);
    c.out = '';
    c.err = '';
    vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((c.out += String(s)), true));
    vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((c.err += String(s)), true));
  });
  afterEach(() => {
    vi.restoreAllMocks();
    c.tmp.remove();
  });
  return c;
}
