/**
 * Durability: `kill -9` of a desk process at random moments while clients
 * type, then a restart on the same port and state. A step is confirmed only
 * after its commit, so no confirmed step may be lost: a client whose
 * confirmed version is ahead of the restarted desk gets DESK_BEHIND, and at
 * the end every typed character must be in every client's identical document.
 * Needs the built CLI (`npm run build`). A few kills here; 20 in
 * `npm run bench:desk`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { schema } from '../../../shared/model/schema';
import { writeBanmianFile } from '../../../electron/node/storage';
import { NodeDeskClient } from '../../../electron/node/desk/desk-client';
import { postgresBin, startTestPostgres } from '../../../bench/desk-postgres';
import type { TestPostgres } from '../../../bench/desk-postgres';
import { cliBuilt, freePort, startDeskProcess, writeUsersFile } from '../../../bench/desk-process';
import { pageWithStories, settle, storyText, typeInto, USERS } from '../../../bench/desk-page';

const KILLS = 3;
const CLIENTS = 3;
/** At least this many characters per client, and on until the last restart (at most MAX_CHARS). */
const CHARS = 60;
const MAX_CHARS = 2000;

describe.skipIf(!cliBuilt())('desk under kill -9', () => {
  const dirs: string[] = [];
  const servers: TestPostgres[] = [];
  afterAll(() => {
    for (const s of servers) s.stop();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  const backends = postgresBin() ? (['pglite', 'postgres'] as const) : (['pglite'] as const);
  it.each(backends)('loses no confirmed step on %s', async (backend) => {
    const dir = mkdtempSync(join(tmpdir(), 'banmian-desk-kill-'));
    dirs.push(dir);
    const file = join(dir, 'kill.banmian');
    const written = await writeBanmianFile(file, { pages: [pageWithStories(CLIENTS).toJSON()], assets: [] });
    expect(written.ok).toBe(true);
    const usersFile = join(dir, 'users.json');
    writeUsersFile(usersFile, USERS);
    let db: string | undefined;
    if (backend === 'postgres') {
      const pg = startTestPostgres(postgresBin()!);
      servers.push(pg);
      db = pg.url;
    }
    const port = await freePort();
    const options = { port, stateHome: join(dir, 'state'), usersFile, db, files: [file] };
    let desk = await startDeskProcess(options);
    const clients = Array.from({ length: CLIENTS }, (_, i) => {
      const user = USERS.users[i + 1]!;
      return new NodeDeskClient({ url: desk.url, edition: 'kill', user: user.name, token: user.token, schema });
    });
    for (const c of clients) await c.connect();

    // Typing goes on (a character per client every few ms) while the desk is killed and restarted.
    let typed = 0;
    let killing = true;
    const typing = new Promise<void>((resolve) => {
      const timer = setInterval(() => {
        clients.forEach((c, i) => typeInto(c, `s${i + 1}`, String.fromCharCode(0x4e00 + typed)));
        if ((++typed >= CHARS && !killing) || typed === MAX_CHARS) {
          clearInterval(timer);
          resolve();
        }
      }, 15);
    });
    for (let k = 0; k < KILLS; k++) {
      await new Promise((r) => setTimeout(r, 100 + Math.random() * 300));
      await desk.kill();
      desk = await startDeskProcess(options);
    }
    killing = false;
    await typing;
    await settle(clients, 120_000);
    const expected = Array.from({ length: typed }, (_, i) => String.fromCharCode(0x4e00 + i)).join('');
    for (const c of clients) {
      expect(c.events.filter((e) => e.type === 'error')).toEqual([]);
      expect(c.lost).toEqual([]);
      expect(c.state!.doc.eq(clients[0]!.state!.doc)).toBe(true);
    }
    clients.forEach((c, i) => expect(storyText(c.state!.doc, `s${i + 1}`)).toBe(`·${expected}`));
    for (const c of clients) c.close();
    await desk.stop();
  }, 300_000);
});
