/**
 * Where the embedded desk database lives: `$XDG_STATE_HOME/banmian/desk`,
 * else `~/.local/state/banmian/desk`.
 */
import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';

export function defaultDeskDir(env: NodeJS.ProcessEnv = process.env, home: string = homedir()): string {
  const state = env['XDG_STATE_HOME'];
  // The XDG spec says relative values are invalid and must be ignored.
  const base = state && isAbsolute(state) ? state : join(home, '.local', 'state');
  return join(base, 'banmian', 'desk');
}
