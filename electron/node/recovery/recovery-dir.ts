/**
 * Where the recovery journal lives: `$BANMIAN_RECOVERY_DIR` when set (tests,
 * portable installs), else `$XDG_STATE_HOME/banmian/recovery`, else
 * `~/.local/state/banmian/recovery` (the XDG default for state that should
 * survive a restart but is not a document).
 */
import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';

export function defaultRecoveryDir(env: NodeJS.ProcessEnv = process.env, home: string = homedir()): string {
  const override = env['BANMIAN_RECOVERY_DIR'];
  if (override) return override;
  const state = env['XDG_STATE_HOME'];
  // The XDG spec says relative values are invalid and must be ignored.
  const base = state && isAbsolute(state) ? state : join(home, '.local', 'state');
  return join(base, 'banmian', 'recovery');
}
