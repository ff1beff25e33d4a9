/**
 * `banmian desk [--port N] [--db URL] [--users FILE] [FILE…]`: serves
 * editions to several staff at once on 127.0.0.1. Each FILE becomes the
 * edition named by its base name (loaded on first start; afterwards the
 * database holds it). Without --db the database is an embedded PGlite in
 * `$XDG_STATE_HOME/banmian/desk`. Runs until interrupted.
 */
import { parseArgs } from 'node:util';
import { schema } from '../../../shared/model/schema';
import type { DeskDb } from '../desk/desk-db';
import { openPglite, openPostgres } from '../desk/desk-db';
import { startDeskServer } from '../desk/desk-server';
import { defaultDeskDir } from '../desk/desk-state-dir';
import { createEdition, createTables } from '../desk/desk-store';
import { defaultUsersPath, loadDeskUsers } from '../desk/desk-users';
import { editionDocument, editionName, storedAsPage } from '../desk/edition-source';
import type { CliCommand } from './command';
import { parsePort, waitForSignal } from './web';

const USAGE = 'usage: banmian desk [--port N] [--db postgres://…] [--users FILE] [FILE.banmian…]';

export const deskCommand: CliCommand = {
  summary: 'serve editions to several staff at once (live, with story check-out)',
  async run(argv) {
    let values: { port?: string; db?: string; users?: string; help?: boolean };
    let files: string[];
    let port: number;
    try {
      const parsed = parseArgs({
        args: argv,
        allowPositionals: true,
        options: { port: { type: 'string', short: 'p' }, db: { type: 'string' }, users: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      });
      values = parsed.values;
      files = parsed.positionals;
      if (values.help) {
        process.stdout.write(`${USAGE}\n`);
        return 0;
      }
      port = parsePort(values.port);
    } catch (e) {
      process.stderr.write(`banmian desk: ${(e as Error).message}\n${USAGE}\n`);
      return 2;
    }
    const usersPath = values.users ?? defaultUsersPath();
    const { users, created, file } = loadDeskUsers(usersPath);
    if (created) process.stdout.write(`desk: created ${usersPath} with user admin (layout), token ${file.users[0]!.token}\n`);
    else process.stdout.write(`desk: users from ${usersPath}\n`);

    let db: DeskDb;
    if (values.db) db = await openPostgres(values.db);
    else {
      const dir = defaultDeskDir();
      process.stdout.write(`desk: embedded database in ${dir}\n`);
      db = await openPglite(dir);
    }
    await createTables(db);
    for (const path of files) {
      const loaded = await editionDocument(path);
      if (!loaded.ok) {
        process.stderr.write(`banmian desk: ${path}: ${loaded.error.message}\n`);
        await db.close();
        return 1;
      }
      for (const w of loaded.value.warnings) process.stderr.write(`banmian desk: ${w}\n`);
      const name = editionName(path);
      const fresh = await createEdition(db, name, loaded.value.doc, loaded.value.assets);
      process.stdout.write(`desk: edition ${name} ${fresh ? `loaded from ${path} (${pageCount(loaded.value.doc)} pages, ${loaded.value.assets.length} images)` : 'already in the database (the file is not read again)'}\n`);
      if (!fresh && (await storedAsPage(db, name))) {
        process.stderr.write(
          `banmian desk: edition ${name} was stored as a single page by an earlier desk: it is served as that page (its log is in page positions); to serve all pages of ${path}, load the file under another name or into a fresh database\n`,
        );
      }
    }
    const server = await startDeskServer({ db, users, schema, port });
    process.stdout.write(`desk: ${server.url}\n`);
    await waitForSignal();
    await server.close();
    await db.close();
    return 0;
  },
};

/** The number of pages of an edition document's JSON. */
function pageCount(doc: unknown): number {
  return (doc as { content?: unknown[] }).content?.length ?? 0;
}
