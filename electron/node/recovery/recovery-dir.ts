/**
 * Where the recovery journal lives: `$BANMIAN_RECOVERY_DIR` when set (tests,
 * portable installs), else `$XDG_STATE_HOME/banmian/recovery`, else
 * `~/.local/state/banmian/recovery` (the XDG default for state that should
 * survive a restart but is not a document).
 */
import { homedir } from 'node:os';
import { stateFolder } from '../state-folder';

export function defaultRecoveryDir(env: NodeJS.ProcessEnv = process.env, home: string = homedir()): string {
  return stateFolder('recovery', 'BANMIAN_RECOVERY_DIR', env, home);
}
