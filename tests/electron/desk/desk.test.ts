/**
 * The desk end to end without a browser: real desk servers on 127.0.0.1,
 * Node clients, the same suite on the embedded PGlite and on a PostgreSQL the
 * test starts itself.
 */
import { describe, expect, it } from 'vitest';
import { undo } from 'prosemirror-history';
import type { DeskDb } from '../../../electron/node/desk/desk-db';
import { stepsSince } from '../../../electron/node/desk/desk-store';
import type { Backend } from './desk-harness';
import { deskFixture, deskSuite, postgresAvailable, settle, storyPos, storyText, typeInto } from './desk-harness';

const backends: Backend[] = ['pglite', 'postgres'];
if (!postgresAvailable()) console.warn('desk tests: PostgreSQL is not installed (/usr/lib/postgresql/*/bin): the postgres half is skipped');

describe.each(backends)('desk on %s', (backend) => {
  const skip = backend === 'postgres' && !postgresAvailable();
  const suite = deskSuite(backend, { skip });
  let editionCount = 0;
  const next = () => `edition-${++editionCount}`;

  it.skipIf(skip)('three clients typing in different stories converge to identical documents', async () => {
    const fixture = await suite.fixture(next());
    const [a, b, c] = [await fixture.client('sub1'), await fixture.client('sub2'), await fixture.client('mei')];
    // Interleaved, without waiting: every client rebases over the others.
    for (let i = 0; i < 10; i++) {
      typeInto(a, 's1', 'a');
      typeInto(b, 's2', 'b');
      typeInto(c, 's3', 'c');
    }
    await settle([a, b, c]);
    expect(a.state!.doc.eq(b.state!.doc)).toBe(true);
    expect(a.state!.doc.eq(c.state!.doc)).toBe(true);
    expect(storyText(a.state!.doc, 's1')).toBe(`·${'a'.repeat(10)}`);
    expect(storyText(a.state!.doc, 's2')).toBe(`·${'b'.repeat(10)}`);
    expect(storyText(a.state!.doc, 's3')).toBe(`·${'c'.repeat(10)}`);
    expect([a, b, c].flatMap((x) => x.lost)).toEqual([]);
    // Confirmed means committed: the database holds every step.
    expect((await stepsSince(suite.db, a.session['options'].edition, 0)).length).toBe(30);
  });

  it.skipIf(skip)('refuses typing into a story another user has checked out, with a message, and keeps the text', async () => {
    const fixture = await suite.fixture(next());
    const [a, b] = [await fixture.client('sub1'), await fixture.client('sub2')];
    typeInto(a, 's1', 'mine');
    await settle([a, b]);
    expect(b.session.checkouts).toEqual({ s1: 'sub1' });
    typeInto(b, 's1', 'yours');
    await b.until(() => b.lost.length > 0);
    await settle([a, b]);
    const lost = b.lost[0]!;
    expect(lost).toMatchObject({ reason: 'refused', code: 'checked-out', block: 's1', holder: 'sub1', text: 'yours' });
    expect(lost.messageZh).toContain('sub1');
    expect(storyText(b.state!.doc, 's1')).toBe('·mine');
    expect(a.state!.doc.eq(b.state!.doc)).toBe(true);
    // Check-in releases it.
    a.session.checkin('s1');
    await b.until(() => !('s1' in b.session.checkouts));
    typeInto(b, 's1', '!');
    await settle([a, b]);
    expect(storyText(a.state!.doc, 's1')).toBe('·mine!');
    expect(b.lost.length).toBe(1);
  });

  it.skipIf(skip)('geometry belongs to the layout role; a reporter edits only its own stories', async () => {
    const fixture = await suite.fixture(next());
    const [mei, sub, rep] = [await fixture.client('mei'), await fixture.client('sub1'), await fixture.client('rep')];
    const move = (c: typeof mei, col: number) => c.edit((s) => s.tr.setNodeAttribute(storyPos(s.doc, 's2'), 'col', col));
    move(sub, 5);
    typeInto(rep, 's1', 'x');
    await sub.until(() => sub.lost.length > 0);
    await rep.until(() => rep.lost.length > 0);
    expect(sub.lost[0]).toMatchObject({ code: 'layout-only' });
    expect(rep.lost[0]).toMatchObject({ code: 'not-your-story', block: 's1', text: 'x' });
    // The layout editor moves the block while the subeditor types in it: both land.
    move(mei, 6);
    typeInto(sub, 's2', 'typed');
    typeInto(rep, 's3', 'own');
    await settle([mei, sub, rep]);
    const doc = mei.state!.doc;
    expect(doc.nodeAt(storyPos(doc, 's2'))!.attrs['col']).toBe(6);
    expect(storyText(doc, 's2')).toBe('·typed');
    expect(storyText(doc, 's3')).toBe('·own');
    expect(sub.state!.doc.eq(doc) && rep.state!.doc.eq(doc)).toBe(true);
  });

  it.skipIf(skip)("undo is per user: it never reverts another person's step", async () => {
    const fixture = await suite.fixture(next());
    const [mei, sub] = [await fixture.client('mei'), await fixture.client('sub1')];
    typeInto(sub, 's1', 'keep');
    mei.edit((s) => s.tr.setNodeAttribute(storyPos(s.doc, 's1'), 'col', 4));
    await settle([mei, sub]);
    typeInto(mei, 's2', 'gone');
    await settle([mei, sub]);
    // mei undoes: her typing in s2 goes, then her move; sub's text stays.
    expect(mei.command(undo)).toBe(true);
    await settle([mei, sub]);
    expect(storyText(sub.state!.doc, 's2')).toBe('·');
    expect(mei.command(undo)).toBe(true);
    await settle([mei, sub]);
    const doc = sub.state!.doc;
    expect(doc.nodeAt(storyPos(doc, 's1'))!.attrs['col']).toBe(0);
    expect(storyText(doc, 's1')).toBe('·keep');
    expect(mei.state!.doc.eq(doc)).toBe(true);
    // Nothing of mei's left to undo; sub's own undo takes its own text.
    expect(mei.command(undo)).toBe(false);
    expect(sub.command(undo)).toBe(true);
    await settle([mei, sub]);
    expect(storyText(mei.state!.doc, 's1')).toBe('·');
  });

  it.skipIf(skip)('queues steps offline and rebases them on reconnect', async () => {
    const fixture = await suite.fixture(next());
    const [a, b] = [await fixture.client('sub1'), await fixture.client('sub2')];
    b.disconnect();
    await b.until(() => !b.session.online);
    typeInto(b, 's2', 'offline');
    // More than one message may carry (MAX_STEPS_PER_MESSAGE): they go in several.
    const long = '长'.repeat(2100);
    typeInto(b, 's3', long);
    typeInto(a, 's1', 'online');
    await a.until(() => a.synced);
    expect(b.synced).toBe(false);
    await b.connect();
    await settle([a, b]);
    expect(storyText(a.state!.doc, 's2')).toBe('·offline');
    expect(storyText(a.state!.doc, 's3')).toBe(`·${long}`);
    expect(storyText(b.state!.doc, 's1')).toBe('·online');
    expect(a.state!.doc.eq(b.state!.doc)).toBe(true);
  });

  it.skipIf(skip)('reports a local step that no longer applies after a rebase, with its text', async () => {
    const fixture = await suite.fixture(next());
    const [mei, sub] = [await fixture.client('mei'), await fixture.client('sub1')];
    sub.disconnect();
    await sub.until(() => !sub.session.online);
    typeInto(sub, 's2', '补充一句');
    // Meanwhile the layout editor deletes the story.
    mei.edit((s) => {
      const pos = storyPos(s.doc, 's2');
      return s.tr.delete(pos, pos + s.doc.nodeAt(pos)!.nodeSize);
    });
    await mei.until(() => mei.synced);
    await sub.connect();
    await settle([mei, sub]);
    expect(sub.lost.map((l) => l.reason)).toEqual(['rebase', 'rebase', 'rebase', 'rebase']);
    expect(sub.lost.map((l) => l.text).join('')).toBe('补充一句');
    expect(sub.state!.doc.eq(mei.state!.doc)).toBe(true);
  });

  it.skipIf(skip)('confirms a step only after its commit, and resends what the database failed to commit', async () => {
    const edition = next();
    let failing = false;
    let failures = 0;
    // The database as the desk sees it: commits fail while `failing`.
    const flaky: DeskDb = {
      ...suite.db,
      kind: suite.db.kind,
      query: (text, params) => suite.db.query(text, params),
      listen: (channel, on) => suite.db.listen(channel, on),
      close: async () => {},
      transaction: (fn) =>
        suite.db.transaction(async (tx) => {
          const result = await fn(tx);
          if (failing) {
            failures++;
            throw new Error('commit failed');
          }
          return result;
        }),
    };
    const fixture = suite.track(await deskFixture(flaky, edition));
    const [a, b] = [await fixture.client('sub1'), await fixture.client('sub2')];
    failing = true;
    typeInto(a, 's1', '稿');
    await a.until(() => failures >= 2);
    // Not confirmed, not sent on to anyone, not in the log.
    expect(a.synced).toBe(false);
    expect(storyText(b.state!.doc, 's1')).toBe('·');
    expect(await stepsSince(suite.db, edition, 0)).toEqual([]);
    failing = false;
    await settle([a, b]);
    expect(storyText(b.state!.doc, 's1')).toBe('·稿');
    expect((await stepsSince(suite.db, edition, 0)).length).toBe(1);
  });

  it.skipIf(skip)('a new desk on the same database serves every confirmed step', async () => {
    const edition = next();
    const fixture = await suite.fixture(edition);
    const a = await fixture.client('sub1');
    typeInto(a, 's1', '已确认');
    await a.until(() => a.synced);
    await fixture.close();
    const again = await suite.fixture(edition);
    const b = await again.client('sub2');
    expect(storyText(b.state!.doc, 's1')).toBe('·已确认');
    expect(b.version).toBe(3);
  });
});
