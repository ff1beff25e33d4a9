/**
 * The desk's users: a small JSON file of names, roles and per-user tokens,
 * `$XDG_CONFIG_HOME/banmian/desk-users.json` (or `--users FILE`). On first
 * start it is created with one layout editor, `admin`, and a random token,
 * readable only by its owner. Tokens are compared in constant time.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join } from 'node:path';
import { z } from 'zod';
import { DESK_ROLES } from '../../../shared/desk/protocol';
import type { DeskActor } from '../../../shared/desk/rules';

const usersFileSchema = z
  .object({
    users: z
      .array(
        z
          .object({
            name: z.string().min(1).max(80),
            role: z.enum(DESK_ROLES),
            token: z.string().min(16).max(200),
            /** For a reporter: ids of its own stories. */
            stories: z.array(z.string()).default([]),
          })
          .strict(),
      )
      .min(1),
    /** Minutes of no typing after which a check-out lapses. */
    idleMinutes: z.number().positive().max(24 * 60).default(10),
    /** Seconds a holder may be disconnected before its check-outs lapse. */
    goneSeconds: z.number().positive().max(3600).default(60),
  })
  .strict();

export type DeskUsersFile = z.infer<typeof usersFileSchema>;

export interface DeskUsers {
  /** The actor for a name and token, or null (unknown name or wrong token). */
  authenticate(name: string, token: string): DeskActor | null;
  idleMinutes: number;
  goneSeconds: number;
}

/** Where the users file lives unless `--users` says otherwise. */
export function defaultUsersPath(env: NodeJS.ProcessEnv = process.env, home: string = homedir()): string {
  const config = env['XDG_CONFIG_HOME'];
  const base = config && isAbsolute(config) ? config : join(home, '.config');
  return join(base, 'banmian', 'desk-users.json');
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}

export function deskUsers(file: DeskUsersFile): DeskUsers {
  const byName = new Map(file.users.map((u) => [u.name, u]));
  return {
    idleMinutes: file.idleMinutes,
    goneSeconds: file.goneSeconds,
    authenticate(name, token) {
      const user = byName.get(name);
      // Compare digests (equal length) in constant time; an unknown name still pays for one comparison.
      const ok = timingSafeEqual(digest(user?.token ?? '\u0000'), digest(token));
      return user && ok ? { user: user.name, role: user.role, stories: user.stories } : null;
    },
  };
}

/** Reads the users file, creating it with one layout editor when absent. */
export function loadDeskUsers(path: string): { users: DeskUsers; created: boolean; file: DeskUsersFile } {
  let created = false;
  if (!existsSync(path)) {
    mkdirSync(dirname(path), { recursive: true });
    const first = { users: [{ name: 'admin', role: 'layout', token: randomBytes(24).toString('base64url'), stories: [] }], idleMinutes: 10, goneSeconds: 60 };
    writeFileSync(path, `${JSON.stringify(first, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
    created = true;
  }
  const parsed = usersFileSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`${path}: ${issue.path.join('.')}: ${issue.message}`);
  }
  return { users: deskUsers(parsed.data), created, file: parsed.data };
}
