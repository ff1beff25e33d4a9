/**
 * Banmian's folders for state that should survive a restart but is not a
 * document (the recovery journal, cached thumbnails): `$<override>` when set
 * (tests, portable installs), else `$XDG_STATE_HOME/banmian/<name>`, else
 * `~/.local/state/banmian/<name>` (the XDG default).
 */
import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';

export function stateFolder(name: string, override: string, env: NodeJS.ProcessEnv = process.env, home: string = homedir()): string {
  const set = env[override];
  if (set) return set;
  const state = env['XDG_STATE_HOME'];
  // The XDG spec says relative values are invalid and must be ignored.
  const base = state && isAbsolute(state) ? state : join(home, '.local', 'state');
  return join(base, 'banmian', name);
}
