/**
 * The commit protocol of decision 0025 on both databases: the authority
 * rebases a message made on an older version itself (no `stale`, no resend),
 * commits the messages waiting together, tells the sender what its steps
 * became, reports a step that no longer applies with its text (once), keeps
 * the sender's undo history right when its steps were rebased, and commits a
 * message whose answer was lost at most once.
 */
import { describe, expect, it } from 'vitest';
import { undo } from 'prosemirror-history';
import type { DeskDb } from '../../../electron/node/desk/desk-db';
import { stepsSince } from '../../../electron/node/desk/desk-store';
import type { Backend } from './desk-harness';
import { deskFixture, deskSuite, postgresAvailable, settle, storyEnd, storyPos, storyText, traffic, typeInto } from './desk-harness';

const backends: Backend[] = ['pglite', 'postgres'];

describe.each(backends)('desk commit protocol on %s', (backend) => {
  const skip = backend === 'postgres' && !postgresAvailable();
  const suite = deskSuite(backend, { skip });
  let editionCount = 0;
  const next = () => `commit-${++editionCount}`;

  it.skipIf(skip)('commits concurrent messages in different stories in one round: none is stale, none resent', async () => {
    const edition = next();
    const fixture = await suite.fixture(edition, { stories: 6 });
    const clients = await Promise.all(['sub1', 'sub2', 'sub3', 'mei'].map((u) => fixture!.client(u)));
    const logs = clients.map(traffic);
    // Every client types on the same version at the same moment: one message each.
    clients.forEach((c, i) => typeInto(c, `s${i + 1}`, '字'));
    await settle(clients);
    for (const log of logs) {
      expect(log.sent.filter((m) => m['type'] === 'steps')).toHaveLength(1);
      expect(log.received.filter((m) => m['type'] === 'stale')).toEqual([]);
    }
    for (const c of clients) expect(c.state!.doc.eq(clients[0]!.state!.doc)).toBe(true);
    clients.forEach((c, i) => expect(storyText(c.state!.doc, `s${i + 1}`)).toBe('·字'));
    expect(clients.flatMap((c) => c.lost)).toEqual([]);
    expect((await stepsSince(suite.db, edition, 0)).length).toBe(4);
  });

  it.skipIf(skip)('rebases a message over steps it has not seen, and the sender keeps typing on top', async () => {
    const fixture = await suite.fixture(next());
    const [a, b] = [await fixture.client('sub1'), await fixture.client('sub2')];
    const log = traffic(b);
    // b sends while a's steps are on their way to it: the authority must rebase b's message.
    log.hold('in');
    typeInto(b, 's2', '先');
    typeInto(a, 's1', '甲乙丙');
    await a.until(() => a.synced);
    typeInto(b, 's2', '后');
    log.release('in');
    await settle([a, b]);
    expect(log.received.filter((m) => m['type'] === 'stale')).toEqual([]);
    expect(storyText(a.state!.doc, 's1')).toBe('·甲乙丙');
    expect(storyText(a.state!.doc, 's2')).toBe('·先后');
    expect(b.state!.doc.eq(a.state!.doc)).toBe(true);
    expect(b.lost).toEqual([]);
  });

  it.skipIf(skip)('reports a step that no longer applies once, with its text, commits the rest, and keeps undo right', async () => {
    const fixture = await suite.fixture(next());
    const [mei, sub] = [await fixture.client('mei'), await fixture.client('sub1')];
    const log = traffic(sub);
    // One message from sub: a character in s1 and one in s2; meanwhile the layout editor deletes s2.
    log.hold('out');
    log.hold('in');
    sub.edit((s) => {
      const tr = s.tr.insertText('留', storyEnd(s.doc, 's1'));
      return tr.insertText('删', storyEnd(tr.doc, 's2'));
    });
    mei.edit((s) => {
      const pos = storyPos(s.doc, 's2');
      return s.tr.delete(pos, pos + s.doc.nodeAt(pos)!.nodeSize);
    });
    await mei.until(() => mei.synced);
    // The authority sees sub's message (made before the deletion) before sub sees the deletion.
    log.release('out');
    await mei.until(() => storyText(mei.state!.doc, 's1') === '·留');
    log.release('in');
    await settle([mei, sub]);
    expect(sub.lost.map((l) => [l.reason, l.text])).toEqual([['rebase', '删']]);
    expect(log.received.filter((m) => m['type'] === 'stale')).toEqual([]);
    expect(sub.state!.doc.eq(mei.state!.doc)).toBe(true);
    expect(() => storyPos(sub.state!.doc, 's2')).toThrow();
    // sub's committed step stays its own to undo; the layout editor's deletion stays.
    expect(sub.command(undo)).toBe(true);
    await settle([mei, sub]);
    expect(storyText(mei.state!.doc, 's1')).toBe('·');
    expect(() => storyPos(mei.state!.doc, 's2')).toThrow();
    expect(sub.state!.doc.eq(mei.state!.doc)).toBe(true);
  });

  it.skipIf(skip)('reports a message none of whose steps applies any more, and takes it back', async () => {
    const fixture = await suite.fixture(next());
    const [mei, sub] = [await fixture.client('mei'), await fixture.client('sub1')];
    const log = traffic(sub);
    log.hold('out');
    typeInto(sub, 's2', '无处');
    mei.edit((s) => {
      const pos = storyPos(s.doc, 's2');
      return s.tr.delete(pos, pos + s.doc.nodeAt(pos)!.nodeSize);
    });
    await mei.until(() => mei.synced);
    await sub.until(() => sub.version === mei.version);
    log.release('out');
    await settle([mei, sub]);
    // The unsent 处 is reported when sub rebases; the sent 无 when the authority answers.
    expect(sub.lost.map((l) => l.text).sort()).toEqual(['处', '无']);
    expect(sub.state!.doc.eq(mei.state!.doc)).toBe(true);
    expect(sub.synced).toBe(true);
  });

  it.skipIf(skip)('commits a message whose answer was lost at most once', async () => {
    const edition = next();
    let loseAnswer = false;
    let lostAnswers = 0;
    // The database commits, but the desk hears a failure (as when the connection drops at COMMIT).
    const lossy: DeskDb = {
      ...suite.db,
      kind: suite.db.kind,
      query: (text, params) => suite.db.query(text, params),
      listen: (channel, on) => suite.db.listen(channel, on),
      close: async () => {},
      transaction: async (fn) => {
        const result = await suite.db.transaction(fn);
        if (loseAnswer) {
          loseAnswer = false;
          lostAnswers++;
          throw new Error('connection lost at commit');
        }
        return result;
      },
    };
    const fixture = suite.track(await deskFixture(lossy, edition));
    const [a, b] = [await fixture.client('sub1'), await fixture.client('sub2')];
    loseAnswer = true;
    typeInto(a, 's1', '一次');
    await settle([a, b]);
    expect(lostAnswers).toBe(1);
    expect(storyText(b.state!.doc, 's1')).toBe('·一次');
    expect(a.state!.doc.eq(b.state!.doc)).toBe(true);
    expect((await stepsSince(suite.db, edition, 0)).length).toBe(2);
  });

  it.skipIf(skip)('converges under random delays with typing, moves and undo', async () => {
    const fixture = await suite.fixture(next(), { stories: 6 });
    const users = ['sub1', 'sub2', 'sub3', 'mei'];
    const clients = await Promise.all(users.map((u) => fixture!.client(u)));
    const logs = clients.map(traffic);
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const typed: string[][] = clients.map(() => []);
    let ch = 0x4e00;
    for (let round = 0; round < 60; round++) {
      const i = Math.floor(random() * clients.length);
      const c = clients[i]!;
      const log = logs[i]!;
      const r = random();
      if (r < 0.15) log.hold('in');
      else if (r < 0.3) log.release('in');
      else if (r < 0.4) log.hold('out');
      else if (r < 0.55) log.release('out');
      else if (r < 0.62 && users[i] === 'mei') c.edit((s) => s.tr.setNodeAttribute(storyPos(s.doc, 's5'), 'col', Math.floor(random() * 8)));
      else {
        const text = String.fromCharCode(ch++);
        typed[i]!.push(text);
        c.edit((s) => s.tr.insertText(text, storyEnd(s.doc, `s${i + 1}`)));
      }
      if (round % 10 === 9) await new Promise((r) => setTimeout(r, 5));
    }
    for (const log of logs) {
      log.release('out');
      log.release('in');
    }
    await settle(clients);
    for (const c of clients) expect(c.state!.doc.eq(clients[0]!.state!.doc)).toBe(true);
    clients.forEach((_, i) => expect(storyText(clients[0]!.state!.doc, `s${i + 1}`)).toBe(`·${typed[i]!.join('')}`));
    expect(clients.flatMap((c) => c.lost)).toEqual([]);
    // Each user's undo takes back only its own typing.
    expect(clients[0]!.command(undo)).toBe(true);
    await settle(clients);
    expect(storyText(clients[1]!.state!.doc, 's2')).toBe(`·${typed[1]!.join('')}`);
    expect(clients[1]!.state!.doc.eq(clients[0]!.state!.doc)).toBe(true);
  });
});
